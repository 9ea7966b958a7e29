import { Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { SatisfactionScoreInput } from '../complaints/complaint.inputs';
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

@InputType({ description: 'A complainant scoring the answer they were given; no account needed' })
export class AnswerSatisfactionSurveyInput {
  @Field() tenantSlug: string;
  @Field() trackingCode: string;
  @Field(() => [SatisfactionScoreInput]) scores: SatisfactionScoreInput[];
  @Field(() => String, { nullable: true }) comment?: string | null;
}

@ObjectType()
export class AnswerSatisfactionSurveyPayload {
  @Field(() => PublicComplaintStatus, { nullable: true, description: 'The complaint as the complainant now sees it' })
  status: PublicComplaintStatus | null;
  @Field(() => [UserError]) errors: UserError[];
}
