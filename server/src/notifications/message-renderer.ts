import type { Locale } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { CORE_ROLES } from '../identity/roles';
import type { PluginHost } from '../plugins/plugin-host';
import { defaultTemplate, type MessageTemplate } from './default-templates';
import { renderMessage, templateView, type ViewLabels } from './message-rendering';
import type { NotificationEvent } from './notification-events';

/**
 * Turns a stored notification into its message in one language: the tenant's template for
 * the event (or the shipped one), fed with the notification's facts as labels of the
 * plugins and times of the tenant's zone. Mail is rendered when it is sent, the inbox when it
 * is read.
 */
export class MessageRenderer {
  private readonly labels: ViewLabels;

  constructor(plugins: PluginHost) {
    this.labels = {
      role: (code) =>
        CORE_ROLES.find((role) => role.code === code)?.label ??
        plugins
          .all()
          .flatMap((plugin) => plugin.roles)
          .find((role) => role.code === code)?.label ??
        null,
      rejection: (pluginId, version, code) => {
        const reason = plugins.find(pluginId, version)?.rejectionReasons.find((entry) => entry.code === code);
        return reason ? { reason: reason.publicLabel, guidance: reason.guidance } : null;
      },
    };
  }

  /** The tenant's templates for these events in one language, the shipped ones where it has none. */
  async templates(
    tx: TenantTransaction,
    events: readonly NotificationEvent[],
    locale: Locale,
  ): Promise<Map<NotificationEvent, MessageTemplate>> {
    const custom = await tx.query<{ event: NotificationEvent; subject: string; text_body: string; html_body: string }>(
      'SELECT event, subject, text_body, html_body FROM notification_templates WHERE event = ANY($1::text[]) AND locale = $2',
      [[...new Set(events)], locale],
    );
    const found = new Map(custom.map((row) => [row.event, { subject: row.subject, text: row.text_body, html: row.html_body }]));
    return new Map(events.map((event) => [event, found.get(event) ?? defaultTemplate(event, locale)]));
  }

  render(template: MessageTemplate, data: Record<string, unknown>, locale: Locale, timeZone: string): MessageTemplate {
    return renderMessage(template, templateView(data, locale, timeZone, this.labels));
  }

  /** One notification's message as its template renders it now. */
  async renderOne(
    tx: TenantTransaction,
    notification: { event: NotificationEvent; data: Record<string, unknown> },
    locale: Locale,
    timeZone: string,
  ): Promise<MessageTemplate> {
    const template = (await this.templates(tx, [notification.event], locale)).get(notification.event)!;
    return this.render(template, notification.data, locale, timeZone);
  }
}
