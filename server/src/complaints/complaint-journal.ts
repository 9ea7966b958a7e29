import type { ClockStart, ComplaintStatus } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { CalendarNotCoveredError } from '../plugins/working-calendar';
import { dueAt, type BoundPlugin } from '../plugins/plugin-host';
import { loadTenantCalendar } from '../calendar/tenant-calendar.loader';
import { camelRow, type ComplaintRow, type EventRow } from './complaint-rows';
import { EVENT_KINDS, type ComplaintEventKind } from './complaint.enums';
import { toComplaintView } from './complaint-view';
import { publishAfterCommit } from '../live/live-events';

/**
 * Writes that accompany every change of a complaint, in the change's own transaction: the
 * append-only event, and the stage clocks the policy starts or the change completes.
 * Each event is also published to live subscribers once the transaction commits.
 */
export async function recordEvent(
  tx: TenantTransaction,
  event: {
    complaint: Pick<ComplaintRow, 'id' | 'tenantId'>;
    kind: ComplaintEventKind;
    from: ComplaintStatus | null;
    to: ComplaintStatus | null;
    actor: { userId: string | null; apiKeyId: string | null } | null;
    changes?: Record<string, unknown>;
    decidedBy?: string | null;
  },
): Promise<EventRow> {
  const [row] = await tx.query(
    `INSERT INTO complaint_events
       (tenant_id, complaint_id, kind, from_status, to_status, actor_user_id, actor_api_key_id, is_public, changes, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [
      event.complaint.tenantId,
      event.complaint.id,
      event.kind,
      event.from,
      event.to,
      event.actor?.userId ?? null,
      event.actor?.apiKeyId ?? null,
      EVENT_KINDS[event.kind].public,
      JSON.stringify(event.changes ?? {}),
      event.decidedBy ?? null,
    ],
  );
  const recorded = camelRow<EventRow>(row);
  await publishAfterCommit(tx, {
    type: 'complaint',
    tenantId: event.complaint.tenantId,
    complaintId: event.complaint.id,
    eventId: recorded.id,
  });
  return recorded;
}

/** Starts the clocks the policy sets for `start`, counted from `at` on the tenant's calendar. */
export async function startClocks(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  policy: BoundPlugin,
  start: ClockStart,
  at: Date,
): Promise<void> {
  // Clocks depend on the complaint, the stage and the departments involved, not on the complainant's history.
  const [{ involved }] = await tx.query(
    `SELECT count(DISTINCT changes -> 'departmentId' ->> 'to')::int AS involved
       FROM complaint_events WHERE complaint_id = $1 AND kind = 'ASSIGNED'`,
    [complaint.id],
  );
  const drafts = policy.decide(
    'deadlines',
    { complaint: toComplaintView(complaint), start, departmentsInvolved: Math.max(1, involved) },
  );
  const calendar = await loadTenantCalendar(tx, complaint.tenantId);
  for (const draft of drafts) {
    let due: Date;
    try {
      due = dueAt(at, draft, calendar);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) throw new UserFailure(UserErrorCode.CALENDAR_NOT_COVERED, error.message);
      throw error;
    }
    await insertDeadline(tx, complaint, { stage: draft.stage, startedAt: at, dueAt: due, decidedBy: policy.decidedBy });
  }
}

/** How much of a clock's span is left when its reminder goes out. */
export const REMINDER_SHARE = 0.2;

/**
 * Stores one stage clock and schedules its reminder and breach on the job queue, in the
 * same transaction (a rolled-back change schedules nothing). A clock started while the
 * complaint's clocks are paused starts paused; resuming schedules it.
 */
async function insertDeadline(
  tx: TenantTransaction,
  complaint: Pick<ComplaintRow, 'id' | 'tenantId' | 'clockPausedAt'>,
  deadline: { stage: string; startedAt: Date; dueAt: Date; decidedBy: string },
): Promise<void> {
  const span = deadline.dueAt.getTime() - deadline.startedAt.getTime();
  const remindAt = span > 0 ? new Date(deadline.dueAt.getTime() - span * REMINDER_SHARE) : null;
  const paused = complaint.clockPausedAt !== null;
  const [row] = await tx.query(
    `INSERT INTO complaint_deadlines (tenant_id, complaint_id, stage, started_at, due_at, remind_at, paused_at, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, CASE WHEN $7 THEN clock_timestamp() END, $8) RETURNING id`,
    [complaint.tenantId, complaint.id, deadline.stage, deadline.startedAt, deadline.dueAt, remindAt, paused, deadline.decidedBy],
  );
  if (!paused) await tx.query('SELECT schedule_deadline_jobs($1)', [row.id]);
}

/** Marks the open clocks of these stages as met now. */
export async function meetClocks(tx: TenantTransaction, complaintId: string, stages: readonly string[]): Promise<void> {
  if (stages.length === 0) return;
  await tx.query(
    `UPDATE complaint_deadlines SET met_at = clock_timestamp()
      WHERE complaint_id = $1 AND stage = ANY($2::text[]) AND met_at IS NULL AND cancelled_at IS NULL`,
    [complaintId, [...stages]],
  );
}

/** Stops every open clock (withdrawn, rejected, closed), and ends a pause: nothing is left to wait for. */
export async function cancelOpenClocks(tx: TenantTransaction, complaintId: string): Promise<void> {
  await tx.query(
    `UPDATE complaint_deadlines SET cancelled_at = clock_timestamp()
      WHERE complaint_id = $1 AND met_at IS NULL AND cancelled_at IS NULL`,
    [complaintId],
  );
  await tx.query('UPDATE complaints SET clock_paused_at = NULL WHERE id = $1 AND clock_paused_at IS NOT NULL', [complaintId]);
}
