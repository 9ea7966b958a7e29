import { isWorkday } from 'chinese-days';
import calendarData from 'chinese-days/dist/chinese-days.json';
import { DateTime } from 'luxon';

/**
 * Working days of mainland China from the maintained `chinese-days` data set (weekends,
 * public holidays and the announced make-up working days). A year the data set does not
 * cover is refused: such packages silently fall back to Monday–Friday, which would put
 * deadlines on public holidays.
 */
const COVERED_YEARS = new Set(
  [...Object.keys(calendarData.holidays), ...Object.keys(calendarData.workdays)].map((date) => Number(date.slice(0, 4))),
);

/** The years the data set has holidays and make-up working days for, in order. */
export function coveredYears(): number[] {
  return [...COVERED_YEARS].sort((a, b) => a - b);
}

export function calendarCovers(year: number): boolean {
  return COVERED_YEARS.has(year);
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`The working-day calendar has no data for ${year}; a deadline in days or working days cannot be set`);
  }
}

/**
 * What a tenant's deadlines are counted on: its time zone and the dates it closed itself
 * (e.g. a store closed for stock-taking), as ISO dates. Plain data, so that the arithmetic
 * below stays pure.
 */
export interface TenantCalendar {
  readonly timeZone: string;
  readonly closures: ReadonlySet<string>;
}

export function tenantCalendar(timeZone: string, closures: Iterable<string> = []): TenantCalendar {
  return { timeZone, closures: new Set(closures) };
}

function requireCovered(isoDate: string): void {
  const year = Number(isoDate.slice(0, 4));
  if (!calendarCovers(year)) throw new CalendarNotCoveredError(year);
}

/** Not a weekend or public holiday, or an announced make-up working day (调休). */
export function isStatutoryWorkingDay(isoDate: string): boolean {
  requireCovered(isoDate);
  return isWorkday(isoDate);
}

/** A statutory working day the tenant has not closed. A closure never makes an uncovered year computable. */
export function isWorkingDay(isoDate: string, calendar: Pick<TenantCalendar, 'closures'>): boolean {
  return isStatutoryWorkingDay(isoDate) && !calendar.closures.has(isoDate);
}

function dayOfStart(start: Date, timeZone: string): DateTime {
  return DateTime.fromJSDate(start, { zone: timeZone }).startOf('day');
}

/**
 * The local date of the `n`-th working day after the day of `start` (that day is not
 * counted, Civil Code art. 201), in the tenant's time zone, skipping its closures.
 */
export function nthWorkingDayAfter(start: Date, n: number, calendar: TenantCalendar): string {
  let day = dayOfStart(start, calendar.timeZone);
  let counted = 0;
  while (counted < n) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!, calendar)) counted++;
  }
  return day.toISODate()!;
}

/**
 * The local date of the last day of a period of `n` days from `start`: the day of `start`
 * is not counted (art. 201), and a last day that is a weekend or public holiday moves to
 * the next statutory working day (art. 203). A tenant's own closures are not statutory
 * rest days and do not move it.
 */
export function lastDayOfPeriod(start: Date, n: number, calendar: Pick<TenantCalendar, 'timeZone'>): string {
  let day = dayOfStart(start, calendar.timeZone).plus({ days: n });
  while (!isStatutoryWorkingDay(day.toISODate()!)) day = day.plus({ days: 1 });
  return day.toISODate()!;
}

/** The instant a local date ends in a time zone (its 24:00). */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).plus({ days: 1 }).toJSDate();
}
