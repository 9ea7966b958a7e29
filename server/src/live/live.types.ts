import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ApprovalStep, Complaint, ComplaintEvent, Deadline } from '../complaints/complaint.types';
import { MonthlyReport } from '../reports/monthly-report.types';

export enum LiveUpdateKind {
  CHANGE = 'CHANGE',
  REFETCH = 'REFETCH',
}
registerEnumType(LiveUpdateKind, {
  name: 'LiveUpdateKind',
  description: 'What a live update means for the client',
  valuesConfig: {
    CHANGE: { description: 'Something changed; the other fields say what' },
    REFETCH: {
      description:
        'Updates may have been missed (the server lost its event feed for a moment): reload what you show. The other fields are null.',
    },
  },
});

export enum DeadlineAlertKind {
  DUE_SOON = 'DUE_SOON',
  BREACHED = 'BREACHED',
  /** Counted again on a public-holiday schedule loaded or corrected since it was set. */
  RECOUNTED = 'RECOUNTED',
}
registerEnumType(DeadlineAlertKind, { name: 'DeadlineAlertKind', description: 'Why a deadline is reported' });

@ObjectType({ description: 'A change of a complaint the viewer may see, or a request to refetch' })
export class ComplaintChange {
  @Field(() => LiveUpdateKind) kind: LiveUpdateKind;
  @Field(() => Complaint, { nullable: true, description: 'The complaint as it is now' }) complaint: Complaint | null;
  @Field(() => ComplaintEvent, { nullable: true, description: 'The timeline event the change wrote' }) event: ComplaintEvent | null;
}

@ObjectType({ description: 'A deadline about to fall due or breached, or a request to refetch' })
export class DeadlineAlert {
  @Field(() => LiveUpdateKind) kind: LiveUpdateKind;
  @Field(() => DeadlineAlertKind, { nullable: true }) alert: DeadlineAlertKind | null;
  @Field(() => Deadline, { nullable: true }) deadline: Deadline | null;
  @Field(() => Complaint, { nullable: true }) complaint: Complaint | null;
}

@ObjectType({ description: 'An approval step now waiting on the viewer, or a request to refetch' })
export class ApprovalRequest {
  @Field(() => LiveUpdateKind) kind: LiveUpdateKind;
  @Field(() => ApprovalStep, { nullable: true }) step: ApprovalStep | null;
  @Field(() => Complaint, { nullable: true }) complaint: Complaint | null;
}

@ObjectType({ description: 'A monthly report made or made again that the viewer may open, or a request to refetch' })
export class MonthlyReportPublication {
  @Field(() => LiveUpdateKind) kind: LiveUpdateKind;
  @Field(() => MonthlyReport, { nullable: true }) report: MonthlyReport | null;
}

export const refetch = { kind: LiveUpdateKind.REFETCH };
