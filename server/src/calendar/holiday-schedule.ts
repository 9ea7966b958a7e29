import calendarData from 'chinese-days/dist/chinese-days.json';
import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * Public-holiday schedules: per region and year, the public holidays (with their names) and
 * the announced make-up working days (调休). Stored in `holiday_schedules`, a platform-level
 * table; loaded or corrected by a platform administrator (`setHolidaySchedule`, or
 * `npm run holidays:import`).
 */
export interface HolidayScheduleData {
  region: string;
  year: number;
  holidays: { date: string; name: string }[];
  workingDays: string[];
  source: string;
}

/** The region tenants follow unless told otherwise: mainland China. */
export const DEFAULT_HOLIDAY_REGION = 'CN';

/** A short uppercase code: CN, HK, or a subdivision such as CN-HK. */
export const holidayRegionSchema = z.string().regex(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'must be a short uppercase code such as CN or CN-HK');

const isoDate = z.iso.date('must be an ISO date such as 2027-01-01');

const weekend = (date: string) => DateTime.fromISO(date, { zone: 'UTC' }).weekday >= 6;

/** The rules every schedule obeys, whether it comes through the API, the command line or the shipped data. */
export const holidayScheduleSchema = z
  .object({
    region: holidayRegionSchema,
    year: z.number().int().min(1900, 'must be between 1900 and 2200').max(2200, 'must be between 1900 and 2200'),
    holidays: z
      .array(z.object({ date: isoDate, name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters') }))
      .max(366),
    workingDays: z.array(isoDate).max(366),
    source: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  })
  .superRefine((schedule, ctx) => {
    const inYear = (date: string) => Number(date.slice(0, 4)) === schedule.year;
    const holidayDates = new Set<string>();
    schedule.holidays.forEach(({ date }, i) => {
      if (!inYear(date)) ctx.addIssue({ code: 'custom', message: `must be a date in ${schedule.year}`, path: ['holidays', i, 'date'] });
      else if (holidayDates.has(date)) ctx.addIssue({ code: 'custom', message: `${date} is listed twice`, path: ['holidays', i, 'date'] });
      holidayDates.add(date);
    });
    const workingDates = new Set<string>();
    schedule.workingDays.forEach((date, i) => {
      const path = ['workingDays', i];
      if (!inYear(date)) ctx.addIssue({ code: 'custom', message: `must be a date in ${schedule.year}`, path });
      else if (workingDates.has(date)) ctx.addIssue({ code: 'custom', message: `${date} is listed twice`, path });
      else if (holidayDates.has(date))
        ctx.addIssue({ code: 'custom', message: `${date} cannot be both a holiday and a working day`, path });
      else if (!weekend(date))
        ctx.addIssue({ code: 'custom', message: `${date} is a weekday: make-up working days fall on weekends`, path });
      workingDates.add(date);
    });
  })
  .transform((schedule) => ({
    ...schedule,
    holidays: [...schedule.holidays].sort((a, b) => a.date.localeCompare(b.date)),
    workingDays: [...schedule.workingDays].sort(),
  }));

/** The version of `chinese-days` whose data the first schedules were seeded from (pinned in server/package.json). */
export const SHIPPED_SOURCE = 'chinese-days@1.5.7';

/**
 * Mainland China's schedules as shipped in the `chinese-days` package, one per year it
 * covers; a name is the Chinese and English name, e.g. "春节 Spring Festival".
 */
export function shippedHolidaySchedules(): HolidayScheduleData[] {
  const byYear = new Map<number, HolidayScheduleData>();
  const yearOf = (date: string) => {
    const year = Number(date.slice(0, 4));
    if (!byYear.has(year))
      byYear.set(year, { region: DEFAULT_HOLIDAY_REGION, year, holidays: [], workingDays: [], source: SHIPPED_SOURCE });
    return byYear.get(year)!;
  };
  const nameOf = (entry: string) => {
    const [en, zh] = entry.split(',');
    return `${zh} ${en}`;
  };
  for (const [date, entry] of Object.entries(calendarData.holidays as Record<string, string>))
    yearOf(date).holidays.push({ date, name: nameOf(entry) });
  for (const date of Object.keys(calendarData.workdays)) yearOf(date).workingDays.push(date);
  return [...byYear.values()]
    .sort((a, b) => a.year - b.year)
    .map((s) => ({ ...s, holidays: s.holidays.sort((a, b) => a.date.localeCompare(b.date)), workingDays: s.workingDays.sort() }));
}
