import { Field, Int, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { closureDateSchema, closureReasonSchema } from './calendar.schemas';

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

export const AddCalendarClosureInput = declareInput('AddCalendarClosureInput', {
  date: field(closureDateSchema, () => String, { description: 'ISO date, e.g. 2026-12-24' }),
  reason: field(closureReasonSchema, () => String, { description: 'Why the tenant is closed, e.g. stock-taking; 1 to 200 characters' }),
});
export type AddCalendarClosureInput = InstanceType<typeof AddCalendarClosureInput>;

@ObjectType()
export class AddCalendarClosurePayload {
  @Field(() => CalendarClosure, { nullable: true }) closure: CalendarClosure | null;
  @Field(() => WorkingCalendar, { nullable: true }) calendar: WorkingCalendar | null;
  @Field(() => [UserError]) errors: UserError[];
}

export const RemoveCalendarClosureInput = declareInput('RemoveCalendarClosureInput', {
  date: field(closureDateSchema, () => String, { description: 'ISO date of a closure' }),
});
export type RemoveCalendarClosureInput = InstanceType<typeof RemoveCalendarClosureInput>;

@ObjectType()
export class RemoveCalendarClosurePayload {
  @Field(() => String, { nullable: true }) removedDate: string | null;
  @Field(() => WorkingCalendar, { nullable: true }) calendar: WorkingCalendar | null;
  @Field(() => [UserError]) errors: UserError[];
}
