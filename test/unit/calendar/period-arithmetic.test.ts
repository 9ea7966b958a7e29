import type { DeadlineDraft } from '@redress/plugin-api';
import { dueAt } from '../../../server/src/plugins/plugin-host';
import {
  CalendarNotCoveredError,
  coveredYears,
  isWorkingDay,
  tenantCalendar,
  type TenantCalendar,
} from '../../../server/src/plugins/working-calendar';

/**
 * Period arithmetic on the mainland calendar (Civil Code arts. 201, 203). In Asia/Shanghai
 * (UTC+8) a local date D ends at D 16:00 UTC. 2026 data: Spring Festival 15–23 Feb with
 * make-up Saturdays 14 and 28 Feb; Labour Day 1–5 May, make-up Saturday 9 May; Mid-autumn
 * 25–27 Sep and National Day 1–7 Oct, make-up Sunday 20 Sep and Saturday 10 Oct.
 */
const SHANGHAI = tenantCalendar('Asia/Shanghai');
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
    expect(['2026-02-14', '2026-02-15', '2026-02-23', '2026-02-24', '2026-02-28', '2026-03-01'].map((d) => isWorkingDay(d, SHANGHAI))).toEqual([
      true,
      false,
      false,
      true,
      true,
      false,
    ]);
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
    expect(due(at10('2026-09-23'), days(7), tenantCalendar('Asia/Shanghai', ['2026-09-30']))).toBe(endOf('2026-09-30'));
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
  const withClosure = (...dates: string[]) => tenantCalendar('Asia/Shanghai', dates);

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

describe('a year the data set does not cover', () => {
  it('is listed as not covered', () => {
    expect(coveredYears()).toContain(2026);
    expect(coveredYears()).not.toContain(2027);
  });

  it('refuses a working-day deadline that runs into it, and counts the one that stops short', () => {
    // Monday 28 Dec 2026: 29, 30, 31 Dec are working days; the fourth would be in 2027.
    expect(due(at10('2026-12-28'), working(3))).toBe(endOf('2026-12-31'));
    expect(() => due(at10('2026-12-28'), working(4))).toThrow(CalendarNotCoveredError);
    expect(() => due(at10('2026-12-28'), working(4))).toThrow(/no data for 2027/);
  });

  it('refuses a period of days whose last day is in it: whether that day is a holiday is unknown', () => {
    expect(due(at10('2026-12-29'), days(2))).toBe(endOf('2026-12-31'));
    expect(() => due(at10('2026-12-29'), days(3))).toThrow(CalendarNotCoveredError);
  });

  it('stays refused when the tenant closed dates there', () => {
    const closed = tenantCalendar('Asia/Shanghai', ['2027-01-01', '2027-01-04', '2027-01-05']);
    expect(() => due(at10('2026-12-28'), working(4), closed)).toThrow(CalendarNotCoveredError);
    expect(() => isWorkingDay('2027-01-04', closed)).toThrow(CalendarNotCoveredError);
  });

  it('leaves hours alone', () => {
    expect(due(new Date('2026-12-31T12:00:00Z'), hours(24))).toBe('2027-01-01T12:00:00.000Z');
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
    const berlin = tenantCalendar('Europe/Berlin');
    // 23:30 on 13 Feb in Berlin is already 06:30 on 14 Feb in Shanghai.
    const instant = new Date('2026-02-13T22:30:00Z');
    expect(due(instant, working(1), berlin)).toBe('2026-02-14T23:00:00.000Z');
    expect(due(instant, working(1))).toBe(endOf('2026-02-24'));
  });

  it('follows a daylight-saving change: the period ends at local midnight after it', () => {
    // Friday 6 March, noon in New York; + 1 day is Saturday 7 March, moved to Monday 9 March (EDT since 8 March).
    expect(due(new Date('2026-03-06T17:00:00Z'), days(1), tenantCalendar('America/New_York'))).toBe('2026-03-10T04:00:00.000Z');
  });
});
