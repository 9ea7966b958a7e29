import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';

@ObjectType({ description: 'A date the tenant closed itself: not a working day for its working-day deadlines' })
export class CalendarClosure {
  @Field({ description: 'ISO date, e.g. 2026-12-24' }) date: string;
  @Field() reason: string;
  @Field() createdAt: Date;
}

@ObjectType({
  description:
    "What the tenant's deadlines are counted on: its time zone, the public holidays and make-up working days of its holiday region, and its own closures",
})
export class WorkingCalendar {
  @Field({ description: 'IANA time zone the days are counted in' }) timeZone: string;
  @Field({ description: 'Whose public holidays count, e.g. CN for mainland China' }) holidayRegion: string;
  @Field(() => [CalendarClosure], { description: 'Dates the tenant closed, in order' }) closures: CalendarClosure[];
  @Field(() => [Int], {
    description:
      'Years with a public-holiday schedule of the holiday region; a period in days or working days that runs into another year is counted on weekends alone and marked provisional until the year is loaded',
  })
  coversYears: number[];
}

@InputType()
export class AddCalendarClosureInput {
  @Field({ description: 'ISO date, e.g. 2026-12-24' }) date: string;
  @Field({ description: 'Why the tenant is closed, e.g. stock-taking; 1 to 200 characters' }) reason: string;
}

@ObjectType()
export class AddCalendarClosurePayload {
  @Field(() => CalendarClosure, { nullable: true }) closure: CalendarClosure | null;
  @Field(() => WorkingCalendar, { nullable: true }) calendar: WorkingCalendar | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class RemoveCalendarClosureInput {
  @Field({ description: 'ISO date of a closure' }) date: string;
}

@ObjectType()
export class RemoveCalendarClosurePayload {
  @Field(() => String, { nullable: true }) removedDate: string | null;
  @Field(() => WorkingCalendar, { nullable: true }) calendar: WorkingCalendar | null;
  @Field(() => [UserError]) errors: UserError[];
}
