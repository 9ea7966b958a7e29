import type { DataSource } from 'typeorm';
import { inScopedTransaction } from '../db/tenant-transaction';
import { recordEvent } from '../complaints/complaint-journal';
import { camelRow, type ComplaintRow } from '../complaints/complaint-rows';
import type { Clock } from '../time/clock';

export interface FollowUpJob {
  tenantId: string;
  taskId: string;
}

/**
 * What happens when a follow-up task's due time comes and it is still open: the task is
 * flagged overdue and the complaint's timeline says so. Runs in a transaction scoped to the
 * job's tenant and acts once: the task is claimed with a conditional update, so a job that
 * runs twice, or for a task done or cancelled meanwhile, changes nothing.
 */
export class FollowUpTimers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async overdue(job: FollowUpJob): Promise<boolean> {
    return inScopedTransaction(this.dataSource, this.clock, { tenantId: job.tenantId, userId: null }, async (tx) => {
      const [claimed] = await tx.query<{ complaint_id: string; sequence: number; due_at: Date; assignee_id: string }>(
        `UPDATE follow_up_tasks SET overdue_at = app_now()
          WHERE id = $1 AND overdue_at IS NULL AND done_at IS NULL AND cancelled_at IS NULL AND due_at <= app_now()
          RETURNING complaint_id, sequence, due_at, assignee_id`,
        [job.taskId],
      );
      if (!claimed) {
        // Run before its time by this process's clock (the scheduling one runs ahead): again
        // when this clock reaches it, as deadline jobs are (see rescheduleIfEarly).
        const [early] = await tx.query(
          `SELECT 1 AS early FROM follow_up_tasks
            WHERE id = $1 AND overdue_at IS NULL AND done_at IS NULL AND cancelled_at IS NULL AND due_at > app_now()`,
          [job.taskId],
        );
        if (early) await tx.query('SELECT schedule_follow_up_job($1)', [job.taskId]);
        return false;
      }
      const [found] = await tx.query('SELECT * FROM complaints WHERE id = $1', [claimed.complaint_id]);
      const complaint = camelRow<ComplaintRow>(found);
      await recordEvent(tx, {
        complaint,
        kind: 'FOLLOW_UP_OVERDUE',
        from: complaint.status,
        to: complaint.status,
        actor: null,
        changes: {
          taskId: job.taskId,
          sequence: claimed.sequence,
          dueAt: new Date(claimed.due_at).toISOString(),
          assigneeId: claimed.assignee_id,
        },
      });
      return true;
    });
  }
}
