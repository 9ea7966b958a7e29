import type { Channel, Demand, Priority, ResolutionKind } from '@redress/plugin-api';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../graphql/errors';
import {
  ApprovalDecisionEnum,
  AssessmentDecisionEnum,
  ChannelEnum,
  ComplaintStatusEnum,
  DemandEnum,
  PriorityEnum,
  RespondentKindEnum,
  ResolutionKindEnum,
  SatisfactionDimensionEnum,
} from './complaint.enums';
import type { ComplaintRow, EventRow } from './complaint-rows';
import { Complaint, ComplaintEvent } from './complaint.types';

/** Inputs and payloads of the complaint API. Values are checked by the services (zod). */

@InputType()
export class ComplainantInput {
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Digits, optionally with a leading +' }) phone?: string | null;
  @Field(() => String, { nullable: true }) email?: string | null;
}

@InputType()
export class RespondentInput {
  @Field(() => RespondentKindEnum) kind: 'STORE' | 'DEPARTMENT' | 'STAFF';
  @Field() name: string;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) userId?: string | null;
}

@InputType({ description: 'The asset concerned; an existing one is found again by serial number' })
export class AssetInput {
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Serial number or VIN' }) serialNumber?: string | null;
  @Field(() => String, { nullable: true }) model?: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date, e.g. 2027-06-30' }) warrantyEndsOn?: string | null;
  @Field(() => ID, { nullable: true }) parentId?: string | null;
}

@InputType()
export class EvidenceInput {
  @Field() fileName: string;
  @Field() contentType: string;
  @Field(() => Float) sizeBytes: number;
  @Field(() => String, { nullable: true }) sha256?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: 'A complaint recorded by staff (first-receiver responsibility)' })
export class FileComplaintInput {
  @Field(() => ChannelEnum) channel: Channel;
  @Field(() => Date, { nullable: true, description: 'Defaults to now; may not lie in the future' }) receivedAt?: Date | null;
  @Field() description: string;
  @Field(() => [DemandEnum]) demands: Demand[];
  @Field(() => ComplainantInput) complainant: ComplainantInput;
  @Field(() => RespondentInput, { nullable: true }) respondent?: RespondentInput | null;
  @Field(() => AssetInput, { nullable: true }) asset?: AssetInput | null;
  @Field(() => [EvidenceInput], { nullable: true }) evidence?: EvidenceInput[] | null;
  @Field(() => String, { nullable: true, description: 'A first guess; the assessment decides' }) categoryCode?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Industry intake fields' }) fields?: Record<string, unknown> | null;
}

@InputType({ description: 'A complaint filed by the complainant, without an account' })
export class SubmitComplaintInput {
  @Field() tenantSlug: string;
  @Field() description: string;
  @Field(() => [DemandEnum]) demands: Demand[];
  @Field(() => ComplainantInput) complainant: ComplainantInput;
  @Field(() => String, { nullable: true, description: 'The store, department or person complained about' })
  respondentName?: string | null;
  @Field(() => AssetInput, { nullable: true }) asset?: AssetInput | null;
  @Field(() => [EvidenceInput], { nullable: true }) evidence?: EvidenceInput[] | null;
  @Field(() => GraphQLJSON, { nullable: true, description: "Industry intake fields of the organization's plugin" })
  fields?: Record<string, unknown> | null;
}

/** Fields every lifecycle input has; the subclasses are the inputs of the mutations. */
@InputType()
export abstract class ComplaintChangeInput {
  @Field(() => ID) complaintId: string;
  @Field(() => Int, { description: 'The version the client last saw; a newer one fails with STALE_VERSION' })
  expectedVersion: number;
}

@InputType()
export class AcknowledgeComplaintInput extends ComplaintChangeInput {}

@InputType()
export class AssessComplaintInput extends ComplaintChangeInput {
  @Field(() => AssessmentDecisionEnum) decision: 'ACCEPT' | 'REJECT';
  @Field(() => String, { nullable: true, description: 'Required to accept' }) categoryCode?: string | null;
  @Field(() => PriorityEnum, { nullable: true, description: "Overrides the plugin's priority" }) priority?: Priority | null;
  @Field(() => Boolean, { nullable: true, description: 'Marks a major complaint' }) major?: boolean | null;
  @Field(() => String, { nullable: true, description: "Required to reject: one of the plugin's reasons" })
  rejectionReason?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: 'Assigns, or hands over, to a department and/or a person' })
