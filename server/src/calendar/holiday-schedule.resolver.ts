import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PLATFORM_ADMIN } from '../identity/roles';
import { CalendarCoverage, HolidaySchedule, SetHolidayScheduleInput, SetHolidaySchedulePayload } from './holiday-schedule.types';

@Resolver()
export class HolidayScheduleResolver {
  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => SetHolidaySchedulePayload, {
    description:
      "Platform administrators only: loads or corrects a region's public holidays and make-up working days for a year, then counts every open provisional due time of the region again",
  })
  async setHolidaySchedule(@Arg('input') input: SetHolidayScheduleInput, @Ctx() ctx: RequestContext): Promise<SetHolidaySchedulePayload> {
    const { schedule, recounted } = await ctx.services.holidaySchedules.set(ctx, input);
    return { schedule, recountedClocks: recounted.clocks, recountedFollowUps: recounted.followUps, errors: [] };
  }

  @Authorized()
  @Query(() => [HolidaySchedule], { description: 'The public-holiday schedules loaded, by region and year' })
  holidaySchedules(
    @Arg('region', () => String, { nullable: true }) region: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<HolidaySchedule[]> {
    return ctx.services.holidaySchedules.list(ctx, region);
  }

  @Authorized(PLATFORM_ADMIN)
  @Query(() => [CalendarCoverage], {
    description: 'Platform administrators only: per holiday region, the years loaded and the due times that wait on a missing one',
  })
  calendarCoverage(@Ctx() ctx: RequestContext): Promise<CalendarCoverage[]> {
    return ctx.services.holidaySchedules.coverage(ctx);
  }
}
