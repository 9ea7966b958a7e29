import type { Locale } from '@redress/plugin-api';
import type { RequestContext } from '../context/request-context';
import { keysetPage } from '../db/keyset-page';
import type { Connection, PageArgs } from '../graphql/connection';
import { toGlobalId } from '../graphql/relay';
import { requireGlobalId, validateInput } from '../graphql/validate';
import type { MessageRenderer } from './message-renderer';
import { STAFF_EVENTS, type NotificationEvent } from './notification-events';
import {
  InboxNotification,
  MarkNotificationsReadInput,
  NotificationPreferences,
  SetNotificationPreferencesInput,
} from './notification.types';

interface NotificationRow {
  id: string;
  event: NotificationEvent;
  complaint_id: string | null;
  data: Record<string, unknown>;
  read_at: Date | null;
  created_at: Date;
  rank: string;
}

/**
 * Unread first, newest first within each: one ordering key, so the inbox pages by keyset.
 * Microseconds since 1970 stay below 10^16 until the year 2286.
 */
const INBOX_RANK = `((n.read_at IS NULL)::int::bigint * 10000000000000000 + (extract(epoch FROM n.created_at) * 1000000)::bigint)`;

/** A member's inbox and their notification preferences: each member reads and changes only their own. */
export class NotificationService {
  constructor(private readonly messages: MessageRenderer) {}

  async inbox(ctx: RequestContext, args: PageArgs & { unreadOnly?: boolean | null }): Promise<Connection<InboxNotification>> {
    const viewer = ctx.requireTenantViewer();
    const conditions = ['n.tenant_id = $1', 'n.recipient_user_id = $2', 'n.in_inbox'];
    if (args.unreadOnly) conditions.push('n.read_at IS NULL');
    const locale = await this.localeOf(ctx);
    const [tenant] = await ctx.db.query<{ time_zone: string }>('SELECT time_zone FROM tenants WHERE id = $1', [viewer.tenantId]);
    const page = await keysetPage(
      ctx.db,
      {
        select: `n.id, n.event, n.complaint_id, n.data, n.read_at, n.created_at, ${INBOX_RANK}::text AS rank`,
        from: 'notifications n',
        where: conditions.join(' AND '),
        params: [viewer.tenantId, viewer.userId],
        orderBy: { column: INBOX_RANK, id: 'n.id', direction: 'DESC', keyType: 'bigint' },
        rowOf: (row) => row as unknown as NotificationRow,
        positionOf: (row) => ({ sortKey: row.rank, id: row.id }),
      },
      args,
      (row) => row,
    );
    const templates = await this.messages.templates(
      ctx.db,
      page.edges.map((edge) => edge.node.event),
      locale,
    );
    return {
      ...page,
      edges: page.edges.map(({ cursor, node: row }) => {
        const message = this.messages.render(templates.get(row.event)!, row.data, locale, tenant.time_zone);
        return {
          cursor,
          node: Object.assign(new InboxNotification(), {
            id: toGlobalId('Notification', row.id),
            event: row.event,
            subject: message.subject,
            body: message.text,
            data: row.data,
            readAt: row.read_at,
            createdAt: row.created_at,
            complaintId: row.complaint_id,
          }),
        };
      }),
    };
  }

  /** One notification of the viewer, for a live delivery; null when it is not theirs or not in the inbox. */
  async one(ctx: RequestContext, notificationId: string): Promise<InboxNotification | null> {
    const viewer = ctx.requireTenantViewer();
    const [row] = await ctx.db.query<Omit<NotificationRow, 'rank'> & { time_zone: string }>(
      `SELECT n.id, n.event, n.complaint_id, n.data, n.read_at, n.created_at, t.time_zone
         FROM notifications n JOIN tenants t ON t.id = n.tenant_id
        WHERE n.id = $1 AND n.tenant_id = $2 AND n.recipient_user_id = $3 AND n.in_inbox`,
      [notificationId, viewer.tenantId, viewer.userId],
    );
    if (!row) return null;
    const locale = await this.localeOf(ctx);
    const message = await this.messages.renderOne(ctx.db, row, locale, row.time_zone);
    return Object.assign(new InboxNotification(), {
      id: toGlobalId('Notification', row.id),
      event: row.event,
      subject: message.subject,
      body: message.text,
      data: row.data,
      readAt: row.read_at,
      createdAt: row.created_at,
      complaintId: row.complaint_id,
    });
  }

  async unreadCount(ctx: RequestContext): Promise<number> {
    const viewer = ctx.requireTenantViewer();
    const [{ count }] = await ctx.db.query<{ count: number }>(
      `SELECT count(*)::int AS count FROM notifications
        WHERE tenant_id = $1 AND recipient_user_id = $2 AND in_inbox AND read_at IS NULL`,
      [viewer.tenantId, viewer.userId],
    );
    return count;
  }

  async markRead(ctx: RequestContext, input: MarkNotificationsReadInput): Promise<{ marked: number; unreadCount: number }> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(MarkNotificationsReadInput.schema, input);
    const ids = data.ids.map((id, index) => requireGlobalId(id, 'Notification', `ids.${index}`));
    // Another member's notification, or one of another tenant, is simply not marked.
    const marked = await ctx.db.query(
      `UPDATE notifications SET read_at = app_now()
        WHERE tenant_id = $1 AND recipient_user_id = $2 AND in_inbox AND read_at IS NULL AND ($3 OR id = ANY($4::uuid[]))
        RETURNING id`,
      [viewer.tenantId, viewer.userId, data.all, ids],
    );
    return { marked: marked.length, unreadCount: await this.unreadCount(ctx) };
  }

  /** The language of the viewer's notifications: their preference, else the request's, else the tenant's. */
  private async localeOf(ctx: RequestContext): Promise<Locale> {
    if (ctx.requestedLocale) return ctx.requestedLocale;
    const viewer = ctx.requireTenantViewer();
    const [pref] = await ctx.db.query<{ locale: Locale | null }>(
      'SELECT locale FROM notification_preferences WHERE tenant_id = $1 AND user_id = $2',
      [viewer.tenantId, viewer.userId],
    );
    return pref?.locale ?? (await ctx.locale());
  }

  async preferences(ctx: RequestContext): Promise<NotificationPreferences> {
    const viewer = ctx.requireTenantViewer();
    const [row] = await ctx.db.query<{ locale: string | null; channels: Record<string, { inApp?: boolean; email?: boolean }> }>(
      'SELECT locale, channels FROM notification_preferences WHERE tenant_id = $1 AND user_id = $2',
      [viewer.tenantId, viewer.userId],
    );
    const channels = row?.channels ?? {};
    return {
      locale: row?.locale ?? null,
      events: STAFF_EVENTS.map((event) => ({
        event,
        inApp: channels[event]?.inApp ?? true,
        email: channels[event]?.email ?? true,
      })),
    };
  }

  async setPreferences(ctx: RequestContext, input: SetNotificationPreferencesInput): Promise<NotificationPreferences> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(SetNotificationPreferencesInput.schema, input);
    const changed = Object.fromEntries(data.events.map((entry) => [entry.event, { inApp: entry.inApp, email: entry.email }]));
    await ctx.db.query(
      `INSERT INTO notification_preferences (tenant_id, user_id, locale, channels) VALUES ($1, $2, $3, $4)
       ON CONFLICT (tenant_id, user_id) DO UPDATE
         SET locale = EXCLUDED.locale, channels = notification_preferences.channels || EXCLUDED.channels, updated_at = app_now()`,
      [viewer.tenantId, viewer.userId, data.locale, JSON.stringify(changed)],
    );
    return this.preferences(ctx);
  }
}
