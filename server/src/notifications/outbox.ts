import { randomUUID } from 'node:crypto';
import type { TenantTransaction } from '../db/tenant-transaction';
import { LIVE_CHANNEL } from '../live/live-events';
import type { NotificationEvent } from './notification-events';

/**
 * The write side of the outbox: everything here runs in the transaction of the change that
 * causes it, so a rolled-back change tells nobody and a committed one loses nothing. Each
 * function writes its rows and schedules their delivery jobs in one statement (notifyStaff:
 * in a second one, only when there is something to deliver).
 */

export type OutboxKind = 'mail' | 'webhook';

/** Puts delivery jobs for these rows on the job queue, due after `delayMs` (database time). */
export async function scheduleDelivery(tx: TenantTransaction, kind: OutboxKind, ids: string[], delayMs = 0): Promise<void> {
  if (ids.length === 0) return;
  await tx.query('SELECT schedule_outbox_jobs($1, $2::uuid[], $3)', [kind, ids, Math.round(delayMs)]);
}

/**
 * Schedules, in the statement that wrote them, the outbox rows a CTE `written` (one row,
 * column `ids`) holds: a volatile function sees the rows its statement wrote before calling
 * it, and `ids` is complete only once they are all written.
 */
const SCHEDULE_WRITTEN_SQL = (kind: string) =>
  `CASE WHEN cardinality(written.ids) > 0 THEN schedule_outbox_jobs(${kind}, written.ids, 0) END AS scheduled`;

export interface StaffNotice {
  event: NotificationEvent;
  /** Members to tell; those no longer members, and `exclude`, are left out. */
  userIds: readonly string[];
  complaintId: string | null;
  /** The template's facts: ids, codes, numbers, ISO times and `{ en, zh-CN }` texts. */
  data: Record<string, unknown>;
  /** What caused it, unique per cause: one cause tells one member once. */
  source: string;
  /** The member whose own action caused it: they need no telling. */
  exclude?: string | null;
}

/**
 * Tells members: a notification each (in their inbox unless they turned the in-app channel
 * off for this event), a mail message each unless they turned mail off, written in the
 * member's language (their preference, else the tenant's), and a live signal for
 * `notificationReceived`.
 */
export async function notifyStaff(tx: TenantTransaction, tenantId: string, notice: StaffNotice): Promise<void> {
  const userIds = [...new Set(notice.userIds)].filter((id) => id !== notice.exclude);
  if (userIds.length === 0) return;
  const rows = await tx.query<{ mail_id: string | null }>(
    `WITH recipients AS (
       SELECT m.user_id, u.email, COALESCE(p.locale, t.locale) AS locale,
              COALESCE((p.channels -> $2 ->> 'inApp')::boolean, true) AS in_app,
              COALESCE((p.channels -> $2 ->> 'email')::boolean, true) AS by_email
         FROM memberships m
         JOIN users u ON u.id = m.user_id
         JOIN tenants t ON t.id = m.tenant_id
         LEFT JOIN notification_preferences p ON p.tenant_id = m.tenant_id AND p.user_id = m.user_id
        WHERE m.tenant_id = $1 AND m.user_id = ANY($3::uuid[])
     ), inserted AS (
       INSERT INTO notifications (tenant_id, event, recipient_user_id, complaint_id, data, dedupe_key, in_inbox)
       SELECT $1, $2, r.user_id, $4, $5, $6 || ':' || r.user_id, r.in_app FROM recipients r
       ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
       RETURNING id, recipient_user_id, in_inbox
     ), mails AS (
       INSERT INTO mail_messages (tenant_id, notification_id, to_address, locale)
       SELECT $1, i.id, r.email, r.locale FROM inserted i JOIN recipients r ON r.user_id = i.recipient_user_id WHERE r.by_email
       RETURNING id, notification_id
     )
     SELECT m.id AS mail_id,
            CASE WHEN i.in_inbox THEN pg_notify($7, json_build_object(
              'type', 'notification', 'tenantId', $1::uuid, 'userId', i.recipient_user_id, 'notificationId', i.id)::text) END
       FROM inserted i LEFT JOIN mails m ON m.notification_id = i.id`,
    [tenantId, notice.event, userIds, notice.complaintId, JSON.stringify(notice.data), `${notice.event}:${notice.source}`, LIVE_CHANNEL],
  );
  await scheduleDelivery(
    tx,
    'mail',
    rows.flatMap((row) => (row.mail_id ? [row.mail_id] : [])),
  );
}

