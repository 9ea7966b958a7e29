import type { DeadlineDraft } from '@redress/plugin-api';
import { countDue, dueAt } from '../../../server/src/plugins/plugin-host';
import { isWorkingDay, tenantCalendar, YearNotLoadedError, type TenantCalendar } from '../../../server/src/plugins/working-calendar';
import { followUpDueAt } from '../../../server/src/follow-ups/follow-up-plan';
import { shippedCalendar } from '../../support/shipped-calendar';

/**
 * Period arithmetic on the mainland calendar (Civil Code arts. 201, 203). In Asia/Shanghai
 * (UTC+8) a local date D ends at D 16:00 UTC. 2026 data: Spring Festival 15–23 Feb with
 * make-up Saturdays 14 and 28 Feb; Labour Day 1–5 May, make-up Saturday 9 May; Mid-autumn
 * 25–27 Sep and National Day 1–7 Oct, make-up Sunday 20 Sep and Saturday 10 Oct.
 */
const SHANGHAI = shippedCalendar('Asia/Shanghai');
const working = (amount: number): DeadlineDraft => ({ stage: 'RESPOND', amount, unit: 'workingDays' });
const days = (amount: number): DeadlineDraft => ({ stage: 'CLOSE', amount, unit: 'days' });
const hours = (amount: number): DeadlineDraft => ({ stage: 'ACKNOWLEDGE', amount, unit: 'hours' });
/** Received at 10:00 Shanghai time on a local date. */
const at10 = (isoDate: string) => new Date(`${isoDate}T02:00:00Z`);
const due = (start: Date, draft: DeadlineDraft, calendar: TenantCalendar = SHANGHAI) => dueAt(start, draft, calendar).toISOString();
const endOf = (isoDate: string) => `${isoDate}T16:00:00.000Z`;

describe('working days across the Spring Festival 2026', () => {
  it('counts the make-up Saturdays and skips the nine holidays', () => {
    expect(due(at10('2026-02-13'), working(1))).toBe(endOf('2026-02-14'));
    expect(due(at10('2026-02-14'), working(1))).toBe(endOf('2026-02-24'));
    // 25, 26, 27 Feb, the make-up Saturday 28 Feb, then Monday 2 March.
    expect(due(at10('2026-02-24'), working(5))).toBe(endOf('2026-03-02'));
    expect(due(at10('2026-02-24'), working(4))).toBe(endOf('2026-02-28'));
  });

  it('knows the data set: holidays off, make-up days on, plain weekends off', () => {
    expect(
      ['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-24', '2026-02-28', '2026-03-01'].map((d) => isWorkingDay(d, SHANGHAI)),
    ).toEqual([true, false, false, true, true, false]);
  });
});

describe('working days around the other make-up days of 2026', () => {
  it('counts Sunday 4 Jan, Saturday 9 May, Sunday 20 Sep and Saturday 10 Oct as working days', () => {
    expect(due(at10('2026-01-03'), working(1))).toBe(endOf('2026-01-04'));
    expect(due(at10('2026-04-30'), working(1))).toBe(endOf('2026-05-06'));
    expect(due(at10('2026-05-08'), working(1))).toBe(endOf('2026-05-09'));
    expect(due(at10('2026-09-19'), working(1))).toBe(endOf('2026-09-20'));
    // After 30 Sep: the holiday runs to 7 Oct; 8, 9 Oct and the make-up Saturday 10 Oct.
    expect(due(at10('2026-09-30'), working(1))).toBe(endOf('2026-10-08'));
    expect(due(at10('2026-09-30'), working(3))).toBe(endOf('2026-10-10'));
  });
});

describe('a period of days (art. 203)', () => {
  it('ends on its last day when that is a working day: the day before the holiday', () => {
    expect(due(at10('2026-09-23'), days(7))).toBe(endOf('2026-09-30'));
  });

  it('moves a last day on a public holiday to the next working day', () => {
    // 24 Sep + 7 days is 1 Oct, the first day of the National Day holiday.
    expect(due(at10('2026-09-24'), days(7))).toBe(endOf('2026-10-08'));
    // 7 Oct, the holiday's last day, also moves to 8 Oct; 8 Oct itself stays.
    expect(due(at10('2026-09-30'), days(7))).toBe(endOf('2026-10-08'));
    expect(due(at10('2026-10-01'), days(7))).toBe(endOf('2026-10-08'));
    expect(due(at10('2026-10-02'), days(7))).toBe(endOf('2026-10-09'));
    // 12 Feb + 3 days is 15 Feb: the Spring Festival holiday runs to 23 Feb.
    expect(due(at10('2026-02-12'), days(3))).toBe(endOf('2026-02-24'));
  });

  it('moves a last day on a weekend, but not one on a make-up working day', () => {
    expect(due(at10('2026-03-07'), days(7))).toBe(endOf('2026-03-16'));
    expect(due(at10('2026-02-07'), days(7))).toBe(endOf('2026-02-14'));
  });

  it('is not moved by a tenant closure, which is no statutory rest day', () => {
    expect(due(at10('2026-09-23'), days(7), shippedCalendar('Asia/Shanghai', ['2026-09-30']))).toBe(endOf('2026-09-30'));
  });
});

