import type { TenantTransaction } from '../db/tenant-transaction';

/**
 * What the live feed carries: ids only. Subscribers read everything else through their own,
 * freshly authorized context, so a notification itself reveals nothing.
 */
export type LiveEvent =
  | { type: 'complaint'; tenantId: string; complaintId: string; eventId: string }
  | { type: 'deadline'; tenantId: string; complaintId: string; deadlineId: string; alert: 'DUE_SOON' | 'BREACHED' | 'RECOUNTED' }
  | { type: 'report'; tenantId: string; reportId: string };

/** The PostgreSQL channel every server process LISTENs on. */
export const LIVE_CHANNEL = 'redress_live';

/**
 * Queues the event in the transaction `tx` with `pg_notify`: PostgreSQL delivers it to the
 * listeners when, and only if, the transaction commits (a rolled-back savepoint discards it).
 */
export async function publishAfterCommit(tx: TenantTransaction, event: LiveEvent): Promise<void> {
  await tx.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, JSON.stringify(event)]);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A notification payload as a LiveEvent, or null when it is not one (never trusted blindly). */
export function parseLiveEvent(payload: string | undefined): LiveEvent | null {
  let value: Record<string, unknown>;
  try {
    value = JSON.parse(payload ?? '');
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || !isUuid(value.tenantId)) return null;
  if (value.type === 'report' && isUuid(value.reportId)) return { type: 'report', tenantId: value.tenantId, reportId: value.reportId };
  if (!isUuid(value.complaintId)) return null;
  if (value.type === 'complaint' && isUuid(value.eventId)) {
    return { type: 'complaint', tenantId: value.tenantId, complaintId: value.complaintId, eventId: value.eventId };
  }
  if (value.type === 'deadline' && isUuid(value.deadlineId) && (value.alert === 'DUE_SOON' || value.alert === 'BREACHED' || value.alert === 'RECOUNTED')) {
    return {
      type: 'deadline',
      tenantId: value.tenantId,
      complaintId: value.complaintId,
      deadlineId: value.deadlineId,
      alert: value.alert,
    };
  }
  return null;
}
