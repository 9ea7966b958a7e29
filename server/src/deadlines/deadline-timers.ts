import type { DeadlineStage, EscalationContext } from '@redress/plugin-api';
import type { DataSource } from 'typeorm';
import { inScopedTransaction, type TenantTransaction } from '../db/tenant-transaction';
import { writeComplaintChange } from '../complaints/complaint-journal';
import { camelRow, type ComplaintRow, type DeadlineRow } from '../complaints/complaint-rows';
import { toComplaintView } from '../complaints/complaint-view';
import { highestPriority } from '../complaints/lifecycle';
import { publishAfterCommit } from '../live/live-events';
import { notifyDeadlineDueSoon } from '../notifications/staff-notifications';
import { chargePenalties, penaltySubjects } from '../penalties/penalty-ledger';
import type { PluginHost } from '../plugins/plugin-host';
import type { Clock } from '../time/clock';
import { notifiedDepartments } from '../notifications/escalation-recipients';

export interface DeadlineJob {
  tenantId: string;
  deadlineId: string;
}

/**
 * A job the queue runs before its time by this process's clock: the process that scheduled it
 * (on another machine) runs a little ahead. The clock still runs, so its jobs are scheduled
 * again for when this process's clock reaches the time; the process that then runs them acts.
 * Without this a clock a few milliseconds behind would skip the reminder or the breach.
 */
async function rescheduleIfEarly(tx: TenantTransaction, deadlineId: string, column: 'remind_at' | 'due_at'): Promise<void> {
  const [early] = await tx.query(
    `SELECT 1 AS early FROM complaint_deadlines
      WHERE id = $1 AND breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL
        AND ${column === 'remind_at' ? 'reminded_at IS NULL AND remind_at' : 'due_at'} > app_now()`,
    [deadlineId],
  );
  if (early) await tx.query('SELECT schedule_deadline_jobs($1::uuid[])', [[deadlineId]]);
}

/** A stage clock that runs out while the complaint is still open means it has been left unresolved. */
const escalationReason = (stage: DeadlineStage): EscalationContext['reason'] => (stage === 'CLOSE' ? 'UNRESOLVED' : 'DEADLINE_BREACH');

/**
 * What happens when a stage clock's reminder or due time comes. Each runs in a transaction
 * scoped to the job's tenant (row-level security applies as for a request) and is
 * idempotent: the deadline row is claimed with a conditional update, so a job that runs
 * twice, or on two servers, acts once, and a clock met, cancelled or paused meanwhile is
 * left alone.
 */
export class DeadlineTimers {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly plugins: PluginHost,
  ) {}

  /** Tells the viewers of the complaint's queue that a clock is about to run out. */
  async remind(job: DeadlineJob): Promise<boolean> {
    return inScopedTransaction(this.dataSource, this.clock, { tenantId: job.tenantId, userId: null }, async (tx) => {
      const [claimed] = await tx.query<{ complaint_id: string }>(
        `UPDATE complaint_deadlines SET reminded_at = app_now()
          WHERE id = $1 AND reminded_at IS NULL AND breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL
            AND paused_at IS NULL AND remind_at <= app_now()
          RETURNING complaint_id`,
        [job.deadlineId],
      );
      if (!claimed) {
        await rescheduleIfEarly(tx, job.deadlineId, 'remind_at');
        return false;
      }
      await publishAfterCommit(tx, {
        type: 'deadline',
        tenantId: job.tenantId,
        complaintId: claimed.complaint_id,
        deadlineId: job.deadlineId,
        alert: 'DUE_SOON',
      });
      await notifyDeadlineDueSoon(tx, job.deadlineId);
      return true;
    });
  }

  /**
   * Records the breach: the escalation the governing plugin names (priority, who is told),
   * an event on the timeline, the penalties of its rules, and a live alert.
   */
  async breach(job: DeadlineJob): Promise<boolean> {
    return inScopedTransaction(this.dataSource, this.clock, { tenantId: job.tenantId, userId: null }, async (tx) => {
      const [claimed] = await tx.query(
        `UPDATE complaint_deadlines SET breached_at = app_now()
          WHERE id = $1 AND breached_at IS NULL AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL
            AND due_at <= app_now()
          RETURNING *`,
        [job.deadlineId],
      );
      if (!claimed) {
        await rescheduleIfEarly(tx, job.deadlineId, 'due_at');
        return false;
      }
      const deadline = camelRow<DeadlineRow>(claimed);
      await this.handleBreach(tx, deadline);
      await publishAfterCommit(tx, {
        type: 'deadline',
        tenantId: job.tenantId,
        complaintId: deadline.complaintId,
        deadlineId: deadline.id,
        alert: 'BREACHED',
      });
      return true;
    });
  }

  private async handleBreach(tx: TenantTransaction, deadline: DeadlineRow): Promise<void> {
    const [found] = await tx.query('SELECT * FROM complaints WHERE id = $1 FOR UPDATE', [deadline.complaintId]);
    const complaint = camelRow<ComplaintRow>(found);
    const [tenant] = await tx.query<{ time_zone: string }>('SELECT time_zone FROM tenants WHERE id = $1', [complaint.tenantId]);
    const plugin = this.plugins.pinned(complaint, tenant.time_zone);
    const view = toComplaintView(complaint);
    const notices = plugin.decide('escalation', { complaint: view, reason: escalationReason(deadline.stage) });
    const priority = highestPriority([complaint.priority, ...notices.map((notice) => notice.raisePriorityTo)]);
    const hoursLate = Math.max(0, (tx.clock.now().getTime() - deadline.dueAt.getTime()) / 3_600_000);
    const { charged, unassigned } = await chargePenalties(
      tx,
      complaint,
      plugin,
      { kind: 'DEADLINE_BREACH', complaint: view, stage: deadline.stage, hoursLate },
      await penaltySubjects(tx, complaint),
      deadline.id,
    );
    await writeComplaintChange(tx, complaint, {
      kind: 'DEADLINE_BREACHED',
      set: { priority },
      actor: null,
      changes: {
        stage: deadline.stage,
        dueAt: deadline.dueAt.toISOString(),
        hoursLate: Math.round(hoursLate * 100) / 100,
        priority: { from: complaint.priority, to: priority },
        notify: notices.map((notice) => notice.role),
        ...notifiedDepartments(notices),
        penalties: charged.map((penalty) => penalty.id),
        unassignedPenalties: unassigned.map((draft) => draft.subject),
      },
      decidedBy: plugin.decidedBy,
    });
  }
}
