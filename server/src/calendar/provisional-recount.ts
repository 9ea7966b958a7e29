import type { DataScope, TenantTransaction } from '../db/tenant-transaction';
import { recordEvent, reminderTime } from '../complaints/complaint-journal';
import type { ComplaintStatus } from '@redress/plugin-api';
import { followUpDueAt } from '../follow-ups/follow-up-plan';
import { recordAudit } from '../identity/audit';
import { publishAfterCommit } from '../live/live-events';
import { countDue } from '../plugins/plugin-host';
import { provisionalReason, type ProvisionalReason } from './provisional';
import { loadTenantCalendar } from './tenant-calendar.loader';

/**
 * Where a recount runs: a request's own transaction (`lookup` and `inScope` sections on its
 * one connection) or, from the command line, a transaction of its own per tenant.
 */
export interface RecountRunner {
  lookup<T extends object>(sql: string, params: unknown[]): Promise<T[]>;
  inScope<T>(scope: DataScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T>;
}

export interface RecountTotals {
  tenants: number;
  clocks: number;
  followUps: number;
}

/**
 * After a holiday schedule of `region` was loaded or corrected: every open provisional
 * clock and follow-up task of every tenant of the region is counted again from its start.
 * Tenants come from the platform-level listing `tenants_with_provisional_periods`; each is
 * recounted in a section scoped to it, so row-level security holds throughout.
 */
export async function recountProvisionalPeriods(
  runner: RecountRunner,
  loaded: { region: string; year: number; source: string },
  actor: { userId: string | null },
): Promise<RecountTotals> {
  const tenants: { tenant_id: string }[] = await runner.lookup('SELECT tenant_id FROM tenants_with_provisional_periods($1)', [
    loaded.region,
  ]);
  const totals: RecountTotals = { tenants: 0, clocks: 0, followUps: 0 };
  for (const { tenant_id: tenantId } of tenants) {
    const counted = await runner.inScope({ tenantId, userId: actor.userId }, (tx) => recountTenant(tx, tenantId, loaded, actor));
    totals.tenants++;
    totals.clocks += counted.clocks;
    totals.followUps += counted.followUps;
  }
  return totals;
}

interface OpenClock {
  id: string;
  complaint_id: string;
  stage: string;
  started_at: Date;
  due_at: Date;
  remind_at: Date | null;
  /** numeric: hours may be fractional; pg returns it as a string. */
  period_amount: string;
  period_unit: 'hours' | 'days' | 'workingDays';
}

interface OpenTask {
  id: string;
  complaint_id: string;
  sequence: number;
  due_at: Date;
  counted_from: Date;
  working_days: number;
}

interface Change {
  deadlines: Record<string, { from: string; to: string; provisional: boolean }>;
  followUps: { sequence: number; from: string; to: string; provisional: boolean }[];
}

/**
 * One tenant's recount. Clocks that are running (not met, cancelled, paused or already
 * breached) move their due time, reminder and timers; a clock whose period is now fully
 * covered stops being provisional. Each complaint gets one DEADLINE_RECOUNTED event with the
 * old and new due times, and each moved clock a RECOUNTED deadline alert.
 */
async function recountTenant(
  tx: TenantTransaction,
  tenantId: string,
  loaded: { region: string; year: number; source: string },
  actor: { userId: string | null },
): Promise<{ clocks: number; followUps: number }> {
  const clocks = await tx.query<OpenClock>(
    `SELECT id, complaint_id, stage, started_at, due_at, remind_at, period_amount, period_unit
       FROM complaint_deadlines
      WHERE tenant_id = $1 AND provisional AND met_at IS NULL AND cancelled_at IS NULL AND paused_at IS NULL AND breached_at IS NULL
      ORDER BY complaint_id, created_at
        FOR UPDATE`,
    [tenantId],
  );
  const tasks = await tx.query<OpenTask>(
    `SELECT id, complaint_id, sequence, due_at, counted_from, working_days
       FROM follow_up_tasks
      WHERE tenant_id = $1 AND provisional AND done_at IS NULL AND cancelled_at IS NULL AND overdue_at IS NULL
      ORDER BY complaint_id, sequence
        FOR UPDATE`,
    [tenantId],
  );
  if (clocks.length === 0 && tasks.length === 0) return { clocks: 0, followUps: 0 };
  const starts = [...clocks.map((c) => c.started_at), ...tasks.map((t) => t.counted_from)].map((d) => d.getTime());
  const calendar = await loadTenantCalendar(tx, tenantId, new Date(Math.min(...starts)), new Date(Math.max(...starts)));

  const changes = new Map<string, Change>();
  const changeOf = (complaintId: string) => {
    if (!changes.has(complaintId)) changes.set(complaintId, { deadlines: {}, followUps: [] });
    return changes.get(complaintId)!;
  };

  const moved: string[] = [];
  for (const clock of clocks) {
    const counted = countDue(clock.started_at, { amount: Number(clock.period_amount), unit: clock.period_unit }, calendar);
    const reason = provisionalReason(calendar, counted.uncoveredYears);
    await tx.query(`UPDATE complaint_deadlines SET due_at = $2, remind_at = $3, provisional = $4, provisional_reason = $5 WHERE id = $1`, [
      clock.id,
      counted.dueAt,
      reminderTime(clock.started_at, counted.dueAt),
      reason !== null,
      reason && JSON.stringify(reason),
    ]);
    changeOf(clock.complaint_id).deadlines[clock.stage] = {
      from: clock.due_at.toISOString(),
      to: counted.dueAt.toISOString(),
      provisional: reason !== null,
    };
    moved.push(clock.id);
  }
  // Scheduling again moves the clocks' jobs (they are keyed by deadline).
  if (moved.length) await tx.query('SELECT schedule_deadline_jobs($1::uuid[])', [moved]);

  // A task counted from the due time of an earlier one of its complaint (that instant, or the
  // millisecond before it) moves with it, by as much as that due time moved.
  const recounted = new Map<string, { from: number; to: Date; reason: ProvisionalReason | null }[]>();
  for (const task of tasks) {
    const countedFrom = task.counted_from.getTime();
    const earlier = recounted.get(task.complaint_id)?.find((t) => t.from - countedFrom >= 0 && t.from - countedFrom <= 1);
    const from = earlier ? new Date(countedFrom + (earlier.to.getTime() - earlier.from)) : task.counted_from;
    const due = followUpDueAt(from, task.working_days, calendar, earlier?.reason ?? null);
    await tx.query(`UPDATE follow_up_tasks SET due_at = $2, counted_from = $3, provisional = $4, provisional_reason = $5 WHERE id = $1`, [
      task.id,
      due.dueAt,
      from,
      due.provisional !== null,
      due.provisional && JSON.stringify(due.provisional),
    ]);
    await tx.query('SELECT schedule_follow_up_job($1)', [task.id]);
    recounted.set(task.complaint_id, [
      ...(recounted.get(task.complaint_id) ?? []),
      { from: task.due_at.getTime(), to: due.dueAt, reason: due.provisional },
    ]);
    changeOf(task.complaint_id).followUps.push({
      sequence: task.sequence,
      from: task.due_at.toISOString(),
      to: due.dueAt.toISOString(),
      provisional: due.provisional !== null,
    });
  }

  const statuses = await tx.query<{ id: string; status: ComplaintStatus }>(
    'SELECT id, status FROM complaints WHERE tenant_id = $1 AND id = ANY($2::uuid[])',
    [tenantId, [...changes.keys()]],
  );
  for (const { id, status } of statuses) {
    await recordEvent(tx, {
      complaint: { id, tenantId },
      kind: 'DEADLINE_RECOUNTED',
      from: status,
      to: status,
      actor: null,
      changes: { holidaySchedule: { region: loaded.region, year: loaded.year, source: loaded.source }, ...changes.get(id) },
    });
  }
  for (const clock of clocks) {
    await publishAfterCommit(tx, { type: 'deadline', tenantId, complaintId: clock.complaint_id, deadlineId: clock.id, alert: 'RECOUNTED' });
  }
  await recordAudit(tx, {
    tenantId,
    actor: actor.userId ? { userId: actor.userId, apiKeyId: null } : null,
    action: 'calendar.provisional-recounted',
    targetType: 'Tenant',
    targetId: tenantId,
    details: { region: loaded.region, year: loaded.year, source: loaded.source, clocks: clocks.length, followUps: tasks.length },
  });
  return { clocks: clocks.length, followUps: tasks.length };
}
