import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from '../complaints/complaint-rows';
import { toComplaintView } from '../complaints/complaint-view';
import { countDue, type BoundPlugin } from '../plugins/plugin-host';
import { loadTenantCalendar } from '../calendar/tenant-calendar.loader';
import type { TenantCalendar } from '../plugins/working-calendar';
import { provisionalReason, type ProvisionalReason } from '../calendar/provisional';

/**
 * Follow-up tasks of a complaint, written in the transaction of the change that causes them.
 *
 * When a resolution is carried out, the governing plugin's `followUps` rule gives the visits
 * to make; each is due its working days after the previous one (the first: after the
 * execution), goes to the complaint's owner (else whoever received it), and its overdue job
 * is scheduled on the queue. A plan made again (the complaint was reopened and carried out
 * anew) replaces the open tasks of the earlier one.
 */
export async function planFollowUps(tx: TenantTransaction, complaint: ComplaintRow, plugin: BoundPlugin, executedAt: Date): Promise<void> {
  await cancelOpenFollowUps(tx, complaint.id);
  const plan = plugin.decide('followUps', { complaint: toComplaintView(complaint), executedAt });
  const [{ done }] = await tx.query<{ done: number }>(
    'SELECT coalesce(max(sequence), 0)::int AS done FROM follow_up_tasks WHERE complaint_id = $1',
    [complaint.id],
  );
  const calendar = await loadTenantCalendar(tx, complaint.tenantId, executedAt);
  let from = executedAt;
  let inherited: ProvisionalReason | null = null;
  for (const [index, visit] of plan.visits.entries()) {
    const due = followUpDueAt(from, visit.withinWorkingDays, calendar, inherited);
    const [task] = await tx.query(
      `INSERT INTO follow_up_tasks (tenant_id, complaint_id, sequence, assignee_id, due_at, decided_by,
                                    counted_from, working_days, provisional, provisional_reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        complaint.tenantId,
        complaint.id,
        done + index + 1,
        complaint.ownerId ?? complaint.receivedBy,
        due.dueAt,
        plugin.decidedBy,
        from,
        visit.withinWorkingDays,
        due.provisional !== null,
        due.provisional && JSON.stringify(due.provisional),
      ],
    );
    await tx.query('SELECT schedule_follow_up_job($1)', [task.id]);
    // The next visit counts from the day this one is due (its last instant), not from the day after.
    from = new Date(due.dueAt.getTime() - 1);
    // A visit counted from a provisional due time is provisional too.
    inherited = due.provisional;
  }
}

/**
 * The end of the `workingDays`-th working day after `from`, on the tenant's calendar, and
 * why it is provisional, if it is: it touched a year without a holiday schedule, or it is
 * counted from a provisional due time (`after`).
 */
export function followUpDueAt(
  from: Date,
  workingDays: number,
  calendar: TenantCalendar,
  after: ProvisionalReason | null = null,
): { dueAt: Date; provisional: ProvisionalReason | null } {
  const counted = countDue(from, { amount: workingDays, unit: 'workingDays' }, calendar);
  const years = [...new Set([...(after?.years ?? []), ...counted.uncoveredYears])].sort((a, b) => a - b);
  return { dueAt: counted.dueAt, provisional: provisionalReason(calendar, years) };
}

/** A recorded follow-up completes the earliest open task of the complaint, if any. */
export async function completeNextFollowUp(tx: TenantTransaction, complaintId: string, followUpId: string): Promise<void> {
  await tx.query(
    `UPDATE follow_up_tasks SET done_at = app_now(), follow_up_id = $2
      WHERE id = (SELECT id FROM follow_up_tasks WHERE complaint_id = $1 AND done_at IS NULL AND cancelled_at IS NULL
                   ORDER BY sequence LIMIT 1)`,
    [complaintId, followUpId],
  );
}

/** Nothing is left to follow up once a complaint is closed, withdrawn or reopened. */
export async function cancelOpenFollowUps(tx: TenantTransaction, complaintId: string): Promise<void> {
  await tx.query(
    `UPDATE follow_up_tasks SET cancelled_at = app_now()
      WHERE complaint_id = $1 AND done_at IS NULL AND cancelled_at IS NULL`,
    [complaintId],
  );
}
