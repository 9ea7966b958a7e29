import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql/connection';
import type { ProvisionalReason } from '../calendar/provisional';

/** Follow-up tasks' GraphQL shapes (api.md: Analysis, `followUps`). */

export interface FollowUpTaskRow {
  id: string;
  tenantId: string;
  complaintId: string;
  sequence: number;
  assigneeId: string | null;
  dueAt: Date;
  doneAt: Date | null;
  followUpId: string | null;
  cancelledAt: Date | null;
  overdueAt: Date | null;
  decidedBy: string;
  reason: 'PLAN' | 'LOW_SATISFACTION';
  createdAt: Date;
  /** Computed by the query at the database's clock. */
  overdue: boolean;
  provisional: boolean;
  provisionalReason: ProvisionalReason | null;
}

@ObjectType({ description: 'A follow-up visit the governing plugin planned after the resolution was carried out' })
export class FollowUpTask {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: 'Which visit of the complaint: 1 for the first' }) sequence: number;
  @Field() dueAt: Date;
  @Field(() => Date, { nullable: true, description: 'When a follow-up was recorded for it' }) doneAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Set when the complaint was closed, withdrawn or reopened first' })
  cancelledAt: Date | null;
  @Field({ description: 'Still open and past its due time' }) overdue: boolean;
  @Field({ description: 'PLAN: planned after execution; LOW_SATISFACTION: opened by a score below the threshold' })
  reason: string;
  @Field({ description: 'The plugin version that planned it, e.g. retail@1.0.0' }) decidedBy: string;
  @Field({
    description:
      'Counted on weekends alone because its period runs into a year without a public-holiday schedule; counted again when the year is loaded',
  })
  provisional: boolean;
  row: FollowUpTaskRow;
}

export const FollowUpTaskConnection = ConnectionType(FollowUpTask, 'FollowUpTask');

@InputType({ description: 'Every given condition must hold; without one, the open tasks in due order' })
export class FollowUpFilter {
  @Field(() => ID, { nullable: true, description: 'Tasks of this person' }) assigneeId?: string | null;
  @Field(() => Date, { nullable: true, description: 'Tasks due before this instant' }) dueBefore?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Only overdue tasks (true) or only ones not overdue (false)' })
  overdue?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Include done and cancelled tasks (default false)' })
  includeClosed?: boolean | null;
}
