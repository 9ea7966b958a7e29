import { lastEndedMonth, monthPeriod, reportDueAt } from '../../../server/src/reports/report-month';

const SHANGHAI = 'Asia/Shanghai';
const plan = (dueByDayOfNextMonth: number) => ({ dueByDayOfNextMonth, preparedBy: 'administration', addressedTo: ['general-manager'] });

describe('the month a report covers', () => {
  it('is the month before the one that has begun in the tenant’s time zone', () => {
    // 16:30 UTC on 30 November is 00:30 on 1 December in Shanghai.
    expect(lastEndedMonth(new Date('2026-11-30T15:59:59Z'), SHANGHAI)).toBe('2026-10');
    expect(lastEndedMonth(new Date('2026-11-30T16:00:00Z'), SHANGHAI)).toBe('2026-11');
    expect(lastEndedMonth(new Date('2026-11-30T16:00:00Z'), 'Europe/Berlin')).toBe('2026-10');
    expect(lastEndedMonth(new Date('2027-01-01T00:00:00+08:00'), SHANGHAI)).toBe('2026-12');
  });

  it('spans from the first local midnight to the next month’s', () => {
    expect(monthPeriod('2026-10', SHANGHAI)).toEqual({
      from: new Date('2026-09-30T16:00:00Z'),
      to: new Date('2026-10-31T16:00:00Z'),
    });
    // Berlin leaves summer time on 25 October: the month is an hour longer.
    const berlin = monthPeriod('2026-10', 'Europe/Berlin');
    expect(berlin.from.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(berlin.to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
  });
});

describe('when a planned report is due', () => {
  it('is the end of the plan’s day of the next month, across the turn of the year', () => {
    expect(reportDueAt('2026-10', plan(10), SHANGHAI).toISOString()).toBe('2026-11-10T16:00:00.000Z');
    expect(reportDueAt('2026-12', plan(10), SHANGHAI).toISOString()).toBe('2027-01-10T16:00:00.000Z');
    expect(reportDueAt('2027-01', plan(28), SHANGHAI).toISOString()).toBe('2027-02-28T16:00:00.000Z');
    expect(reportDueAt('2026-10', plan(1), 'Europe/Berlin').toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });
});
