import { Field, Float, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DeadlineStageEnum, SatisfactionDimensionEnum } from '../complaints/complaint.enums';

/** The statistics' GraphQL shapes (api.md: Analysis, `complaintStatistics`). */

export enum StatisticsDimension {
  CATEGORY = 'CATEGORY',
  DEPARTMENT = 'DEPARTMENT',
  CHANNEL = 'CHANNEL',
  PRIORITY = 'PRIORITY',
  MONTH = 'MONTH',
}
registerEnumType(StatisticsDimension, {
  name: 'StatisticsDimension',
  description: 'What to group complaints by: category code, department code, channel, priority, or month (YYYY-MM, tenant time)',
});

@InputType({ description: 'The complaints received in [from, to)' })
export class StatisticsFilter {
  @Field() from: Date;
  @Field() to: Date;
}

@ObjectType({ description: 'A duration in hours: median and 90th percentile; null when no complaint of the group got there' })
export class DurationStatistics {
  @Field(() => Float, { nullable: true }) median: number | null;
  @Field(() => Float, { nullable: true }) p90: number | null;
}

@ObjectType({ description: 'The average score of one satisfaction dimension over the group’s follow-ups' })
export class SatisfactionAverage {
  @Field(() => SatisfactionDimensionEnum) dimension: string;
  @Field(() => Float, { description: "On the tenant's current scale; scores given on an earlier scale are mapped onto it" })
  average: number;
  @Field(() => Int, { description: 'How many scores it averages' }) responses: number;
}

@ObjectType({ description: 'Clocks of one stage that were met or ran out' })
export class StageDeadlines {
  @Field(() => DeadlineStageEnum) stage: string;
  @Field(() => Int) met: number;
  @Field(() => Int) missed: number;
}

@ObjectType({ description: 'One group of complaints and what happened to them' })
export class ComplaintStatisticsRow {
  @Field(() => [String], { nullable: 'items', description: 'One value per groupBy dimension, in its order; null when unset' })
  key: (string | null)[];
  @Field(() => Int) count: number;
  @Field(() => Int, { description: 'Clocks met in time' }) deadlinesMet: number;
  @Field(() => Int, { description: 'Clocks that ran out' }) deadlinesMissed: number;
  @Field(() => [StageDeadlines]) deadlinesByStage: StageDeadlines[];
  @Field(() => DurationStatistics, { description: 'From receipt to acknowledgement' }) timeToAcknowledge: DurationStatistics;
  @Field(() => DurationStatistics, { description: 'From receipt to the resolution carried out' }) timeToResolve: DurationStatistics;
  @Field(() => DurationStatistics, { description: 'From receipt to the close' }) timeToClose: DurationStatistics;
  @Field(() => [SatisfactionAverage]) satisfaction: SatisfactionAverage[];
  @Field(() => Float, { description: 'Share of the group reopened at least once, 0 to 1' }) reopenRate: number;
}
