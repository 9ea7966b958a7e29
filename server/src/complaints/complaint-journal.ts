import type { ClockStart, ComplaintStatus } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { countDue, type BoundPlugin } from '../plugins/plugin-host';
import { loadTenantCalendar } from '../calendar/tenant-calendar.loader';
import { provisionalReason, type ProvisionalReason } from '../calendar/provisional';
import type { TenantCalendar } from '../plugins/working-calendar';
import { camelRow, type ComplaintRow, type EventRow } from './complaint-rows';
import { EVENT_KINDS, type ComplaintEventKind } from './complaint.enums';
import { toComplaintView } from './complaint-view';
import { COMPLAINT_EVENT_NOTIFY_SQL, LIVE_CHANNEL } from '../live/live-events';
import { notifyComplaintEvent } from '../notifications/complaint-notifications';

/**
 * Writes that accompany every change of a complaint, in the change's own transaction: the
 * append-only event, and the stage clocks the plugin starts or the change completes.
 * Each event is also published to live subscribers once the transaction commits, and the
 * notifications it causes are written to the outbox.
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
  // The live signal goes out with the insert: one statement.
  const [{ notified: _, ...row }] = await tx.query<{ notified: unknown }>(
    `WITH event AS (
       INSERT INTO complaint_events
         (tenant_id, complaint_id, kind, from_status, to_status, actor_user_id, actor_api_key_id, is_public, changes, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *)
     SELECT event.*, ${COMPLAINT_EVENT_NOTIFY_SQL('event', '$11')} AS notified FROM event`,
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
      LIVE_CHANNEL,
    ],
  );
  const recorded = camelRow<EventRow>(row);
  // Whom the event concerns is told in the same transaction (the outbox): nothing for a rolled-back change.
  await notifyComplaintEvent(tx, recorded);
  return recorded;
}

/**
 * Writes one change of a complaint: sets the given columns (snake_case) and the status,
 * bumps the version and appends the event, in `tx`. The one writer behind every change,
 * whether a person's (ComplaintChanges) or the system's (a breached clock).
 */
export async function writeComplaintChange(
  tx: TenantTransaction,
  before: ComplaintRow,
  change: {
    kind: ComplaintEventKind;
    to?: ComplaintStatus;
    set?: Record<string, unknown>;
    actor: { userId: string | null; apiKeyId: string | null } | null;
    changes?: Record<string, unknown>;
    decidedBy?: string | null;
  },
): Promise<{ row: ComplaintRow; event: EventRow }> {
  const set: Record<string, unknown> = { ...change.set, status: change.to ?? before.status };
  const columns = Object.keys(set);
  const assignments = columns.map((column, i) => `${column} = $${i + 2}`).join(', ');
  const [updated] = await tx.query(
    `UPDATE complaints SET ${assignments}, version = version + 1, updated_at = date_trunc('milliseconds', app_now())
      WHERE id = $1 RETURNING *`,
    [before.id, ...columns.map((column) => set[column])],
  );
  const row = camelRow<ComplaintRow>(updated);
  const event = await recordEvent(tx, {
    complaint: row,
    kind: change.kind,
    from: before.status,
    to: row.status,
    actor: change.actor,
    changes: change.changes,
    decidedBy: change.decidedBy,
  });
  return { row, event };
}

/**
 * Starts the clocks the plugin sets for `start`, counted from `at` on the tenant's calendar.
 * `departmentsInvolved` may be given when the caller knows it (a complaint just filed has
 * been assigned to none); otherwise it is counted from the ASSIGNED events.
 */
export async function startClocks(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  plugin: BoundPlugin,
  start: ClockStart,
  at: Date,
  departmentsInvolved?: number,
): Promise<void> {
  // Clocks depend on the complaint, the stage and the departments involved, not on the complainant's history.
  const involved =
    departmentsInvolved ??
    (
      await tx.query<{ involved: number }>(
        `SELECT count(DISTINCT changes -> 'departmentId' ->> 'to')::int AS involved
           FROM complaint_events WHERE complaint_id = $1 AND kind = 'ASSIGNED'`,
        [complaint.id],
      )
    )[0].involved;
  const deadlines = await planClocks(tx, complaint, plugin, start, at, involved);
  if (deadlines.length === 0) return;
  await insertDeadlines(tx, complaint, plugin.decidedBy, at, deadlines);
}

/** A stage clock as the plugin set it, counted on the tenant's calendar, not stored yet. */
export interface PlannedClock {
  stage: string;
  dueAt: Date;
  period: { amount: number; unit: string };
  provisional: ProvisionalReason | null;
}

/**
 * The clocks the plugin sets for `start` from `at`, counted on the tenant's calendar (read
 * only when there is a clock to count, unless the caller gives it).
 */
export async function planClocks(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  plugin: BoundPlugin,
  start: ClockStart,
  at: Date,
  departmentsInvolved: number,
  calendar?: TenantCalendar,
): Promise<PlannedClock[]> {
  const drafts = plugin.decide('deadlines', {
    complaint: toComplaintView(complaint),
    start,
    departmentsInvolved: Math.max(1, departmentsInvolved),
  });
  if (drafts.length === 0) return [];
  const counting = calendar ?? (await loadTenantCalendar(tx, complaint.tenantId, at));
  // A period that runs into a year without a holiday schedule is counted on weekends alone
  // and stored as provisional: it is counted again when the year's schedule is loaded.
  return drafts.map((draft) => {
    const counted = countDue(at, draft, counting);
    return {
      stage: draft.stage,
      dueAt: counted.dueAt,
      period: { amount: draft.amount, unit: draft.unit },
      provisional: provisionalReason(counting, counted.uncoveredYears),
    };
  });
}

