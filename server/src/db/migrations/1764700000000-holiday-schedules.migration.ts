import type { MigrationInterface, QueryRunner } from 'typeorm';
import { shippedHolidaySchedules } from '../../calendar/holiday-schedule';
import { CURRENT_USER_ID, RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * Public-holiday schedules as data, and provisional periods.
 *
 * `holiday_schedules` is platform-level (not tenant-owned): the runtime role reads it, and
 * writes go through `set_holiday_schedule`, which accepts a platform administrator (the
 * transaction's `app.user_id`) or the table's owner (the command-line import) and keeps
 * every version in `holiday_schedule_revisions`. Seeded with mainland China's years from
 * the pinned `chinese-days` package.
 *
 * A clock or follow-up task whose period runs into a year without a schedule is counted on
 * weekends alone and marked provisional, with the period it was counted from, so that it
 * can be counted again when the year is loaded. Tenants follow one holiday region (CN unless set).
 */
export class HolidaySchedules1764700000000 implements MigrationInterface {
  name = 'HolidaySchedules1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const REGION = `'^[A-Z]{2}(-[A-Z0-9]{1,3})?$'`;
    const statements = [
      `CREATE TABLE holiday_schedules (
         region text NOT NULL CHECK (region ~ ${REGION}),
         year int NOT NULL CHECK (year BETWEEN 1900 AND 2200),
         holidays jsonb NOT NULL CHECK (jsonb_typeof(holidays) = 'array'),
         working_days date[] NOT NULL,
         source text NOT NULL CHECK (char_length(source) BETWEEN 1 AND 200),
         loaded_by text NOT NULL,
         loaded_by_user_id uuid REFERENCES users(id),
         loaded_at timestamptz NOT NULL DEFAULT app_now(),
         PRIMARY KEY (region, year)
       )`,
      `GRANT SELECT ON holiday_schedules TO ${RUNTIME_GROUP_ROLE}`,
      `CREATE TABLE holiday_schedule_revisions (
         id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
         region text NOT NULL,
         year int NOT NULL,
         previous jsonb,
         schedule jsonb NOT NULL,
         loaded_by text NOT NULL,
         loaded_by_user_id uuid REFERENCES users(id),
         loaded_at timestamptz NOT NULL DEFAULT app_now()
       )`,
      `CREATE FUNCTION set_holiday_schedule(p_region text, p_year int, p_holidays jsonb, p_working_days date[], p_source text, p_loaded_by text)
         RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE admin uuid;
       DECLARE before jsonb;
       BEGIN
         SELECT id INTO admin FROM users WHERE id = ${CURRENT_USER_ID} AND is_platform_admin;
         IF admin IS NULL AND session_user <> (SELECT tableowner FROM pg_tables WHERE schemaname = 'public' AND tablename = 'holiday_schedules') THEN
           RAISE EXCEPTION 'only a platform administrator or the owner may set a holiday schedule' USING ERRCODE = 'insufficient_privilege';
         END IF;
         SELECT to_jsonb(s) - 'loaded_by_user_id' INTO before FROM holiday_schedules s WHERE region = p_region AND year = p_year;
         INSERT INTO holiday_schedules AS s (region, year, holidays, working_days, source, loaded_by, loaded_by_user_id)
         VALUES (p_region, p_year, p_holidays, p_working_days, p_source, p_loaded_by, admin)
         ON CONFLICT (region, year) DO UPDATE
           SET holidays = EXCLUDED.holidays, working_days = EXCLUDED.working_days, source = EXCLUDED.source,
               loaded_by = EXCLUDED.loaded_by, loaded_by_user_id = EXCLUDED.loaded_by_user_id, loaded_at = app_now();
         INSERT INTO holiday_schedule_revisions (region, year, previous, schedule, loaded_by, loaded_by_user_id)
         VALUES (p_region, p_year, before,
                 jsonb_build_object('holidays', p_holidays, 'workingDays', to_jsonb(p_working_days), 'source', p_source),
                 p_loaded_by, admin);
       END $$`,
      `REVOKE ALL ON FUNCTION set_holiday_schedule(text, int, jsonb, date[], text, text) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION set_holiday_schedule(text, int, jsonb, date[], text, text) TO ${RUNTIME_GROUP_ROLE}`,

      `ALTER TABLE tenants ADD COLUMN holiday_region text NOT NULL DEFAULT 'CN' CHECK (holiday_region ~ ${REGION})`,

      `ALTER TABLE complaint_deadlines
         ADD COLUMN period_amount numeric,
         ADD COLUMN period_unit text CHECK (period_unit IN ('hours', 'days', 'workingDays')),
         ADD COLUMN provisional boolean NOT NULL DEFAULT false,
         ADD COLUMN provisional_reason jsonb,
         ADD CONSTRAINT complaint_deadlines_provisional_reason CHECK (provisional = (provisional_reason IS NOT NULL)),
         ADD CONSTRAINT complaint_deadlines_provisional_period CHECK (NOT provisional OR period_unit IS NOT NULL)`,
      `CREATE INDEX complaint_deadlines_provisional_idx ON complaint_deadlines (tenant_id, complaint_id)
         WHERE provisional AND met_at IS NULL AND cancelled_at IS NULL`,
      `ALTER TABLE follow_up_tasks
         ADD COLUMN counted_from timestamptz,
         ADD COLUMN working_days int,
         ADD COLUMN provisional boolean NOT NULL DEFAULT false,
         ADD COLUMN provisional_reason jsonb,
         ADD CONSTRAINT follow_up_tasks_provisional_reason CHECK (provisional = (provisional_reason IS NOT NULL)),
         ADD CONSTRAINT follow_up_tasks_provisional_period CHECK (NOT provisional OR working_days IS NOT NULL)`,
      `CREATE INDEX follow_up_tasks_provisional_idx ON follow_up_tasks (tenant_id, complaint_id, sequence)
         WHERE provisional AND done_at IS NULL AND cancelled_at IS NULL`,

      // Platform-level listings for the explicit cross-tenant paths: ids and counts only.
      `CREATE FUNCTION holiday_region_usage()
         RETURNS TABLE (region text, tenants bigint, open_provisional_clocks bigint, open_provisional_follow_ups bigint)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
         SELECT t.holiday_region, count(*),
                coalesce(sum((SELECT count(*) FROM complaint_deadlines d WHERE d.tenant_id = t.id AND d.provisional
                                AND d.met_at IS NULL AND d.cancelled_at IS NULL)), 0)::bigint,
                coalesce(sum((SELECT count(*) FROM follow_up_tasks f WHERE f.tenant_id = t.id AND f.provisional
                                AND f.done_at IS NULL AND f.cancelled_at IS NULL)), 0)::bigint
           FROM tenants t GROUP BY t.holiday_region ORDER BY t.holiday_region
       $$`,
      `CREATE FUNCTION tenants_with_provisional_periods(p_region text) RETURNS TABLE (tenant_id uuid)
         LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
         SELECT t.id FROM tenants t
          WHERE t.holiday_region = p_region
            AND (EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.tenant_id = t.id AND d.provisional
                           AND d.met_at IS NULL AND d.cancelled_at IS NULL)
                 OR EXISTS (SELECT 1 FROM follow_up_tasks f WHERE f.tenant_id = t.id AND f.provisional
                           AND f.done_at IS NULL AND f.cancelled_at IS NULL))
          ORDER BY t.id
       $$`,
      `REVOKE ALL ON FUNCTION holiday_region_usage() FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION holiday_region_usage() TO ${RUNTIME_GROUP_ROLE}`,
      `REVOKE ALL ON FUNCTION tenants_with_provisional_periods(text) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION tenants_with_provisional_periods(text) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
    for (const schedule of shippedHolidaySchedules()) {
      await q.query(
        `INSERT INTO holiday_schedules (region, year, holidays, working_days, source, loaded_by) VALUES ($1, $2, $3, $4, $5, 'migration')`,
        [schedule.region, schedule.year, JSON.stringify(schedule.holidays), schedule.workingDays, schedule.source],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION tenants_with_provisional_periods(text)');
    await q.query('DROP FUNCTION holiday_region_usage()');
    await q.query(
      `ALTER TABLE follow_up_tasks DROP COLUMN counted_from, DROP COLUMN working_days, DROP COLUMN provisional, DROP COLUMN provisional_reason`,
    );
    await q.query(
      `ALTER TABLE complaint_deadlines DROP COLUMN period_amount, DROP COLUMN period_unit, DROP COLUMN provisional, DROP COLUMN provisional_reason`,
    );
    await q.query('ALTER TABLE tenants DROP COLUMN holiday_region');
    await q.query('DROP FUNCTION set_holiday_schedule(text, int, jsonb, date[], text, text)');
    await q.query('DROP TABLE holiday_schedule_revisions');
    await q.query('DROP TABLE holiday_schedules');
  }
}