/** Writes to a complainant who gave an address and consented: one notification and its mail message. */
export async function notifyComplainant(
  tx: TenantTransaction,
  tenantId: string,
  notice: {
    event: NotificationEvent;
    complaintId: string;
    email: string;
    locale: string;
    data: Record<string, unknown>;
    source: string;
  },
): Promise<void> {
  await tx.query(
    `WITH inserted AS (
       INSERT INTO notifications (tenant_id, event, recipient_email, complaint_id, data, dedupe_key, in_inbox)
       VALUES ($1, $2, $3, $4, $5, $6, false)
       ON CONFLICT (tenant_id, dedupe_key) DO NOTHING
       RETURNING id
     ), mails AS (
       INSERT INTO mail_messages (tenant_id, notification_id, to_address, locale)
       SELECT $1, id, $3, $7 FROM inserted RETURNING id
     ), written AS (
       SELECT coalesce(array_agg(id), '{}') AS ids FROM mails
     )
     SELECT ${SCHEDULE_WRITTEN_SQL("'mail'")} FROM written`,
    [
      tenantId,
      notice.event,
      notice.email,
      notice.complaintId,
      JSON.stringify(notice.data),
      `${notice.event}:${notice.source}`,
      notice.locale,
    ],
  );
}

/** Whether an endpoint subscribed to `events` takes an event of `type`: exactly, by its family (`complaint.*`), or `*`. */
export function subscribesTo(events: readonly string[], type: string): boolean {
  return events.includes(type) || events.includes('*') || events.includes(`${type.split('.')[0]}.*`);
}

/**
 * Offers an event to the tenant's webhook endpoints: a delivery for each endpoint that
 * subscribed to its type (exactly, by its family `complaint.*`, or `*`). The payload is
 * stored as it is sent, so a replay sends the same bytes' content. A caller that read, in
 * the statement that wrote the event, the event types the tenant's endpoints subscribe to
 * (`subscribed`) spares the statement when none takes this one.
 */
export async function publishWebhookEvent(
  tx: TenantTransaction,
  tenantId: string,
  type: string,
  occurredAt: Date,
  data: Record<string, unknown>,
  subscribed?: readonly string[],
): Promise<void> {
  if (subscribed && !subscribesTo(subscribed, type)) return;
  const eventId = randomUUID();
  const payload = { id: eventId, type, occurredAt: occurredAt.toISOString(), data };
  await tx.query(
    `WITH deliveries AS (
       INSERT INTO webhook_deliveries (tenant_id, endpoint_id, event_id, event_type, payload)
       SELECT $1, e.id, $2, $3, $4 FROM webhook_endpoints e
        WHERE e.tenant_id = $1 AND e.deleted_at IS NULL
          AND ($3 = ANY(e.events) OR '*' = ANY(e.events) OR split_part($3, '.', 1) || '.*' = ANY(e.events))
       RETURNING id
     ), written AS (
       SELECT coalesce(array_agg(id), '{}') AS ids FROM deliveries
     )
     SELECT ${SCHEDULE_WRITTEN_SQL("'webhook'")} FROM written`,
    [tenantId, eventId, type, JSON.stringify(payload)],
  );
}

/** Members of the tenant holding any of `roles` now. */
export async function membersHolding(tx: TenantTransaction, tenantId: string, roles: readonly string[]): Promise<string[]> {
  if (roles.length === 0) return [];
  const rows = await tx.query<{ user_id: string }>('SELECT user_id FROM memberships WHERE tenant_id = $1 AND roles && $2::text[]', [
    tenantId,
    [...roles],
  ]);
  return rows.map((row) => row.user_id);
}