/** How much of a clock's span is left when its reminder goes out. */
export const REMINDER_SHARE = 0.2;

/** When the reminder of a clock started at `startedAt` and due at `due` goes out; none for a clock due at once. */
export function reminderTime(startedAt: Date, due: Date): Date | null {
  const span = due.getTime() - startedAt.getTime();
  return span > 0 ? new Date(due.getTime() - span * REMINDER_SHARE) : null;
}

/** The arrays of planned clocks a clock insert (`clockInsertSql`) takes, each a statement parameter. */
export function clockArrays(startedAt: Date, deadlines: readonly PlannedClock[]) {
  return {
    stages: deadlines.map((deadline) => deadline.stage),
    dues: deadlines.map((deadline) => deadline.dueAt),
    reminds: deadlines.map(({ dueAt: due }) => reminderTime(startedAt, due)),
    amounts: deadlines.map((deadline) => deadline.period.amount),
    units: deadlines.map((deadline) => deadline.period.unit),
    reasons: deadlines.map((deadline) => (deadline.provisional ? JSON.stringify(deadline.provisional) : null)),
  };
}

/**
 * The INSERT of planned clocks, each argument an SQL expression (a parameter, or a column of
 * a preceding CTE); the arrays are those of `clockArrays`, in its order. Returns the ids.
 */
export function clockInsertSql(a: {
  tenantId: string;
  complaintId: string;
  startedAt: string;
  paused: string;
  decidedBy: string;
  arrays: Record<keyof ReturnType<typeof clockArrays>, string>;
  from?: string;
}): string {
  const { arrays } = a;
  // created_at strictly increases in the plugin's order: lists of clocks are ordered by it.
  return `INSERT INTO complaint_deadlines (tenant_id, complaint_id, stage, started_at, due_at, remind_at, paused_at, decided_by, created_at,
                                      period_amount, period_unit, provisional, provisional_reason)
     SELECT ${a.tenantId}, ${a.complaintId}, d.stage, ${a.startedAt}, d.due_at, d.remind_at, CASE WHEN ${a.paused} THEN app_now() END, ${a.decidedBy},
            app_now() + d.ord * interval '1 microsecond',
            d.amount, d.unit, d.reason IS NOT NULL, d.reason
       FROM ${a.from ? `${a.from}, ` : ''}unnest(${arrays.stages}::text[], ${arrays.dues}::timestamptz[], ${arrays.reminds}::timestamptz[],
                   ${arrays.amounts}::numeric[], ${arrays.units}::text[], ${arrays.reasons}::jsonb[])
            WITH ORDINALITY AS d(stage, due_at, remind_at, amount, unit, reason, ord)
     RETURNING id`;
}

/** Puts the breach and reminder jobs of these running clocks on the job queue. */
export async function scheduleClockJobs(tx: TenantTransaction, deadlineIds: readonly string[]): Promise<void> {
  if (deadlineIds.length > 0) await tx.query('SELECT schedule_deadline_jobs($1::uuid[])', [[...deadlineIds]]);
}

/**
 * Stores stage clocks and schedules their reminders and breaches on the job queue, in the
 * same transaction (a rolled-back change schedules nothing), in two statements whatever their
 * number. A clock started while the complaint's clocks are paused starts paused; resuming
 * schedules it.
 */
async function insertDeadlines(
  tx: TenantTransaction,
  complaint: Pick<ComplaintRow, 'id' | 'tenantId' | 'clockPausedAt'>,
  decidedBy: string,
  startedAt: Date,
  deadlines: readonly PlannedClock[],
): Promise<void> {
  const paused = complaint.clockPausedAt !== null;
  const arrays = clockArrays(startedAt, deadlines);
  const rows = await tx.query<{ id: string }>(
    clockInsertSql({
      tenantId: '$1',
      complaintId: '$2',
      startedAt: '$3',
      paused: '$4',
      decidedBy: '$5',
      arrays: { stages: '$6', dues: '$7', reminds: '$8', amounts: '$9', units: '$10', reasons: '$11' },
    }),
    [
      complaint.tenantId,
      complaint.id,
      startedAt,
      paused,
      decidedBy,
      arrays.stages,
      arrays.dues,
      arrays.reminds,
      arrays.amounts,
      arrays.units,
      arrays.reasons,
    ],
  );
  if (!paused)
    await scheduleClockJobs(
      tx,
      rows.map((row) => row.id),
    );
}

/** Marks the open clocks of these stages as met now. */
export async function meetClocks(tx: TenantTransaction, complaintId: string, stages: readonly string[]): Promise<void> {
  if (stages.length === 0) return;
  await tx.query(
    `UPDATE complaint_deadlines SET met_at = app_now()
      WHERE complaint_id = $1 AND stage = ANY($2::text[]) AND met_at IS NULL AND cancelled_at IS NULL`,
    [complaintId, [...stages]],
  );
}

/** Stops every open clock (withdrawn, rejected, closed), and ends a pause: nothing is left to wait for. */
export async function cancelOpenClocks(tx: TenantTransaction, complaintId: string): Promise<void> {
  await tx.query(
    `UPDATE complaint_deadlines SET cancelled_at = app_now()
      WHERE complaint_id = $1 AND met_at IS NULL AND cancelled_at IS NULL`,
    [complaintId],
  );
  await tx.query('UPDATE complaints SET clock_paused_at = NULL WHERE id = $1 AND clock_paused_at IS NOT NULL', [complaintId]);
}
