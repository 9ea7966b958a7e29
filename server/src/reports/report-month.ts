import type { MonthlyReportPlan } from '@redress/plugin-api';
import { DateTime } from 'luxon';
import { endOfLocalDay } from '../plugins/working-calendar';

/** YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The instants a month spans in a time zone: from its first midnight to the next month's. */
export function monthPeriod(month: string, timeZone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(`${month}-01`, { zone: timeZone });
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

/** The month before the one `now` falls in, in a time zone: the latest month that has ended. */
export function lastEndedMonth(now: Date, timeZone: string): string {
  return DateTime.fromJSDate(now, { zone: timeZone }).startOf('month').minus({ months: 1 }).toFormat('yyyy-MM');
}

/**
 * When a month's report is due under a plan: at the end of the plan's day of the next month
 * in the tenant's time zone. A house rule ("within the first 10 days"), not a legal period:
 * it does not move off holidays.
 */
export function reportDueAt(month: string, plan: MonthlyReportPlan, timeZone: string): Date {
  const next = DateTime.fromISO(`${month}-01`, { zone: timeZone }).plus({ months: 1 });
  return endOfLocalDay(next.set({ day: plan.dueByDayOfNextMonth }).toISODate()!, timeZone);
}
