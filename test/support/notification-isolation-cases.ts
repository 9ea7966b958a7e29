import { inScopedTransaction } from '../../server/src/db/tenant-transaction';
import { publishAfterCommit } from '../../server/src/live/live-events';
import { waitForSubscribers } from './live-client';
import { globalId, LiveClients, payloadOf, rowId } from './live-fixtures';
import type { TestServer } from './test-server';

/** What tenant B holds of notifications when the cases run (set up by `notificationSetupOfB`). */
export interface NotificationsOfB {
  notificationId: string;
  notificationRowId: string;
  memberRowId: string;
  endpointId: string;
  deliveryId: string;
  mailTo: string;
  mailRowId: string;
}

interface Tenants {
  server: TestServer;
  a: { adminToken: string };
  b: { adminToken: string; notifications: NotificationsOfB };
}

/**
 * Gives tenant B a customised template, a webhook endpoint with a delivery, and a notification
 * with its mail (the penalty of its refusal to receive, charged to its member). The server of
 * these cases sends nothing (NOTIFICATION_CONCURRENCY 0), so B's rows stay as they are.
 */
export async function notificationSetupOfB(server: TestServer, adminToken: string, memberId: string): Promise<NotificationsOfB> {
  const template = await server.request(
    `mutation { setNotificationTemplate(input: { event: COMPLAINT_ASSIGNED, locale: "zh-CN", subject: "B secret {{complaint.number}}" }) { errors { code } } }`,
    {},
    { token: adminToken },
  );
  expect(template.data.setNotificationTemplate.errors).toEqual([]);
  const created = await server.request(
    `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/b-secret", events: ["*"] }) { endpoint { id } errors { code } } }`,
    {},
    { token: adminToken },
  );
  const endpointId = created.data.createWebhookEndpoint.endpoint.id;
  const [notification] = await server.ownerQuery(
    `SELECT n.id, m.to_address, m.id AS mail_id FROM notifications n JOIN mail_messages m ON m.notification_id = n.id
      WHERE n.recipient_user_id = $1 ORDER BY n.created_at LIMIT 1`,
    [rowId(memberId)],
  );
  // B's mail failed for good (written so: this server sends nothing), so that A's retry would have something to find.
  await server.ownerQuery(`UPDATE mail_messages SET status = 'FAILED', attempts = 8, last_error = 'refused' WHERE notification_id = $1`, [
    notification.id,
  ]);
  // A delivery of B: an event after the endpoint exists.
  const complaints = await server.request(`{ complaints(first: 1) { edges { node { id version } } } }`, {}, { token: adminToken });
  const complaint = complaints.data.complaints.edges[0].node;
  await server.request(
    `mutation ($input: AddNoteInput!) { addNote(input: $input) { errors { code } } }`,
    { input: { complaintId: complaint.id, expectedVersion: complaint.version, body: 'B note' } },
    { token: adminToken },
  );
  const [delivery] = await server.ownerQuery(`SELECT id FROM webhook_deliveries WHERE endpoint_id = $1 LIMIT 1`, [rowId(endpointId)]);
  return {
    notificationId: globalId('Notification', notification.id),
    notificationRowId: notification.id,
    memberRowId: rowId(memberId),
    endpointId,
    deliveryId: globalId('WebhookDelivery', delivery.id),
    mailTo: notification.to_address,
    mailRowId: notification.mail_id,
  };
}

