import { Arg, Authorized, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { viewerAnalysisScope } from './analysis-scope';
import { ComplaintHotspots, PenaltyTotal } from './hotspots.types';
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
    return ctx.services.statistics.complaintStatistics(viewerAnalysisScope(ctx), filter, groupBy);
  }

  @Authorized()
  @Query(() => ComplaintHotspots, {
    description: 'The assets, products and customers with the most complaints received in the period that the viewer may see',
  })
  complaintHotspots(
    @Arg('filter', () => StatisticsFilter) filter: StatisticsFilter,
    @Arg('limit', () => Int, { defaultValue: 10, description: '1 to 100 of each' }) limit: number,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.hotspots.complaintHotspots(viewerAnalysisScope(ctx), filter, limit);
  }

  @Authorized()
  @Query(() => [PenaltyTotal], {
    description: 'Penalties charged in the period, not waived, by person and department: all for supervisors, one’s own for others',
  })
  penaltyTotals(@Arg('filter', () => StatisticsFilter) filter: StatisticsFilter, @Ctx() ctx: RequestContext) {
    return ctx.services.hotspots.penaltyTotals(viewerAnalysisScope(ctx), filter);
  }
}
