import type { DataSource } from 'typeorm';
import type { RequestContext } from '../context/request-context';
import { inScopedTransaction, type TenantTransaction } from '../db/tenant-transaction';
import { validateInput } from '../graphql/validate';
import type { Logger } from '../logging/logger';
import type { Clock } from '../time/clock';
import { DEFAULT_HOLIDAY_REGION, holidayScheduleSchema, type HolidayScheduleData } from './holiday-schedule';
import type { CalendarCoverage, HolidaySchedule, SetHolidayScheduleInput } from './holiday-schedule.types';
import { recountProvisionalPeriods, type RecountTotals } from './provisional-recount';

const SCHEDULE_COLUMNS = `region, year, holidays,
  ARRAY(SELECT to_char(w, 'YYYY-MM-DD') FROM unnest(working_days) w ORDER BY w) AS "workingDays",
  source, loaded_by AS "loadedBy", loaded_at AS "loadedAt"`;

/** Reads a schedule as the API shows it. */
async function readSchedule(tx: Pick<TenantTransaction, 'query'>, region: string, year: number): Promise<HolidaySchedule> {
  const [row] = await tx.query<HolidaySchedule>(`SELECT ${SCHEDULE_COLUMNS} FROM holiday_schedules WHERE region = $1 AND year = $2`, [
    region,
    year,
  ]);
  return row;
}

/**
 * Writes a validated schedule through `set_holiday_schedule` (which keeps the previous
 * version in `holiday_schedule_revisions`), in `tx`.
 */
export async function writeHolidaySchedule(
  tx: Pick<TenantTransaction, 'query'>,
  schedule: HolidayScheduleData,
  loadedBy: string,
): Promise<void> {
  await tx.query('SELECT set_holiday_schedule($1, $2, $3::jsonb, $4::date[], $5, $6)', [
    schedule.region,
    schedule.year,
    JSON.stringify(schedule.holidays),
    schedule.workingDays,
    schedule.source,
    loadedBy,
  ]);
}

/**
 * Public-holiday schedules: platform data, loaded or corrected by a platform administrator.
 * Loading a year counts every open provisional clock and follow-up task of the region again.
 */
export class HolidayScheduleService {
  async set(ctx: RequestContext, input: SetHolidayScheduleInput): Promise<{ schedule: HolidaySchedule; recounted: RecountTotals }> {
    const viewer = ctx.requireViewer();
    const data = validateInput(holidayScheduleSchema, input);
    // All on the operation's one connection: the schedule, then each tenant's recount in a
    // section scoped to it; everything commits (and its live alerts go out) together.
    const schedule = await ctx.db.inScope({ tenantId: null, userId: viewer.userId }, async (tx) => {
      await writeHolidaySchedule(tx, data, 'platform-admin');
      return readSchedule(tx, data.region, data.year);
    });
    const recounted = await recountProvisionalPeriods(ctx.db, data, { userId: viewer.userId });
    ctx.logger.info({ region: data.region, year: data.year, source: data.source, ...recounted }, 'holiday schedule loaded');
    return { schedule, recounted };
  }

  async list(ctx: RequestContext, region: string | null | undefined): Promise<HolidaySchedule[]> {
    return ctx.db.query<HolidaySchedule>(
      `SELECT ${SCHEDULE_COLUMNS} FROM holiday_schedules WHERE $1::text IS NULL OR region = $1 ORDER BY region, year`,
      [region ?? null],
    );
  }

  async coverage(ctx: RequestContext): Promise<CalendarCoverage[]> {
    return calendarCoverage(ctx.db);
  }
}

/** Per region in use or loaded: the years loaded, its tenants and its open provisional due times. */
export async function calendarCoverage(tx: Pick<TenantTransaction, 'query'>): Promise<CalendarCoverage[]> {
  return tx.query<CalendarCoverage>(
    `WITH usage AS (SELECT * FROM holiday_region_usage()),
          loaded AS (SELECT region, array_agg(year ORDER BY year) AS years FROM holiday_schedules GROUP BY region)
     SELECT r.region,
            coalesce(l.years, '{}') AS years,
            coalesce(u.tenants, 0)::int AS tenants,
            coalesce(u.open_provisional_clocks, 0)::int AS "openProvisionalClocks",
            coalesce(u.open_provisional_follow_ups, 0)::int AS "openProvisionalFollowUps"
       FROM (SELECT region FROM usage UNION SELECT region FROM loaded UNION SELECT $1) r
       LEFT JOIN usage u ON u.region = r.region
       LEFT JOIN loaded l ON l.region = r.region
      ORDER BY r.region`,
    [DEFAULT_HOLIDAY_REGION],
  );
}

/**
 * At start: a warning for each holiday region in use (and CN) that has no schedule for the
 * current or the next year by the business clock. Deadlines running into such a year are
 * counted on weekends alone until it is loaded. Returns what it warned about.
 */
export async function warnAboutMissingHolidaySchedules(
  dataSource: DataSource,
  clock: Clock,
  logger: Logger,
): Promise<{ region: string; year: number }[]> {
  const year = Number(clock.today('Asia/Shanghai').slice(0, 4));
  const coverage = await inScopedTransaction(dataSource, clock, { tenantId: null, userId: null }, (tx) => calendarCoverage(tx));
  const missing: { region: string; year: number }[] = [];
  for (const region of coverage) {
    if (region.tenants === 0 && region.region !== DEFAULT_HOLIDAY_REGION) continue;
    for (const wanted of [year, year + 1]) {
      if (region.years.includes(wanted)) continue;
      missing.push({ region: region.region, year: wanted });
      logger.warn(
        { region: region.region, year: wanted, openProvisionalClocks: region.openProvisionalClocks },
        `No public-holiday schedule of ${region.region} for ${wanted}: deadlines running into ${wanted} are counted on weekends alone and marked provisional until it is loaded (setHolidaySchedule or npm run holidays:import)`,
      );
    }
  }
  return missing;
}
