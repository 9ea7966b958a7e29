import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';

/** Monthly reports' GraphQL shapes (api.md: Analysis). */

export interface MonthlyReportRow {
  id: string;
  tenantId: string;
  month: string;
  periodFrom: Date;
  periodTo: Date;
  generatedAt: Date;
  generatedBy: string | null;
  dueAt: Date | null;
  preparedByRole: string | null;
  addressedTo: string[];
  decidedBy: string | null;
}

@ObjectType({ description: 'The complaints of one month, stored when generated; download with the same bearer credentials' })
export class MonthlyReport {
  @Field(() => ID) id: string;
  @Field({ description: 'YYYY-MM, in the tenant’s time zone' }) month: string;
  @Field() generatedAt: Date;
  @Field(() => Date, {
    nullable: true,
    description: 'When the industry expects it: the end of a day of the next month; null when it asks for none',
  })
  dueAt: Date | null;
  @Field(() => String, { nullable: true, description: 'The role that prepares it, e.g. administration' }) preparedBy: string | null;
  @Field(() => [String], { description: 'The roles it is submitted to, e.g. general-manager; their holders may open it' })
  addressedTo: string[];
  @Field(() => String, { nullable: true, description: 'The plugin version whose plan set the due time and addressees' })
  decidedBy: string | null;
  @Field({ description: 'Path of the CSV download on this server' }) csvUrl: string;
  @Field({ description: 'Path of the printable HTML page with charts on this server' }) htmlUrl: string;
  row: MonthlyReportRow;
}

@InputType()
export class GenerateMonthlyReportInput {
  @Field({ description: 'YYYY-MM: a month that has begun' }) month: string;
}

@ObjectType()
export class GenerateMonthlyReportPayload {
  @Field(() => MonthlyReport, { nullable: true }) report: MonthlyReport | null;
  @Field(() => [UserError]) errors: UserError[];
}