describe('hours', () => {
  it('are calendar hours, holidays included', () => {
    expect(due(new Date('2026-09-30T10:00:00Z'), hours(24))).toBe('2026-10-01T10:00:00.000Z');
    expect(due(new Date('2026-02-14T15:30:00Z'), hours(48))).toBe('2026-02-16T15:30:00.000Z');
  });
});

describe('closures the tenant adds', () => {
  // Monday 2 March + 3 working days is Thursday 5 March.
  const withClosure = (...dates: string[]) => shippedCalendar('Asia/Shanghai', dates);

  it('move a working-day deadline when they fall on or before its last day', () => {
    expect(due(at10('2026-03-02'), working(3))).toBe(endOf('2026-03-05'));
    expect(due(at10('2026-03-02'), working(3), withClosure('2026-03-04'))).toBe(endOf('2026-03-06'));
    expect(due(at10('2026-03-02'), working(3), withClosure('2026-03-05'))).toBe(endOf('2026-03-06'));
    expect(due(at10('2026-03-02'), working(3), withClosure('2026-03-04', '2026-03-05'))).toBe(endOf('2026-03-09'));
  });

  it('do not move it when they fall after its last day, on the day of receipt or on a rest day', () => {
    expect(due(at10('2026-03-02'), working(3), withClosure('2026-03-06'))).toBe(endOf('2026-03-05'));
    expect(due(at10('2026-03-02'), working(3), withClosure('2026-03-02'))).toBe(endOf('2026-03-05'));
    expect(due(at10('2026-02-27'), working(1), withClosure('2026-03-01'))).toBe(endOf('2026-02-28'));
  });

  it('can close a make-up working day', () => {
    expect(due(at10('2026-02-13'), working(1), withClosure('2026-02-14'))).toBe(endOf('2026-02-24'));
  });
});

/**
 * Years without a schedule: 2099, which nothing will cover by accident, and a synthetic
 * schedule for it. Monday 2 March 2099; the synthetic holidays are Wednesday 4 and Thursday
 * 5 March, with Saturday 7 March a make-up working day. 31 Dec 2099 is a Thursday,
 * 1 Jan 2100 a Friday.
 */
const SCHEDULE_2099 = { year: 2099, holidays: ['2099-03-04', '2099-03-05'], workingDays: ['2099-03-07'] };
const without2099 = tenantCalendar('Asia/Shanghai');
const with2099 = tenantCalendar('Asia/Shanghai', { schedules: [SCHEDULE_2099] });
const counted = (start: Date, draft: DeadlineDraft, calendar: TenantCalendar) => {
  const result = countDue(start, draft, calendar);
  return { dueAt: result.dueAt.toISOString(), uncoveredYears: result.uncoveredYears };
};