/** Every notification operation, tried by tenant A's administrator against tenant B. */
export function notificationIsolationCases(t: () => Tenants): Record<string, () => Promise<void>> {
  const asA = (query: string, variables: Record<string, unknown> = {}) => t().server.request(query, variables, { token: t().a.adminToken });
  const nodes = (connection: any) => connection.edges.map((edge: any) => edge.node.id);
  return {
    async notifications() {
      const result = await asA(`{ notifications(first: 100) { edges { node { id } } } }`);
      expect(nodes(result.data.notifications)).not.toContain(t().b.notifications.notificationId);
    },
    async unreadNotificationCount() {
      const result = await asA(`{ unreadNotificationCount notifications(unreadOnly: true) { totalCount } }`);
      expect(result.data.unreadNotificationCount).toBe(result.data.notifications.totalCount);
    },
    async markNotificationsRead() {
      const byId = await asA(`mutation ($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { marked errors { code } } }`, {
        ids: [t().b.notifications.notificationId],
      });
      expect(byId.data.markNotificationsRead).toEqual({ marked: 0, errors: [] });
      const all = await asA(`mutation { markNotificationsRead(input: { all: true }) { errors { code } } }`);
      expect(all.data.markNotificationsRead.errors).toEqual([]);
    },
    async notificationPreferences() {
      const result = await asA(`{ notificationPreferences { locale events { event inApp email } } }`);
      expect(result.data.notificationPreferences.locale).toBeNull();
    },
    async setNotificationPreferences() {
      const result = await asA(
        `mutation { setNotificationPreferences(input: { locale: "en", events: [{ event: PENALTY_CHARGED, inApp: false, email: false }] }) { errors { code } } }`,
      );
      expect(result.data.setNotificationPreferences.errors).toEqual([]);
    },
    async notificationTemplates() {
      const result = await asA(`{ notificationTemplates(event: COMPLAINT_ASSIGNED, locale: "zh-CN") { subject customized } }`);
      expect(result.data.notificationTemplates).toEqual([{ subject: '投诉 {{complaint.number}} 已分派给您', customized: false }]);
    },
    async setNotificationTemplate() {
      const result = await asA(
        `mutation { setNotificationTemplate(input: { event: COMPLAINT_ASSIGNED, locale: "zh-CN", subject: "A {{complaint.number}}" }) { template { customized } errors { code } } }`,
      );
      expect(result.data.setNotificationTemplate).toEqual({ template: { customized: true }, errors: [] });
    },
    async sentMail() {
      const result = await asA(`query ($to: String) { sentMail(filter: { to: $to }) { totalCount } }`, { to: t().b.notifications.mailTo });
      expect(result.data.sentMail.totalCount).toBe(0);
    },
    async retryMailMessage() {
      const result = await asA(`mutation ($id: ID!) { retryMailMessage(input: { id: $id }) { mail { id } errors { code field } } }`, {
        id: globalId('MailMessage', t().b.notifications.mailRowId),
      });
      expect(result.data.retryMailMessage).toEqual({ mail: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
    },
    async notificationOutbox() {
      const [counts] = await t().server.ownerQuery(
        `SELECT count(*)::int AS mail FROM mail_messages WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`,
      );
      const result = await asA(`{ notificationOutbox { mail { count } } }`);
      expect(result.data.notificationOutbox.mail.reduce((sum: number, row: any) => sum + row.count, 0)).toBe(counts.mail);
    },
    async webhookEndpoints() {
      const result = await asA(`{ webhookEndpoints { id } }`);
      expect(result.data.webhookEndpoints.map((e: any) => e.id)).not.toContain(t().b.notifications.endpointId);
    },
    async webhookEventTypes() {
      const result = await asA(`{ webhookEventTypes }`);
      expect(result.data.webhookEventTypes).toContain('complaint.filed');
    },
    async webhookDeliveries() {
      const filtered = await asA(`query ($id: ID) { webhookDeliveries(filter: { endpointId: $id }) { totalCount } }`, {
        id: t().b.notifications.endpointId,
      });
      expect(filtered.data.webhookDeliveries.totalCount).toBe(0);
      const all = await asA(`{ webhookDeliveries(first: 100) { edges { node { id } } } }`);
      expect(nodes(all.data.webhookDeliveries)).not.toContain(t().b.notifications.deliveryId);
    },
    async createWebhookEndpoint() {
      const result = await asA(
        `mutation { createWebhookEndpoint(input: { url: "http://127.0.0.1:9/a", events: ["complaint.*"] }) { endpoint { id } errors { code } } }`,
      );
      expect(result.data.createWebhookEndpoint.errors).toEqual([]);
    },
    async rotateWebhookSecret() {
      const result = await asA(`mutation ($id: ID!) { rotateWebhookSecret(input: { id: $id }) { secret errors { code field } } }`, {
        id: t().b.notifications.endpointId,
      });
      expect(result.data.rotateWebhookSecret).toEqual({ secret: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
    },
    async deleteWebhookEndpoint() {
      const result = await asA(`mutation ($id: ID!) { deleteWebhookEndpoint(input: { id: $id }) { deletedId errors { code field } } }`, {
        id: t().b.notifications.endpointId,
      });
      expect(result.data.deleteWebhookEndpoint).toEqual({ deletedId: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
    },
    async replayWebhookDelivery() {
      const result = await asA(
        `mutation ($id: ID!) { replayWebhookDelivery(input: { id: $id }) { delivery { id } errors { code field } } }`,
        {
          id: t().b.notifications.deliveryId,
        },
      );
      expect(result.data.replayWebhookDelivery).toEqual({ delivery: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
    },
    async notificationReceived() {
      const { server, a, b } = t();
      const clients = new LiveClients(() => server.url);
      try {
        const subscription = await (
          await clients.as(a.adminToken)
        ).subscribe(`subscription { notificationReceived { kind notification { id subject } } }`);
        await waitForSubscribers(server.app.live.hub, 1);
        const me = await server.request(`{ me { user { id } } }`, {}, { token: a.adminToken });
        const adminA = rowId(me.data.me.user.id);
        const [{ id: tenantA }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'tenant-a'`);
        const [{ tenant_id: tenantB }] = await server.ownerQuery('SELECT tenant_id FROM notifications WHERE id = $1', [
          b.notifications.notificationRowId,
        ]);
        const publish = (tenantId: string, userId: string, notificationId: string) =>
          inScopedTransaction(server.app.dataSource, server.app.clock, { tenantId, userId: null }, (tx) =>
            publishAfterCommit(tx, { type: 'notification', tenantId, userId, notificationId }),
          );
        // B's notification as B's, then forged as A's and as addressed to A's administrator.
        await publish(tenantB, b.notifications.memberRowId, b.notifications.notificationRowId);
        await publish(tenantA, adminA, b.notifications.notificationRowId);
        // One of A's own, last, proves the stream was listening.
        const [own] = await server.ownerQuery(
          `INSERT INTO notifications (tenant_id, event, recipient_user_id, data, dedupe_key, in_inbox)
           VALUES ($1, 'MONTHLY_REPORT_READY', $2, '{"organization":"A","report":{"month":"2026-10"}}', 'isolation-check', true) RETURNING id`,
          [tenantA, adminA],
        );
        await publish(tenantA, adminA, own.id);
        expect(payloadOf(await subscription.nth(0), 'notificationReceived').notification.id).toBe(globalId('Notification', own.id));
        await subscription.expectNoMoreThan(1);
      } finally {
        await clients.closeAll();
      }
    },
  };
}
