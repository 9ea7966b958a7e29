import { z } from 'zod';
import type { TenantTransaction } from '../db/tenant-transaction';

/** A row id as PostgreSQL prints it. */
const id = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);

/**
 * What the live feed carries: ids only. Subscribers read everything else through their own,
 * freshly authorized context, so a notification itself reveals nothing.
 */
const liveEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('complaint'), tenantId: id, complaintId: id, eventId: id }),
  z.object({
    type: z.literal('deadline'),
    tenantId: id,
    complaintId: id,
    deadlineId: id,
    alert: z.enum(['DUE_SOON', 'BREACHED', 'RECOUNTED']),
  }),
  z.object({ type: z.literal('report'), tenantId: id, reportId: id }),
  z.object({ type: z.literal('notification'), tenantId: id, userId: id, notificationId: id }),
]);

export type LiveEvent = z.infer<typeof liveEventSchema>;

/** The PostgreSQL channel every server process LISTENs on. */
export const LIVE_CHANNEL = 'redress_live';

/**
 * Queues the event in the transaction `tx` with `pg_notify`: PostgreSQL delivers it to the
 * listeners when, and only if, the transaction commits (a rolled-back savepoint discards it).
 */
export async function publishAfterCommit(tx: TenantTransaction, event: LiveEvent): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(event)]);
}

/**
 * The same for a `complaint` event written by the statement itself: SQL that queues the
 * signal of the complaint_events row `alias` on the channel parameter `channel`, so a
 * statement that inserts an event needs no second one for it.
 */
export const COMPLAINT_EVENT_NOTIFY_SQL = (alias: string, channel: string) =>
  `pg_notify(${channel}, json_build_object('type', 'complaint', 'tenantId', ${alias}.tenant_id,
     'complaintId', ${alias}.complaint_id, 'eventId', ${alias}.id)::text)`;

/** The outcome of reading one notification payload: an event, or why it is none. */
export type ParsedLiveEvent = { ok: true; event: LiveEvent } | { ok: false; type: unknown; problem: string };

/**
 * A notification payload as a LiveEvent (never trusted blindly): unknown fields are dropped,
 * and an unknown type or a malformed event comes back with its type and the problem found.
 */
export function parseLiveEvent(payload: string | undefined): ParsedLiveEvent {
  let value: unknown;
  try {
    value = JSON.parse(payload ?? '');
  } catch {
    return { ok: false, type: undefined, problem: 'not JSON' };
  }
  const parsed = liveEventSchema.safeParse(value);
  if (parsed.success) return { ok: true, event: parsed.data };
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  return { ok: false, type, problem: z.prettifyError(parsed.error) };
}
