import type { Locale } from '@redress/plugin-api';
import nodemailer, { type Transporter } from 'nodemailer';
import type { DataSource } from 'typeorm';
import type { NotificationSettings } from '../config/config';
import { inScopedTransaction, type TenantTransaction } from '../db/tenant-transaction';
import type { Logger } from '../logging/logger';
import { notificationDeliveries } from '../metrics/metrics';
import type { Clock } from '../time/clock';
import type { MessageRenderer } from './message-renderer';
import type { NotificationEvent } from './notification-events';
import { scheduleDelivery, type OutboxKind } from './outbox';
import { postWebhook, signatureHeader } from './webhook-sender';

export interface OutboxJob {
  tenantId: string;
  id: string;
}

/** Back-off before the next attempt, after `attempts` failed ones: base × 2^(attempts−1), capped. */
export function retryDelayMs(attempts: number, settings: Pick<NotificationSettings, 'retryBaseMs' | 'retryMaxMs'>): number {
  return Math.min(settings.retryMaxMs, settings.retryBaseMs * 2 ** Math.max(0, attempts - 1));
}

interface ClaimedMail {
  id: string;
  notification_id: string;
  to_address: string;
  locale: Locale;
  attempts: number;
  event: NotificationEvent;
  data: Record<string, unknown>;
  time_zone: string;
}

interface ClaimedWebhook {
  id: string;
  event_id: string;
  event_type: string;
  payload: unknown;
  attempts: number;
  url: string | null;
  secrets: string[] | null;
}

/**
 * Sends what the outbox holds, one job per mail message or webhook delivery (the job queue's
 * `deliver-mail` and `deliver-webhook` tasks). A row is claimed with a lease before it is
 * sent and finished only by the attempt that claimed it, so a job run twice, or on two
 * servers, sends once; no database connection is held while the network is waited on. A
 * failure is tried again after an exponential back-off until `maxAttempts`, then the row is
 * FAILED: listed for tenant administrators and counted in /metrics.
 */
