import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';

@ObjectType({ description: 'A public holiday of a schedule' })
export class Holiday {
  @Field({ description: 'ISO date, e.g. 2027-02-06' }) date: string;
  @Field({ description: 'e.g. 春节 Spring Festival' }) name: string;
}

@ObjectType({
  description: "One year's public holidays and make-up working days (调休) of a region: platform data every tenant of the region counts on",
})
export class HolidaySchedule {
  @Field({ description: 'Short uppercase code, e.g. CN for mainland China' }) region: string;
  @Field(() => Int) year: number;
  @Field(() => [Holiday], { description: 'In date order; a holiday on a weekend is listed too' }) holidays: Holiday[];
  @Field(() => [String], { description: 'Make-up working days: weekend dates that are working days, in order' }) workingDays: string[];
  @Field({ description: 'Where the dates come from, e.g. the State Council notice or chinese-days@1.5.7' }) source: string;
  @Field({ description: 'Who loaded it: migration, import (command line) or platform-admin' }) loadedBy: string;
  @Field() loadedAt: Date;
}

@InputType()
export class HolidayInput {
  @Field({ description: 'ISO date in the schedule year' }) date: string;
  @Field({ description: '1 to 100 characters' }) name: string;
}

@InputType({ description: "A region's year: replaces what was loaded for it before" })
export class SetHolidayScheduleInput {
  @Field({ description: 'Short uppercase code, e.g. CN or CN-HK' }) region: string;
  @Field(() => Int) year: number;
  @Field(() => [HolidayInput]) holidays: HolidayInput[];
  @Field(() => [String], { description: 'Make-up working days: weekend dates of the year, none of them a holiday' })
  workingDays: string[];
  @Field({ description: 'Where the dates come from; 1 to 200 characters' }) source: string;
}

@ObjectType()
export class SetHolidaySchedulePayload {
  @Field(() => HolidaySchedule, { nullable: true }) schedule: HolidaySchedule | null;
  @Field(() => Int, { nullable: true, description: 'Open provisional clocks of the region counted again; null when nothing was loaded' })
  recountedClocks: number | null;
  @Field(() => Int, {
    nullable: true,
    description: 'Open provisional follow-up tasks of the region counted again; null when nothing was loaded',
  })
  recountedFollowUps: number | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Which years of a holiday region are loaded, and how many due times wait on a missing one' })
export class CalendarCoverage {
  @Field() region: string;
  @Field(() => [Int], { description: 'Years with a schedule, in order' }) years: number[];
  @Field(() => Int, { description: 'Tenants that follow the region' }) tenants: number;
  @Field(() => Int, { description: 'Open clocks counted on weekends alone for lack of a schedule' }) openProvisionalClocks: number;
  @Field(() => Int, { description: 'Open follow-up tasks counted on weekends alone for lack of a schedule' })
  openProvisionalFollowUps: number;
}
