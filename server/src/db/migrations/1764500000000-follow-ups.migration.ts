import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CURRENT_TENANT, RUNTIME_GROUP_ROLE, tenantOwnedTable } from './rls.sql-helpers';

/**
 * Follow-up tasks: the visits the governing plugin plans once a resolution is carried out,
 * each due at a working-day time, in its assignee's queue, and flagged overdue by a job of
 * the queue when its time passes undone. Jobs are scheduled through the security-definer
 * `schedule_follow_up_job`, which only accepts tasks of the transaction's own tenant.
 */
export class FollowUps1764500000000 implements MigrationInterface {
  name = 'FollowUps1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE follow_up_tasks (
         id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
         tenant_id uuid NOT NULL REFERENCES tenants(id),
         complaint_id uuid NOT NULL,
         sequence int NOT NULL CHECK (sequence >= 1),
         assignee_id uuid REFERENCES users(id),
         due_at timestamptz NOT NULL,
         done_at timestamptz,
         follow_up_id uuid REFERENCES complaint_follow_ups(id),
         cancelled_at timestamptz,
         overdue_at timestamptz,
         decided_by text NOT NULL,
         created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
         CHECK ((done_at IS NULL) = (follow_up_id IS NULL)),
         FOREIGN KEY (tenant_id, complaint_id) REFERENCES complaints (tenant_id, id)
       )`,
      // The queues: open tasks by assignee and due time, and by due time alone (overdue, paging).
      `CREATE INDEX follow_up_tasks_assignee_idx ON follow_up_tasks (tenant_id, assignee_id, due_at, id)
         WHERE done_at IS NULL AND cancelled_at IS NULL`,
      `CREATE INDEX follow_up_tasks_due_idx ON follow_up_tasks (tenant_id, due_at, id)`,
      `CREATE INDEX follow_up_tasks_complaint_idx ON follow_up_tasks (tenant_id, complaint_id, sequence)`,
      ...tenantOwnedTable('follow_up_tasks'),

      `CREATE FUNCTION schedule_follow_up_job(task uuid) RETURNS void
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
           run_at := t.due_at, job_key := 'follow-up-overdue:' || t.id, max_attempts := 10);
       END $$`,
      `REVOKE ALL ON FUNCTION schedule_follow_up_job(uuid) FROM PUBLIC`,
      `GRANT EXECUTE ON FUNCTION schedule_follow_up_job(uuid) TO ${RUNTIME_GROUP_ROLE}`,
    ];
    for (const sql of statements) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP FUNCTION schedule_follow_up_job(uuid)');
    await q.query('DROP TABLE follow_up_tasks');
  }
}