export class OutboxDelivery {
  private readonly transport: Transporter | null;
  private readonly leaseMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly renderer: MessageRenderer,
    private readonly settings: NotificationSettings,
    private readonly logger: Logger,
  ) {
    this.transport = settings.smtpUrl
      ? nodemailer.createTransport({
          url: settings.smtpUrl,
          pool: true,
          connectionTimeout: settings.smtpTimeoutMs,
          greetingTimeout: settings.smtpTimeoutMs,
          socketTimeout: settings.smtpTimeoutMs,
        })
      : null;
    this.leaseMs = 2 * Math.max(settings.smtpTimeoutMs, settings.webhookTimeoutMs) + 30_000;
  }

  private scoped<T>(tenantId: string, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return inScopedTransaction(this.dataSource, this.clock, { tenantId, userId: null }, work);
  }

  async deliverMail(job: OutboxJob): Promise<void> {
    const claimed = await this.scoped(job.tenantId, async (tx) => {
      const [row] = await tx.query<ClaimedMail>(
        `WITH claimed AS (
           UPDATE mail_messages SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $2 / 1000.0)
            WHERE id = $1 AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < now())
            RETURNING id, notification_id, to_address, locale, attempts
         )
         SELECT c.*, n.event, n.data, t.time_zone
           FROM claimed c JOIN notifications n ON n.id = c.notification_id JOIN tenants t ON t.id = n.tenant_id`,
        [job.id, this.leaseMs],
      );
      if (!row) return null;
      return { row, message: await this.renderer.renderOne(tx, row, row.locale, row.time_zone) };
    });
    if (!claimed) return;
    const { row, message } = claimed;
    const rendered = { subject: message.subject, text_body: message.text, html_body: message.html };
    if (!this.transport) {
      await this.scoped(job.tenantId, (tx) =>
        closeRow(tx, 'mail_messages', row, { ...rendered, status: 'KEPT' }, ['finished_at = app_now()']),
      );
      notificationDeliveries.inc({ channel: 'mail', outcome: 'kept' });
      return;
    }
    const messageId = `<${row.id}@redress.notifications>`;
    try {
      await this.transport.sendMail({
        from: this.settings.mailFrom,
        to: row.to_address,
        subject: message.subject,
        text: message.text,
        html: message.html,
        messageId,
        headers: { 'X-Redress-Notification': row.notification_id, 'X-Redress-Event': row.event },
      });
    } catch (error) {
      await this.failed(job, 'mail', row, (error as Error).message, rendered);
      return;
    }
    await this.scoped(job.tenantId, (tx) =>
      closeRow(tx, 'mail_messages', row, { ...rendered, status: 'SENT', message_id: messageId, last_error: null }, [
        'finished_at = app_now()',
      ]),
    );
    notificationDeliveries.inc({ channel: 'mail', outcome: 'sent' });
  }

  async deliverWebhook(job: OutboxJob): Promise<void> {
    const claimed = await this.scoped(job.tenantId, async (tx) => {
      const [row] = await tx.query<ClaimedWebhook>(
        `WITH claimed AS (
           UPDATE webhook_deliveries SET attempts = attempts + 1, locked_until = now() + make_interval(secs => $2 / 1000.0)
            WHERE id = $1 AND status = 'PENDING' AND (locked_until IS NULL OR locked_until < now())
            RETURNING id, endpoint_id, event_id, event_type, payload, attempts
         )
         SELECT c.id, c.event_id, c.event_type, c.payload, c.attempts, e.url,
                CASE WHEN e.id IS NOT NULL THEN
                  array_remove(ARRAY[e.secret, CASE WHEN e.previous_secret_expires_at > app_now() THEN e.previous_secret END], NULL)
                END AS secrets
           FROM claimed c LEFT JOIN webhook_endpoints e ON e.id = c.endpoint_id AND e.deleted_at IS NULL`,
        [job.id, this.leaseMs],
      );
      return row ?? null;
    });
    if (!claimed) return;
    if (!claimed.url || !claimed.secrets) {
      await this.scoped(job.tenantId, (tx) =>
        closeRow(tx, 'webhook_deliveries', claimed, { status: 'FAILED', last_error: 'the endpoint was deleted' }, [
          'finished_at = app_now()',
        ]),
      );
      notificationDeliveries.inc({ channel: 'webhook', outcome: 'failed' });
      return;
    }
    const body = JSON.stringify(claimed.payload);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await postWebhook(
      claimed.url,
      body,
      {
        'user-agent': 'Redress-Webhooks/1',
        'redress-signature': signatureHeader(body, claimed.secrets, timestamp),
        'redress-event-id': claimed.event_id,
        'redress-event-type': claimed.event_type,
        'redress-delivery-id': claimed.id,
      },
      { timeoutMs: this.settings.webhookTimeoutMs, allowPrivate: this.settings.webhookAllowPrivateAddresses },
    );
    if (response.status !== null && response.status >= 200 && response.status < 300) {
      await this.scoped(job.tenantId, (tx) =>
        closeRow(tx, 'webhook_deliveries', claimed, { status: 'DELIVERED', response_status: response.status, last_error: null }, [
          'finished_at = app_now()',
        ]),
      );
      notificationDeliveries.inc({ channel: 'webhook', outcome: 'sent' });
      return;
    }
    await this.failed(job, 'webhook', claimed, response.error ?? `answered HTTP ${response.status}`, { response_status: response.status });
  }

  /**
   * A failed attempt: tried again after the back-off (the row's update and the new job in one
   * transaction), or FAILED after the last attempt.
   */
  private async failed(
    job: OutboxJob,
    kind: OutboxKind,
    claim: { id: string; attempts: number },
    problem: string,
    values: Record<string, unknown>,
  ): Promise<void> {
    const table = kind === 'mail' ? 'mail_messages' : 'webhook_deliveries';
    const error = problem.slice(0, 1000);
    if (claim.attempts >= this.settings.maxAttempts) {
      await this.scoped(job.tenantId, (tx) =>
        closeRow(tx, table, claim, { ...values, status: 'FAILED', last_error: error }, ['finished_at = app_now()']),
      );
      notificationDeliveries.inc({ channel: kind, outcome: 'failed' });
      this.logger.warn({ kind, id: job.id, attempts: claim.attempts, error }, 'notification delivery failed for good');
      return;
    }
    const delay = retryDelayMs(claim.attempts, this.settings);
    await this.scoped(job.tenantId, async (tx) => {
      const closed = await closeRow(tx, table, claim, { ...values, last_error: error }, [
        `next_attempt_at = now() + make_interval(secs => ${delay} / 1000.0)`,
      ]);
      if (closed) await scheduleDelivery(tx, kind, [job.id], delay);
    });
    notificationDeliveries.inc({ channel: kind, outcome: 'retry' });
    this.logger.info(
      { kind, id: job.id, attempts: claim.attempts, delayMs: delay, error },
      'notification delivery failed; tried again later',
    );
  }

  stop(): void {
    this.transport?.close();
  }
}

/**
 * Ends an attempt: sets the values and releases the lease, only if the row is still held by
 * this attempt (its attempt count unchanged). False when another attempt took it over.
 */
async function closeRow(
  tx: TenantTransaction,
  table: 'mail_messages' | 'webhook_deliveries',
  claim: { id: string; attempts: number },
  values: Record<string, unknown>,
  raw: string[] = [],
): Promise<boolean> {
  const columns = Object.keys(values);
  const assignments = [...columns.map((column, i) => `${column} = $${i + 3}`), ...raw, 'locked_until = NULL'].join(', ');
  const rows = await tx.query(`UPDATE ${table} SET ${assignments} WHERE id = $1 AND attempts = $2 RETURNING id`, [
    claim.id,
    claim.attempts,
    ...columns.map((column) => values[column]),
  ]);
  return rows.length > 0;
}
