import { DateTime } from 'luxon';

/**
 * Working days on a tenant's calendar: weekends, the public holidays and make-up working
 * days (调休) of the tenant's holiday region as loaded into `holiday_schedules`, and the
 * tenant's own closures.
 *
 * A year without a loaded schedule is counted on weekends alone, and the count says so: the
 * result carries the years it could not check, the caller stores the deadline as
 * provisional, and it is counted again once the year's schedule is loaded.
 */

/** One year's public holidays and make-up working days of a region, as ISO dates. */
export interface YearSchedule {
  readonly holidays: ReadonlySet<string>;
  readonly workingDays: ReadonlySet<string>;
}

/**
 * What a tenant's deadlines are counted on: its time zone, the dates it closed itself
 * (e.g. a store closed for stock-taking), its holiday region and that region's schedules
 * for the years that were loaded. Plain data, so that the arithmetic below stays pure.
 */
export interface TenantCalendar {
  readonly timeZone: string;
  readonly closures: ReadonlySet<string>;
  /** Short uppercase code of the holiday schedules the tenant follows, e.g. CN. */
  readonly region: string;
  /** The schedules loaded, by year; a loaded year missing here has no schedule. */
  readonly schedules: ReadonlyMap<number, YearSchedule>;
  /** The years that were looked up (inclusive); counting outside them is a programming error. */
  readonly loadedYears: { readonly from: number; readonly to: number };
}

export function tenantCalendar(
  timeZone: string,
  options: {
    closures?: Iterable<string>;
    region?: string;
    schedules?: Iterable<{ year: number; holidays: Iterable<string>; workingDays: Iterable<string> }>;
    loadedYears?: { from: number; to: number };
  } = {},
): TenantCalendar {
  const schedules = new Map<number, YearSchedule>();
  for (const schedule of options.schedules ?? []) {
    schedules.set(schedule.year, { holidays: new Set(schedule.holidays), workingDays: new Set(schedule.workingDays) });
  }
  return {
    timeZone,
    closures: new Set(options.closures ?? []),
    region: options.region ?? 'CN',
    schedules,
    loadedYears: options.loadedYears ?? { from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY },
  };
}

/** A calendar with other closures, the same schedules. */
export function withClosures(calendar: TenantCalendar, closures: Iterable<string>): TenantCalendar {
  return { ...calendar, closures: new Set(closures) };
}

export class YearNotLoadedError extends Error {
  constructor(readonly year: number) {
    super(`The holiday schedule of ${year} was not loaded for this count`);
  }
}

/** A local date that a count arrived at, and the years it counted on weekends alone. */
export interface CountedDate {
  date: string;
  uncoveredYears: number[];
}

/** Collects the years without a schedule that a count looked at. */
class DayProbe {
  readonly uncovered = new Set<number>();
  constructor(private readonly calendar: TenantCalendar) {}

  statutoryWorkingDay(isoDate: string): boolean {
    const year = Number(isoDate.slice(0, 4));
    const { from, to } = this.calendar.loadedYears;
    if (year < from || year > to) throw new YearNotLoadedError(year);
    const schedule = this.calendar.schedules.get(year);
    if (!schedule) this.uncovered.add(year);
    if (schedule?.workingDays.has(isoDate)) return true;
    if (schedule?.holidays.has(isoDate)) return false;
    return !isWeekend(isoDate);
  }

  workingDay(isoDate: string): boolean {
    return this.statutoryWorkingDay(isoDate) && !this.calendar.closures.has(isoDate);
  }

  result(date: string): CountedDate {
    return { date, uncoveredYears: [...this.uncovered].sort((a, b) => a - b) };
  }
}

function isWeekend(isoDate: string): boolean {
  const weekday = DateTime.fromISO(isoDate, { zone: 'UTC' }).weekday;
  return weekday === 6 || weekday === 7;
}

/** Whether the calendar has the public-holiday schedule of `year`. */
export function coversYear(calendar: Pick<TenantCalendar, 'schedules'>, year: number): boolean {
  return calendar.schedules.has(year);
}

/**
 * Not a weekend or public holiday, or an announced make-up working day (调休). In a year
 * without a schedule: not a weekend.
 */
export function isStatutoryWorkingDay(isoDate: string, calendar: TenantCalendar): boolean {
  return new DayProbe(calendar).statutoryWorkingDay(isoDate);
}

/** A statutory working day the tenant has not closed. */
export function isWorkingDay(isoDate: string, calendar: TenantCalendar): boolean {
  return new DayProbe(calendar).workingDay(isoDate);
}

function dayOfStart(start: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(start, { zone: timeZone }).startOf('day');
}

/**
 * The local date of the `n`-th working day after the day of `start` (that day is not
 * counted, Civil Code art. 201), in the tenant's time zone, skipping its closures.
 */
export function nthWorkingDayAfter(start: Date, n: number, calendar: TenantCalendar): CountedDate {
  const probe = new DayProbe(calendar);
  let day = dayOfStart(start, calendar.timeZone);
  let counted = 0;
  while (counted < n) {
    day = day.plus({ days: 1 });
    if (probe.workingDay(day.toISODate()!)) counted++;
  }
  return probe.result(day.toISODate()!);
}

/**
 * The local date of the last day of a period of `n` days from `start`: the day of `start`
 * is not counted (art. 201), and a last day that is a weekend or public holiday moves to
 * the next statutory working day (art. 203). A tenant's own closures are not statutory
 * rest days and do not move it.
 */
export function lastDayOfPeriod(start: Date, n: number, calendar: TenantCalendar): CountedDate {
  const probe = new DayProbe(calendar);
  let day = dayOfStart(start, calendar.timeZone).plus({ days: n });
  while (!probe.statutoryWorkingDay(day.toISODate()!)) day = day.plus({ days: 1 });
  return probe.result(day.toISODate()!);
}

/** The instant a local date ends in a time zone (its 24:00). */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).plus({ days: 1 }).toJSDate();
}
