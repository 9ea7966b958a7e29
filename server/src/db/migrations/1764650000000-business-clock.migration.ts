import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, RUNTIME_GROUP_ROLE } from './rls.sql-helpers';

/**
 * Business time in SQL. Every application transaction sets `app.now` to the server clock's
 * instant as it opens (see TenantTransaction); `app_now()` is that instant plus the time
 * elapsed in the transaction, so successive writes of one change still sort in order. Column
 * defaults and the application's statements use it instead of `now()` / `clock_timestamp()`,
 * so a server running on another clock (a test, a demo on a chosen date) writes that clock's
 * time. Sessions that set no clock (migrations, an operator's psql) fall back to the
 * database's own time.
 *
 * The job queue runs on the database's time. `app_clock_offset()` is how far the business
 * clock is ahead of it, and jobs are scheduled that much earlier, so a clock falls due on
 * the queue exactly when it falls due on the business clock.
 */
export class BusinessClock1764650000000 implements MigrationInterface {
  name = 'BusinessClock1764650000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE FUNCTION app_now() RETURNS timestamptz LANGUAGE sql VOLATILE AS $$
         SELECT COALESCE(
           NULLIF(current_setting('app.now', true), '')::timestamptz + (clock_timestamp() - transaction_timestamp()),
           clock_timestamp())
       $$`,
      `CREATE FUNCTION app_clock_offset() RETURNS interval LANGUAGE sql STABLE AS $$
         SELECT COALESCE(NULLIF(current_setting('app.now', true), '')::timestamptz - transaction_timestamp(), interval '0')
       $$`,
      `DO $$
       DECLARE c record;
       BEGIN
         FOR c IN SELECT table_name, column_name, column_default FROM information_schema.columns
                   WHERE table_schema = 'public' AND column_default ~ '\\m(now|clock_timestamp)\\(\\)'
         LOOP
           EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT %s', c.table_name, c.column_name,
             regexp_replace(c.column_default, '\\m(now|clock_timestamp)\\(\\)', 'app_now()', 'g'));
         END LOOP;
       END $$`,
      `CREATE OR REPLACE FUNCTION schedule_deadline_jobs(deadlines uuid[]) RETURNS void
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE running int;
       BEGIN
         SELECT count(*) INTO running FROM complaint_deadlines
          WHERE id = ANY(deadlines) AND tenant_id = ${CURRENT_TENANT}
            AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL;
         IF running <> cardinality(ARRAY(SELECT DISTINCT unnest(deadlines))) THEN
           RAISE EXCEPTION 'only running deadlines of this tenant can be scheduled';
         END IF;
         -- One job per deadline and kind, added in one call: scheduling again moves it (job_key), never doubles it.
         PERFORM graphile_worker.add_jobs(ARRAY(
           SELECT (k.identifier, json_build_object('tenantId', d.tenant_id, 'deadlineId', d.id), NULL,
                   k.run_at - app_clock_offset(), 10, k.identifier || ':' || d.id, NULL, NULL)::graphile_worker.job_spec
             FROM complaint_deadlines d
            CROSS JOIN LATERAL (VALUES ('deadline-breach', d.due_at), ('deadline-reminder', d.remind_at)) AS k(identifier, run_at)
            WHERE d.id = ANY(deadlines) AND k.run_at IS NOT NULL));
       END $$`,
      `CREATE OR REPLACE FUNCTION schedule_follow_up_job(task uuid) RETURNS void
         LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
       DECLARE t record;
       BEGIN
         SELECT id, tenant_id, due_at INTO t FROM follow_up_tasks
          WHERE id = task AND tenant_id = ${CURRENT_TENANT} AND done_at IS NULL AND cancelled_at IS NULL;
         IF NOT FOUND THEN
           RAISE EXCEPTION 'no open follow-up task % in this tenant', task;
         END IF;
         PERFORM graphile_worker.add_job('follow-up-overdue',
           json_build_object('tenantId', t.tenant_id, 'taskId', t.id),
           run_at := t.due_at - app_clock_offset(), job_key := 'follow-up-overdue:' || t.id, max_attempts := 10);
       END $$`,
      `GRANT EXECUTE ON FUNCTION app_now() TO ${RUNTIME_GROUP_ROLE}`,
      `GRANT EXECUTE ON FUNCTION app_clock_offset() TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DO $$
       DECLARE c record;
       BEGIN
         FOR c IN SELECT table_name, column_name, column_default FROM information_schema.columns
                   WHERE table_schema = 'public' AND column_default ~ 'app_now\\(\\)'
         LOOP
           EXECUTE format('ALTER TABLE %I ALTER COLUMN %I SET DEFAULT %s', c.table_name, c.column_name,
             replace(c.column_default, 'app_now()', 'clock_timestamp()'));
         END LOOP;
       END $$`);
    // The scheduling functions keep their shape; without the offset function they fail, so restore it as zero.
    await q.query(`CREATE OR REPLACE FUNCTION app_clock_offset() RETURNS interval LANGUAGE sql STABLE AS $$ SELECT interval '0' $$`);
    await q.query('DROP FUNCTION app_now()');
  }
}
