import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { GenerateMonthlyReportInput, GenerateMonthlyReportPayload, MonthlyReport } from './monthly-report.types';

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  @Authorized()
  @Query(() => [MonthlyReport], { description: 'The stored monthly reports, newest month first; supervisors and administrators' })
  monthlyReports(@Ctx() ctx: RequestContext) {
    return ctx.services.monthlyReports.list(ctx);
  }

  @Authorized()
  @Mutation(() => GenerateMonthlyReportPayload, {
    description: 'Gathers and stores the report of a month (again: replaces it); supervisors and administrators',
  })
  async generateMonthlyReport(
    @Arg('input') input: GenerateMonthlyReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<GenerateMonthlyReportPayload> {
    return { report: await ctx.services.monthlyReports.generate(ctx, input), errors: [] };
  }
}