describe('a year without a holiday schedule', () => {
  it('counts working days on weekends alone and names the year', () => {
    // 3, 4, 5, 6 and Monday 9 March.
    expect(counted(at10('2099-03-02'), working(5), without2099)).toEqual({ dueAt: endOf('2099-03-09'), uncoveredYears: [2099] });
    // 3, 6, the make-up Saturday 7, 9 and 10 March.
    expect(counted(at10('2099-03-02'), working(5), with2099)).toEqual({ dueAt: endOf('2099-03-10'), uncoveredYears: [] });
  });

  it('moves a period of days off weekends alone, and off the holidays once they are known', () => {
    expect(counted(at10('2099-03-02'), days(3), without2099)).toEqual({ dueAt: endOf('2099-03-05'), uncoveredYears: [2099] });
    expect(counted(at10('2099-03-02'), days(3), with2099)).toEqual({ dueAt: endOf('2099-03-06'), uncoveredYears: [] });
    // Wednesday 4 March + 3 days is Saturday 7 March: a rest day without the schedule, a working day with it.
    expect(counted(at10('2099-03-04'), days(3), without2099)).toEqual({ dueAt: endOf('2099-03-09'), uncoveredYears: [2099] });
    expect(counted(at10('2099-03-04'), days(3), with2099)).toEqual({ dueAt: endOf('2099-03-07'), uncoveredYears: [] });
  });

  it('is provisional only when the period runs into the missing year', () => {
    // Monday 28 Dec 2099: 29, 30, 31 Dec; the fourth working day is Friday 1 Jan 2100.
    expect(counted(at10('2099-12-28'), working(3), with2099)).toEqual({ dueAt: endOf('2099-12-31'), uncoveredYears: [] });
    expect(counted(at10('2099-12-28'), working(4), with2099)).toEqual({ dueAt: endOf('2100-01-01'), uncoveredYears: [2100] });
    expect(counted(at10('2099-12-29'), days(3), with2099)).toEqual({ dueAt: endOf('2100-01-01'), uncoveredYears: [2100] });
  });

  it('still skips the closures of the tenant', () => {
    const closed = tenantCalendar('Asia/Shanghai', { closures: ['2099-03-03'] });
    expect(counted(at10('2099-03-02'), working(5), closed)).toEqual({ dueAt: endOf('2099-03-10'), uncoveredYears: [2099] });
    expect(isWorkingDay('2099-03-07', closed)).toBe(false);
    expect(isWorkingDay('2099-03-04', closed)).toBe(true);
    expect(isWorkingDay('2099-03-04', with2099)).toBe(false);
    expect(isWorkingDay('2099-03-07', with2099)).toBe(true);
  });

  it('leaves hours alone', () => {
    expect(counted(new Date('2099-12-31T12:00:00Z'), hours(24), with2099)).toEqual({
      dueAt: '2100-01-01T12:00:00.000Z',
      uncoveredYears: [],
    });
  });

  it('refuses to count past the years that were loaded, rather than guess', () => {
    const loaded = tenantCalendar('Asia/Shanghai', { schedules: [SCHEDULE_2099], loadedYears: { from: 2098, to: 2099 } });
    expect(counted(at10('2099-12-28'), working(3), loaded).dueAt).toBe(endOf('2099-12-31'));
    expect(() => countDue(at10('2099-12-28'), working(4), loaded)).toThrow(YearNotLoadedError);
  });

  it('makes a follow-up counted from a provisional due time provisional too', () => {
    expect(followUpDueAt(at10('2099-03-02'), 5, with2099)).toEqual({ dueAt: new Date(endOf('2099-03-10')), provisional: null });
    expect(followUpDueAt(at10('2099-03-02'), 5, without2099)).toEqual({
      dueAt: new Date(endOf('2099-03-09')),
      provisional: { region: 'CN', years: [2099] },
    });
    expect(followUpDueAt(at10('2099-03-02'), 5, with2099, { region: 'CN', years: [2100] })).toEqual({
      dueAt: new Date(endOf('2099-03-10')),
      provisional: { region: 'CN', years: [2100] },
    });
  });
});

describe('the day of receipt in the tenant time zone', () => {
  it('is the local date: 23:59 and 00:01 in Shanghai are different days', () => {
    // 23:59 on Friday 13 Feb: one working day later is the make-up Saturday 14 Feb.
    expect(due(new Date('2026-02-13T15:59:00Z'), working(1))).toBe(endOf('2026-02-14'));
    // 00:01 on Saturday 14 Feb: the next working day is after the holiday.
    expect(due(new Date('2026-02-13T16:01:00Z'), working(1))).toBe(endOf('2026-02-24'));
    expect(due(new Date('2026-02-13T15:59:00Z'), days(1))).toBe(endOf('2026-02-14'));
    expect(due(new Date('2026-02-13T16:01:00Z'), days(1))).toBe(endOf('2026-02-24'));
  });

  it('is taken where the tenant is, and the period ends at its local midnight', () => {
    const berlin = shippedCalendar('Europe/Berlin');
    // 23:30 on 13 Feb in Berlin is already 06:30 on 14 Feb in Shanghai.
    const instant = new Date('2026-02-13T22:30:00Z');
    expect(due(instant, working(1), berlin)).toBe('2026-02-14T23:00:00.000Z');
    expect(due(instant, working(1))).toBe(endOf('2026-02-24'));
  });

  it('follows a daylight-saving change: the period ends at local midnight after it', () => {
    // Friday 6 March, noon in New York; + 1 day is Saturday 7 March, moved to Monday 9 March (EDT since 8 March).
    expect(due(new Date('2026-03-06T17:00:00Z'), days(1), shippedCalendar('America/New_York'))).toBe('2026-03-10T04:00:00.000Z');
  });
});
