import { holidayScheduleSchema, shippedHolidaySchedules } from '../../../server/src/calendar/holiday-schedule';

/** The rules a public-holiday schedule obeys, and the mainland schedules shipped with the platform. */
const valid = {
  region: 'CN',
  year: 2099,
  holidays: [
    { date: '2099-03-05', name: 'B' },
    { date: '2099-03-04', name: 'A' },
  ],
  workingDays: ['2099-03-07'],
  source: 'synthetic',
};
const problems = (override: Record<string, unknown>) => {
  const parsed = holidayScheduleSchema.safeParse({ ...valid, ...override });
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('a holiday schedule', () => {
  it('is accepted with dates of its year, sorted', () => {
    const parsed = holidayScheduleSchema.parse(valid);
    expect(parsed.holidays.map((h) => h.date)).toEqual(['2099-03-04', '2099-03-05']);
  });

  it('names the field of every mistake', () => {
    expect(problems({ region: 'cn' })).toEqual(['region']);
    expect(problems({ region: 'CN-HK' })).toEqual([]);
    expect(problems({ region: 'CN-' })).toEqual(['region']);
    expect(problems({ holidays: [{ date: '2100-01-01', name: 'x' }] })).toEqual(['holidays.0.date']);
    expect(
      problems({
        holidays: [
          { date: '2099-01-01', name: 'x' },
          { date: '2099-01-01', name: 'y' },
        ],
      }),
    ).toEqual(['holidays.1.date']);
    // Friday 6 March 2099 is a weekday; Saturday 7 March is both a holiday and a working day below.
    expect(problems({ workingDays: ['2099-03-06'] })).toEqual(['workingDays.0']);
    expect(problems({ holidays: [{ date: '2099-03-07', name: 'x' }] })).toEqual(['workingDays.0']);
    expect(problems({ workingDays: ['2099-03-07', '2099-03-08', '2099-03-07'] })).toEqual(['workingDays.2']);
    expect(problems({ source: ' ' })).toEqual(['source']);
  });
});

describe('the shipped schedules', () => {
  const shipped = shippedHolidaySchedules();

  it('cover 2004 to 2026 for CN, each one valid', () => {
    expect(shipped.map((s) => `${s.region} ${s.year}`)).toEqual(Array.from({ length: 23 }, (_, i) => `CN ${2004 + i}`));
    for (const schedule of shipped) expect(holidayScheduleSchema.safeParse(schedule).success).toBe(true);
  });

  it('have the 2026 notice: Spring Festival 15–23 Feb, make-up days on 4 Jan, 14 and 28 Feb, 9 May, 20 Sep and 10 Oct', () => {
    const y2026 = shipped.find((s) => s.year === 2026)!;
    expect(y2026.workingDays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026.holidays.filter((h) => h.name === '春节 Spring Festival').map((h) => h.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(y2026.holidays.find((h) => h.date === '2026-10-01')).toEqual({ date: '2026-10-01', name: '国庆节 National Day' });
  });
});
