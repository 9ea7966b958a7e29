import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { ComplaintStatisticsRow, StatisticsDimension, StatisticsFilter } from './statistics.types';

@Resolver()
export class StatisticsResolver {
  @Authorized()
  @Query(() => [ComplaintStatisticsRow], {
    description: 'The complaints received in a period that the viewer may see, grouped; the largest groups first',
  })
  complaintStatistics(
    @Arg('filter', () => StatisticsFilter) filter: StatisticsFilter,
    @Arg('groupBy', () => [StatisticsDimension], { defaultValue: [] }) groupBy: StatisticsDimension[],
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.statistics.complaintStatistics(ctx, filter, groupBy);
  }
}
