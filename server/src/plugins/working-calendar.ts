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

export function calendarCovers(year: number): boolean {
  return COVERED_YEARS.has(year);
}

export class CalendarNotCoveredError extends Error {
  constructor(readonly year: number) {
    super(`The working-day calendar has no data for ${year}; a deadline in working days cannot be set`);
  }
}

function requireCovered(isoDate: string): void {
  const year = Number(isoDate.slice(0, 4));
  if (!calendarCovers(year)) throw new CalendarNotCoveredError(year);
}

export function isWorkingDay(isoDate: string): boolean {
  requireCovered(isoDate);
  return isWorkday(isoDate);
}

/**
 * The local date of the `n`-th working day after the day of `start` (that day is not
 * counted, Civil Code art. 201), in the tenant's time zone.
 */
export function nthWorkingDayAfter(start: Date, n: number, timeZone: string): string {
  let day = DateTime.fromJSDate(start, { zone: timeZone }).startOf('day');
  let counted = 0;
  while (counted < n) {
    day = day.plus({ days: 1 });
    if (isWorkingDay(day.toISODate()!)) counted++;
  }
  return day.toISODate()!;
}

/** The instant a local date ends in a time zone (its 24:00). */
export function endOfLocalDay(isoDate: string, timeZone: string): Date {
  return DateTime.fromISO(isoDate, { zone: timeZone }).plus({ days: 1 }).toJSDate();
}
