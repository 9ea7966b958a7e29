import type { Locale } from '@redress/plugin-api';
import type { RequestContext } from '../context/request-context';
import { keysetPage } from '../db/keyset-page';
import type { Connection, PageArgs } from '../graphql/connection';
import { UserErrorCode, UserFailure, type UserError } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { scheduleDelivery } from './outbox';
import { defaultTemplate } from './default-templates';
import type { MessageRenderer } from './message-renderer';
import { templateProblems } from './message-rendering';
import { NOTIFICATION_EVENT_NAMES, TEMPLATE_VARIABLES, type NotificationEvent } from './notification-events';
import {
  MailMessage,
  MailStatus,
  type NotificationOutbox,
  NotificationTemplate,
  SetNotificationTemplateInput,
  type SentMailFilter,
} from './notification.types';

const LOCALES: Locale[] = ['zh-CN', 'en'];

interface TemplateRow {
  event: NotificationEvent;
  locale: Locale;
  subject: string;
  text_body: string;
  html_body: string;
  updated_at: Date;
}

interface MailRow {
  id: string;
  event: NotificationEvent;
  to_address: string;
  locale: string;
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  status: MailStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  finished_at: Date | null;
}

/** What tenant administrators see and adjust of their tenant's notifications (the resolvers check the role). */
export class NotificationAdminService {
  constructor(private readonly messages: MessageRenderer) {}

  async templates(ctx: RequestContext, event: NotificationEvent | null, locale: string | null): Promise<NotificationTemplate[]> {
    ctx.requireTenantViewer();
    const rows = await ctx.db.query<TemplateRow>('SELECT * FROM notification_templates');
    const custom = new Map(rows.map((row) => [`${row.event}/${row.locale}`, row]));
    return NOTIFICATION_EVENT_NAMES.filter((name) => !event || name === event).flatMap((name) =>
      LOCALES.filter((code) => !locale || code === locale).map((code) => toTemplate(name, code, custom.get(`${name}/${code}`))),
    );
  }

  async setTemplate(ctx: RequestContext, input: SetNotificationTemplateInput): Promise<NotificationTemplate> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(SetNotificationTemplateInput.schema, input);
    if (data.reset) {
      await ctx.db.query('DELETE FROM notification_templates WHERE tenant_id = $1 AND event = $2 AND locale = $3', [
        viewer.tenantId,
        data.event,
        data.locale,
      ]);
      return toTemplate(data.event, data.locale, undefined);
    }
    // A part not given keeps what is in force now (the tenant's, or the shipped one).
    const [current] = await this.templates(ctx, data.event, data.locale);
    const parts = { subject: data.subject ?? current.subject, text: data.text ?? current.text, html: data.html ?? current.html };
    const errors: UserError[] = (['subject', 'text', 'html'] as const).flatMap((part) =>
      templateProblems(data.event, parts[part]).map((message) => ({ code: UserErrorCode.INVALID_INPUT, message, field: part })),
    );
    if (errors.length) throw UserFailure.many(errors);
    // A sample render catches what parsing alone does not (e.g. a section left open across parts).
    this.messages.render(parts, {}, data.locale, 'UTC');
    const [row] = await ctx.db.query<TemplateRow>(
      `INSERT INTO notification_templates (tenant_id, event, locale, subject, text_body, html_body, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, event, locale) DO UPDATE
         SET subject = EXCLUDED.subject, text_body = EXCLUDED.text_body, html_body = EXCLUDED.html_body,
             updated_by = EXCLUDED.updated_by, updated_at = app_now()
       RETURNING *`,
      [viewer.tenantId, data.event, data.locale, parts.subject, parts.text, parts.html, viewer.userId],
    );
    return toTemplate(data.event, data.locale, row);
  }

  async sentMail(ctx: RequestContext, filter: SentMailFilter | null | undefined, args: PageArgs): Promise<Connection<MailMessage>> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId];
    const conditions = ['m.tenant_id = $1'];
    if (filter?.status?.length) conditions.push(`m.status = ANY($${params.push(filter.status)}::text[])`);
    if (filter?.to) conditions.push(`m.to_address = $${params.push(filter.to.trim().toLowerCase())}`);
    return keysetPage(
      ctx.db,
      {
        select: 'm.*, n.event',
        from: 'mail_messages m JOIN notifications n ON n.id = m.notification_id',
        where: conditions.join(' AND '),
        params,
        orderBy: { column: 'm.created_at', id: 'm.id', direction: 'DESC' },
        rowOf: (row) => row as unknown as MailRow,
        positionOf: (row) => ({ sortKey: row.created_at, id: row.id }),
      },
      args,
      toMail,
    );
  }

  /** Sends a FAILED mail message again (the SMTP server is back, the address corrected): a fresh set of attempts. */
  async retryMail(ctx: RequestContext, globalId: string): Promise<MailMessage> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(globalId, 'MailMessage', 'id');
    const [row] = await ctx.db.query<MailRow>(
      `WITH retried AS (
         UPDATE mail_messages SET status = 'PENDING', attempts = 0, next_attempt_at = NULL, finished_at = NULL
          WHERE id = $1 AND tenant_id = $2 AND status = 'FAILED' RETURNING *
       )
       SELECT r.*, n.event FROM retried r JOIN notifications n ON n.id = r.notification_id`,
      [id, viewer.tenantId],
    );
    if (!row) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No failed mail message with this id', 'id');
    await scheduleDelivery(ctx.db, 'mail', [row.id]);
    return toMail(row);
  }

  async outbox(ctx: RequestContext): Promise<NotificationOutbox> {
    const viewer = ctx.requireTenantViewer();
    const rows = await ctx.db.query<{ channel: string; status: string; count: number }>(
      `SELECT 'mail' AS channel, status, count(*)::int AS count FROM mail_messages WHERE tenant_id = $1 GROUP BY status
       UNION ALL
       SELECT 'webhook', status, count(*)::int FROM webhook_deliveries WHERE tenant_id = $1 GROUP BY status`,
      [viewer.tenantId],
    );
    const of = (channel: string, statuses: string[]) =>
      statuses.map((status) => ({ status, count: rows.find((row) => row.channel === channel && row.status === status)?.count ?? 0 }));
    return { mail: of('mail', ['PENDING', 'SENT', 'KEPT', 'FAILED']), webhooks: of('webhook', ['PENDING', 'DELIVERED', 'FAILED']) };
  }
}

function toMail(row: MailRow): MailMessage {
  return Object.assign(new MailMessage(), {
    id: toGlobalId('MailMessage', row.id),
    event: row.event,
    to: row.to_address,
    locale: row.locale,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.status === MailStatus.PENDING ? row.next_attempt_at : null,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  });
}

function toTemplate(event: NotificationEvent, locale: Locale, row: TemplateRow | undefined): NotificationTemplate {
  const shipped = defaultTemplate(event, locale);
  return Object.assign(new NotificationTemplate(), {
    event,
    locale,
    subject: row?.subject ?? shipped.subject,
    text: row?.text_body ?? shipped.text,
    html: row?.html_body ?? shipped.html,
    customized: row !== undefined,
    variables: TEMPLATE_VARIABLES[event],
    updatedAt: row?.updated_at ?? null,
  });
}
