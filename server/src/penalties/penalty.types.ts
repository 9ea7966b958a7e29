import { Field, Float, ID, InputType, ObjectType, createUnionType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { ConnectionType } from '../graphql/connection';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { Department, User } from '../identity/identity.types';

/** The penalty ledger's GraphQL shapes (api.md: Accountability). */

export enum PenaltyStatus {
  PENDING = 'PENDING',
  CONFIRMED = 'CONFIRMED',
  WAIVED = 'WAIVED',
}
registerEnumType(PenaltyStatus, { name: 'PenaltyStatus', description: 'Waiting for review, confirmed, or waived (and kept)' });

export enum PenaltyDecision {
  CONFIRM = 'CONFIRM',
  WAIVE = 'WAIVE',
}
registerEnumType(PenaltyDecision, { name: 'PenaltyDecision' });

export enum PenaltyTrigger {
  DEADLINE_BREACH = 'DEADLINE_BREACH',
  LOSS_AT_CLOSE = 'LOSS_AT_CLOSE',
  REFUSAL_TO_RECEIVE = 'REFUSAL_TO_RECEIVE',
}
registerEnumType(PenaltyTrigger, { name: 'PenaltyTrigger', description: 'What the penalty was charged for' });

export enum PenaltySubjectRole {
  HANDLER = 'HANDLER',
  RESPONSIBLE_PERSON = 'RESPONSIBLE_PERSON',
  DEPARTMENT_HEAD = 'DEPARTMENT_HEAD',
  RECEIVING_EMPLOYEE = 'RECEIVING_EMPLOYEE',
}
registerEnumType(PenaltySubjectRole, { name: 'PenaltySubjectRole', description: 'Why the subject bears it' });

export const PenaltySubject = createUnionType({
  name: 'PenaltySubject',
  description: 'A person, or a department (a department head’s share, or no person known)',
  types: () => [User, Department] as const,
  resolveType: (value) => ('email' in value ? User : Department),
});

export interface PenaltyRow {
  id: string;
  tenantId: string;
  complaintId: string;
  trigger: PenaltyTrigger;
  deadlineId: string | null;
  subjectRole: PenaltySubjectRole;
  subjectUserId: string | null;
  subjectDepartmentId: string | null;
  rule: string;
  reason: { en: string; 'zh-CN': string };
  points: string;
  amount: string | null;
  currency: string | null;
  status: PenaltyStatus;
  reviewComment: string | null;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  decidedBy: string;
  createdAt: Date;
}

@ObjectType({ description: 'An entry of the penalty ledger; never deleted, a waived one stays visible as waived' })
export class Penalty {
  @Field(() => ID) id: string;
  @Field(() => PenaltyTrigger) trigger: PenaltyTrigger;
  @Field(() => PenaltySubjectRole) subjectRole: PenaltySubjectRole;
  @Field({ description: 'Why, in the viewer’s language' }) reason: string;
  @Field({ description: 'The plugin rule that set it, e.g. retail.penalties' }) rule: string;
  @Field(() => Float) points: number;
  @Field(() => Float, { nullable: true }) amount: number | null;
  @Field(() => String, { nullable: true }) currency: string | null;
  @Field(() => PenaltyStatus) status: PenaltyStatus;
  @Field(() => String, { nullable: true }) reviewComment: string | null;
  @Field(() => Date, { nullable: true }) reviewedAt: Date | null;
  @Field({ description: 'The plugin version that decided it, e.g. retail@1.0.0' }) decidedBy: string;
  @Field() createdAt: Date;
  row: PenaltyRow;
}

export const PenaltyConnection = ConnectionType(Penalty, 'Penalty');

@InputType({ description: 'Every given condition must hold' })
export class PenaltyFilter {
  @Field(() => ID, { nullable: true, description: 'Penalties borne by this person' }) userId?: string | null;
  @Field(() => ID, { nullable: true, description: 'Penalties borne by this department' }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) complaintId?: string | null;
  @Field(() => [PenaltyStatus], { nullable: true }) status?: PenaltyStatus[] | null;
}

export const ReviewPenaltyInput = declareInput('ReviewPenaltyInput', {
  id: field(z.string(), () => ID),
  decision: field(z.enum([PenaltyDecision.CONFIRM, PenaltyDecision.WAIVE]), () => PenaltyDecision),
  comment: field(z.string().trim().min(1, 'Say why').max(2000), () => String, { description: 'Why: required for both decisions' }),
});
export type ReviewPenaltyInput = InstanceType<typeof ReviewPenaltyInput>;

@ObjectType()
export class PenaltyPayload {
  @Field(() => Penalty, { nullable: true }) penalty: Penalty | null;
  @Field(() => [UserError]) errors: UserError[];
}