export class AssignComplaintInput extends ComplaintChangeInput {
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RecordInvestigationInput extends ComplaintChangeInput {
  @Field() cause: string;
  @Field({ description: 'The course of events' }) course: string;
  @Field(() => String, { nullable: true }) responsiblePerson?: string | null;
  @Field(() => ID, { nullable: true }) responsibleUserId?: string | null;
  @Field() conclusion: string;
  @Field() countermeasures: string;
  @Field() prevention: string;
}

@InputType()
export class ProposeResolutionInput extends ComplaintChangeInput {
  @Field(() => ResolutionKindEnum) kind: ResolutionKind;
  @Field(() => Float, { nullable: true, description: 'Up to 2 decimals; needs currency' }) amount?: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217, e.g. CNY' }) currency?: string | null;
  @Field() description: string;
}

@InputType()
export class DecideApprovalInput extends ComplaintChangeInput {
  @Field(() => ApprovalDecisionEnum) decision: 'APPROVE' | 'REJECT' | 'SEND_BACK';
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class MarkResolutionExecutedInput extends ComplaintChangeInput {
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType()
export class RespondToComplainantInput extends ComplaintChangeInput {
  @Field(() => ChannelEnum) channel: Channel;
  @Field() message: string;
  @Field(() => String, { nullable: true, description: "The complainant's reaction, as told" }) customerReaction?: string | null;
}

@InputType()
export class SatisfactionScoreInput {
  @Field(() => SatisfactionDimensionEnum) dimension: string;
  @Field(() => Int, { description: "1 (worst) to the tenant's scaleMax (best)" }) score: number;
}

@InputType()
export class RecordFollowUpInput extends ComplaintChangeInput {
  @Field(() => [SatisfactionScoreInput]) scores: SatisfactionScoreInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@InputType()
export class CloseComplaintInput extends ComplaintChangeInput {
  @Field({ description: 'Lessons, corrective and preventive actions' }) summary: string;
  @Field(() => Float, { nullable: true }) lossAmount?: number | null;
  @Field(() => String, { nullable: true }) lossCurrency?: string | null;
}

@InputType()
export class ReopenComplaintInput extends ComplaintChangeInput {
  @Field() reason: string;
}

@InputType()
export class EscalateComplaintInput extends ComplaintChangeInput {
  @Field() reason: string;
}

@InputType()
export class WithdrawComplaintInput extends ComplaintChangeInput {
  @Field(() => String, { nullable: true }) reason?: string | null;
}

@InputType()
export class AddNoteInput extends ComplaintChangeInput {
  @Field() body: string;
}

@InputType({ description: "Sets industry fields of the governing plugin; a null value removes the field" })
export class UpdateComplaintFieldsInput extends ComplaintChangeInput {
  @Field(() => GraphQLJSON) fields: Record<string, unknown>;
  @Field(() => String, { nullable: true, description: 'Why they changed' }) note?: string | null;
}

@InputType({ description: 'Stops the open clocks while the complaint waits on the complainant' })
export class PauseClockInput extends ComplaintChangeInput {
  @Field({ description: 'What the complaint waits for' }) reason: string;
}

@InputType({ description: 'Restarts the paused clocks; each due time moves by the time it was paused' })
export class ResumeClockInput extends ComplaintChangeInput {
  @Field(() => String, { nullable: true }) note?: string | null;
}

@InputType({ description: 'Records that an employee refused to receive this complaint (first-receiver responsibility)' })
export class RecordRefusalToReceiveInput extends ComplaintChangeInput {
  @Field(() => ID, { description: 'The member who refused' }) employeeId: string;
  @Field() note: string;
}

@ObjectType()
export class ComplaintPayload {
  @Field(() => Complaint, { nullable: true }) complaint: Complaint | null;
  @Field(() => ComplaintEvent, { nullable: true, description: 'The event the change wrote' }) event: ComplaintEvent | null;
  @Field(() => [UserError]) errors: UserError[];

  /** The payload of a change that succeeded (expected failures are filled in by the mutation boundary). */
  static of(result: { row: ComplaintRow; event: EventRow }): ComplaintPayload {
    return { complaint: Complaint.from(result.row), event: ComplaintEvent.from(result.event), errors: [] };
  }
}

@ObjectType()
export class SubmitComplaintPayload {
  @Field(() => String, { nullable: true, description: 'Keep it: it is the only way to follow the complaint' })
  trackingCode: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType({ description: 'Every given condition must hold' })
export class ComplaintFilter {
  @Field(() => [ComplaintStatusEnum], { nullable: true }) status?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The category or any of its sub-categories' }) categoryCode?: string | null;
  @Field(() => [PriorityEnum], { nullable: true }) priority?: string[] | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A stage clock ran out and is still open' }) overdue?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Words of the description or the complainant, or a tracking code or number' })
  text?: string | null;
  @Field(() => Date, { nullable: true }) receivedFrom?: Date | null;
  @Field(() => Date, { nullable: true }) receivedTo?: Date | null;
}

export enum ComplaintOrderField {
  RECEIVED_AT = 'RECEIVED_AT',
  NUMBER = 'NUMBER',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ComplaintOrderField, { name: 'ComplaintOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class ComplaintOrder {
  @Field(() => ComplaintOrderField) field: ComplaintOrderField;
  @Field(() => OrderDirection) direction: OrderDirection;
}
