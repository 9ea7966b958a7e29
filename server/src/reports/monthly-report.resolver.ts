import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { userOrNull } from '../complaints/complaint-event.resolver';
import { User } from '../identity/identity.types';
import { GenerateMonthlyReportInput, GenerateMonthlyReportPayload, MonthlyReport } from './monthly-report.types';

@Resolver(() => MonthlyReport)
export class MonthlyReportResolver {
  @Authorized()
  @Query(() => [MonthlyReport], {
    description:
      'The stored monthly reports the viewer may open (managers: all; others: those naming a role of theirs), newest month first',
  })
  monthlyReports(@Ctx() ctx: RequestContext) {
    return ctx.services.monthlyReports.list(ctx);
  }

  @Authorized()
  @Mutation(() => GenerateMonthlyReportPayload, {
    description:
      'Gathers and stores the report of a month (again: replaces it); supervisors, administrators and the role the plugin has prepare it',
  })
  async generateMonthlyReport(
    @Arg('input') input: GenerateMonthlyReportInput,
    @Ctx() ctx: RequestContext,
  ): Promise<GenerateMonthlyReportPayload> {
    return { report: await ctx.services.monthlyReports.generate(ctx, input), errors: [] };
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who generated it last; null when the platform made it on schedule' })
  generatedBy(@Root() report: MonthlyReport, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, report.row.generatedBy);
  }
}
