import type { ClockStart, ComplaintStatus } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { CalendarNotCoveredError } from '../plugins/working-calendar';
import { dueAt, type BoundPlugin } from '../plugins/plugin-host';
import { camelRow, type ComplaintRow, type EventRow } from './complaint-rows';
import { EVENT_KINDS, type ComplaintEventKind } from './complaint.enums';
import { toComplaintView } from './complaint-view';

/**
 * Writes that accompany every change of a complaint, in the change's own transaction: the
 * append-only event, and the stage clocks the policy starts or the change completes.
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
  return camelRow<EventRow>(row);
}

/**
 * Starts the clocks the policy sets for `start`, counted from `at`, in one statement.
 * `departmentsInvolved` may be given when the caller knows it (a complaint just filed has
 * been assigned to none); otherwise it is counted from the ASSIGNED events.
 */
export async function startClocks(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  policy: BoundPlugin,
  start: ClockStart,
  at: Date,
  timeZone: string,
  departmentsInvolved?: number,
): Promise<void> {
  // Clocks depend on the complaint, the stage and the departments involved, not on the complainant's history.
  const involved =
    departmentsInvolved ??
    (
      await tx.query(
        `SELECT count(DISTINCT changes -> 'departmentId' ->> 'to')::int AS involved
           FROM complaint_events WHERE complaint_id = $1 AND kind = 'ASSIGNED'`,
        [complaint.id],
      )
    )[0].involved;
  const drafts = policy.decide(
    'deadlines',
    { complaint: toComplaintView(complaint), start, departmentsInvolved: Math.max(1, involved) },
  );
  const due = drafts.map((draft) => {
    try {
      return dueAt(at, draft, timeZone);
    } catch (error) {
      if (error instanceof CalendarNotCoveredError) throw new UserFailure(UserErrorCode.CALENDAR_NOT_COVERED, error.message);
      throw error;
    }
  });
  if (drafts.length === 0) return;
  await tx.query(
    // created_at strictly increases in the policy's order: lists of clocks are ordered by it.
    `INSERT INTO complaint_deadlines (tenant_id, complaint_id, stage, due_at, decided_by, created_at)
     SELECT $1, $2, d.stage, d.due_at, $5, clock_timestamp() + d.ord * interval '1 microsecond'
       FROM unnest($3::text[], $4::timestamptz[]) WITH ORDINALITY AS d(stage, due_at, ord)`,
    [complaint.tenantId, complaint.id, drafts.map((draft) => draft.stage), due, policy.decidedBy],
  );
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

/** Stops every open clock (withdrawn, rejected, closed). */
export async function cancelOpenClocks(tx: TenantTransaction, complaintId: string): Promise<void> {
  await tx.query(
    `UPDATE complaint_deadlines SET cancelled_at = clock_timestamp()
      WHERE complaint_id = $1 AND met_at IS NULL AND cancelled_at IS NULL`,
    [complaintId],
  );
}
