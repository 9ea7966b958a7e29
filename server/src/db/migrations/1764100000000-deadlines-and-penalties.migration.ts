import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Timers for the stage clocks, pausing them, and the penalty ledger.
 *
 * Timers are jobs of the PostgreSQL job queue (graphile-worker, schema `graphile_worker`,
 * migrated by the worker itself at start). The runtime role gets no access to that schema:
 * it schedules deadlines' jobs through `schedule_deadline_jobs`, a security-definer
 * function that only accepts running deadlines of the transaction's own tenant.
 */
export class DeadlinesAndPenalties1764100000000 implements MigrationInterface {
  name = 'DeadlinesAndPenalties1764100000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `ALTER TABLE complaint_deadlines
         ADD COLUMN started_at timestamptz,
         ADD COLUMN remind_at timestamptz,
         ADD COLUMN reminded_at timestamptz,
         ADD COLUMN breached_at timestamptz,
         ADD COLUMN paused_at timestamptz`,
      `ALTER TABLE complaints ADD COLUMN clock_paused_at timestamptz`,
      // Overdue complaints: open, running clocks past their due time.
      `DROP INDEX complaint_deadlines_open_idx`,
      `CREATE INDEX complaint_deadlines_open_idx ON complaint_deadlines (tenant_id, due_at, complaint_id)
         WHERE met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL`,

      `CREATE FUNCTION schedule_deadline_jobs(deadlines uuid[]) RETURNS void
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
           SELECT (k.identifier, json_build_object('tenantId', d.tenant_id, 'deadlineId', d.id), NULL, k.run_at, 10,
                   k.identifier || ':' || d.id, NULL, NULL)::graphile_worker.job_spec
             FROM complaint_deadlines d
            CROSS JOIN LATERAL (VALUES ('deadline-breach', d.due_at), ('deadline-reminder', d.remind_at)) AS k(identifier, run_at)
            WHERE d.id = ANY(deadlines) AND k.run_at IS NOT NULL));
       END $$`,
      `REVOKE ALL ON FUNCTION schedule_deadline_jobs(uuid[]) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION schedule_deadline_jobs(uuid[]) TO ${RUNTIME_GROUP_ROLE}`,

      `CREATE TABLE penalties (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         trigger text NOT NULL CHECK (trigger IN ('DEADLINE_BREACH', 'LOSS_AT_CLOSE', 'REFUSAL_TO_RECEIVE')),
         deadline_id uuid,
         subject_role text NOT NULL CHECK (subject_role IN ('HANDLER', 'RESPONSIBLE_PERSON', 'DEPARTMENT_HEAD', 'RECEIVING_EMPLOYEE')),
         subject_user_id uuid REFERENCES users(id),
         subject_department_id uuid,
         rule text NOT NULL,
         reason jsonb NOT NULL,
         points numeric(8, 2) NOT NULL CHECK (points >= 0),
         amount numeric(14, 2) CHECK (amount >= 0),
         currency text CHECK (currency ~ '^[A-Z]{3}$'),
         status text NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'CONFIRMED', 'WAIVED')),
         review_comment text CHECK (length(review_comment) <= 2000),
         reviewed_by uuid REFERENCES users(id),
         reviewed_at timestamptz,
         decided_by text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         CHECK (subject_user_id IS NOT NULL OR subject_department_id IS NOT NULL),
         CHECK ((amount IS NULL) = (currency IS NULL)),
         CHECK ((status = 'PENDING') = (reviewed_at IS NULL)),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id),
         FOREIGN KEY (tenant_id, subject_department_id) REFERENCES departments (tenant_id, id)
       )`,
      // A breach is charged once per deadline and subject, however often its job runs.
      `CREATE UNIQUE INDEX penalties_breach_once ON penalties (tenant_id, deadline_id, subject_role) WHERE deadline_id IS NOT NULL`,
      `CREATE INDEX penalties_page_idx ON penalties (tenant_id, created_at, id)`,
      `CREATE INDEX penalties_user_idx ON penalties (tenant_id, subject_user_id, created_at) WHERE subject_user_id IS NOT NULL`,
      `CREATE INDEX penalties_department_idx ON penalties (tenant_id, subject_department_id, created_at) WHERE subject_department_id IS NOT NULL`,
      `CREATE INDEX penalties_complaint_idx ON penalties (tenant_id, complaint_id)`,
      // Nothing is ever deleted; a review is the one change, made once, and only to the review columns.
      ...tenantOwnedTable('penalties', { appendOnly: true }),
      `GRANT UPDATE (status, review_comment, reviewed_by, reviewed_at) ON penalties TO ${RUNTIME_GROUP_ROLE}`,
      `CREATE FUNCTION penalties_review_once() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF OLD.status <> 'PENDING' THEN
           RAISE EXCEPTION 'penalty % was already reviewed', OLD.id USING ERRCODE = 'check_violation';
         END IF;
         RETURN NEW;
       END $$`,
      `CREATE TRIGGER penalties_review_once BEFORE UPDATE ON penalties FOR EACH ROW EXECUTE FUNCTION penalties_review_once()`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE penalties');
    await q.query('DROP FUNCTION penalties_review_once()');
    await q.query('DROP FUNCTION schedule_deadline_jobs(uuid[])');
    await q.query('DROP INDEX complaint_deadlines_open_idx');
    await q.query(`CREATE INDEX complaint_deadlines_open_idx ON complaint_deadlines (tenant_id, due_at, complaint_id)
                     WHERE met_at IS NULL AND cancelled_at IS NULL`);
    await q.query('ALTER TABLE complaints DROP COLUMN clock_paused_at');
    await q.query(`ALTER TABLE complaint_deadlines DROP COLUMN started_at, DROP COLUMN remind_at, DROP COLUMN reminded_at,
                     DROP COLUMN breached_at, DROP COLUMN paused_at`);
  }
}
