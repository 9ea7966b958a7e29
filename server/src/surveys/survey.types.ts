import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { RecordFollowUpInput } from '../complaints/complaint.inputs';
import { declareInput, field } from '../graphql/input-type';
import { PublicComplaintStatus } from '../complaints/complaint.types';
import { UserError } from '../graphql/errors';

@ObjectType({ description: 'How the tenant scores satisfaction: 1 to scaleMax; a score below threshold is low' })
export class SurveySettings {
  @Field(() => Int) scaleMax: number;
  @Field(() => Float) threshold: number;
}

@InputType()
export class ConfigureSurveyInput {
  @Field(() => Int, { description: '3 to 10' }) scaleMax: number;
  @Field(() => Float, { description: 'Above 1 and at most scaleMax; scores below it are low' }) threshold: number;
}

@ObjectType()
export class ConfigureSurveyPayload {
  @Field(() => SurveySettings, { nullable: true }) settings: SurveySettings | null;
  @Field(() => [UserError]) errors: UserError[];
}

/** The scores and comment take the rules of a staff follow-up. */
export const AnswerSatisfactionSurveyInput = declareInput(
  'AnswerSatisfactionSurveyInput',
  {
    tenantSlug: field(z.string(), () => String),
    trackingCode: field(z.string(), () => String),
    scores: RecordFollowUpInput.fields.scores,
    comment: RecordFollowUpInput.fields.comment,
  },
  { description: 'A complainant scoring the answer they were given; no account needed' },
);
export type AnswerSatisfactionSurveyInput = InstanceType<typeof AnswerSatisfactionSurveyInput>;

@ObjectType()
export class AnswerSatisfactionSurveyPayload {
  @Field(() => PublicComplaintStatus, { nullable: true, description: 'The complaint as the complainant now sees it' })
  status: PublicComplaintStatus | null;
  @Field(() => [UserError]) errors: UserError[];
}
