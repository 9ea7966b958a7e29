import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { MailReceiver, verifySignature, WebhookReceiver } from '../support/notification-receivers';
import { inboxWith, mailsTo, notificationConfig, outboxSettled, webhooksReceived } from '../support/notification-fixtures';
import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';
import { fromGlobalId } from '../../server/src/graphql/relay';

const rawId = (globalId: string) => fromGlobalId(globalId)!.id;

/**
 * The outbox end to end: notifications written with the change that causes them, delivered by
 * the job queue to a real SMTP server and a real HTTP receiver on 127.0.0.1, retried with
 * back-off, failed for good where operators see it, signed, and delivered once even by two
 * server processes.
 */
let mail: MailReceiver;
let hooks: WebhookReceiver;
let server: TestServer;
let staff: Staff;
const SLUG = 'outbox';

const CREATE_ENDPOINT = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { endpoint { id url events } secret errors { code field message } } }`;

async function endpoint(events: string[], path: string, token = staff.admin) {
  const result = await server.request(CREATE_ENDPOINT, { input: { url: hooks.url(path), events } }, { token });
  expect(result.data.createWebhookEndpoint.errors).toEqual([]);
  return result.data.createWebhookEndpoint as { endpoint: { id: string }; secret: string };
}

const complainant = (email: string, extra: Record<string, unknown> = {}) => ({
  channel: 'PHONE',
  description: 'The kettle <b>leaks</b> & "burns"',
  demands: ['REFUND'],
  complainant: { name: '王五', email, notifyByEmail: true, ...extra },
});

beforeAll(async () => {
  mail = await new MailReceiver().start();
  hooks = await new WebhookReceiver().start();
  server = await startTestServer(notificationConfig(mail));
  ({ staff } = await createStaffedTenant(server, SLUG));
});

afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await hooks?.stop();
});

describe('complainant mail', () => {
  it('sends the receipt with the tracking code in the tenant language, and the acknowledgment, once each', async () => {
    const filed = await fileComplaint(server, staff.agent, complainant('wang@example.test'));
    const [receipt] = await mailsTo(mail, 'wang@example.test');
    // The tenant's language is zh-CN (test tenants are created so).
    expect(receipt.subject).toBe(`您的投诉已受理，查询码 ${filed.trackingCode}`);
    expect(receipt.text).toContain(`您的查询码为 ${filed.trackingCode}`);
    expect(receipt.html).toContain(filed.trackingCode);
    expect(receipt.from).toBe('notify@redress.test');
    await walkTo(server, staff, filed.id, 'ACKNOWLEDGED');
    const mails = await mailsTo(mail, 'wang@example.test', 2);
    expect(mails.map((m) => m.subject)).toEqual([
      `您的投诉已受理，查询码 ${filed.trackingCode}`,
      `您的投诉 ${filed.trackingCode} 已确认受理`,
    ]);
    await outboxSettled(server);
    expect(mail.to('wang@example.test')).toHaveLength(2);
  });

  it('writes in the language the complainant chose, and writes nothing without consent', async () => {
    const english = await fileComplaint(server, staff.agent, complainant('li@example.test', { locale: 'en' }));
    const [receipt] = await mailsTo(mail, 'li@example.test');
    expect(receipt.subject).toBe(`We received your complaint: tracking code ${english.trackingCode}`);
    await fileComplaint(server, staff.agent, complainant('quiet@example.test', { notifyByEmail: false }));
    await outboxSettled(server);
    expect(mail.to('quiet@example.test')).toEqual([]);
  });

  it('refuses consent without an address, and changes nothing', async () => {
    const before = await server.ownerQuery('SELECT count(*)::int AS n FROM complaints');
    const result = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input: { channel: 'PHONE', description: 'x', demands: [], complainant: { name: 'A', phone: '13800000001', notifyByEmail: true } } },
      { token: staff.agent },
    );
    expect(result.data.fileComplaint.errors).toEqual([{ code: 'INVALID_INPUT', field: 'complainant.email' }]);
    expect(await server.ownerQuery('SELECT count(*)::int AS n FROM complaints')).toEqual(before);
  });
});

describe('the transactional outbox', () => {
  it('a change that rolls back at commit sends nothing; the same change committed sends once', async () => {
    const filed = await fileComplaint(server, staff.agent, complainant('rollback@example.test'));
    await mailsTo(mail, 'rollback@example.test');
    // The commit itself fails (a deferred check at COMMIT), after the notification, its mail
    // message and its delivery job were written in the change's transaction.
    await server.ownerQuery(`CREATE FUNCTION refuse_acknowledgment() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'refused at commit'; END $$`);
    await server.ownerQuery(`CREATE CONSTRAINT TRIGGER refuse_acknowledgment AFTER INSERT ON complaint_events
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.kind = 'ACKNOWLEDGED') EXECUTE FUNCTION refuse_acknowledgment()`);
    const refused = await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: filed.id, expectedVersion: filed.version });
    expect(refused.complaint).toBeNull();
    const acknowledgments = `SELECT count(*)::int AS n FROM notifications WHERE complaint_id = $1 AND event = 'COMPLAINT_ACKNOWLEDGED'`;
    expect(await server.ownerQuery(acknowledgments, [rawId(filed.id)])).toEqual([{ n: 0 }]);
    expect(await server.ownerQuery(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE task_identifier = 'deliver-mail'`)).toEqual([
      { n: 0 },
    ]);
    await outboxSettled(server);
    expect(mail.to('rollback@example.test')).toHaveLength(1);

    await server.ownerQuery('DROP TRIGGER refuse_acknowledgment ON complaint_events');
    await server.ownerQuery('DROP FUNCTION refuse_acknowledgment()');
    const done = await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: filed.id, expectedVersion: filed.version });
    expect(done.errors).toEqual([]);
    const mails = await mailsTo(mail, 'rollback@example.test', 2);
    expect(mails[1].subject).toBe(`您的投诉 ${filed.trackingCode} 已确认受理`);
    await outboxSettled(server);
    expect(mail.to('rollback@example.test')).toHaveLength(2);
  });

  it('an assignment reaches the new owner by mail and in the inbox, with the complaint text escaped in HTML only', async () => {
    const filed = await fileComplaint(server, staff.agent, complainant('assign@example.test'));
    await walkTo(server, staff, filed.id, 'ASSIGNED');
    const [assigned] = await mailsTo(mail, `handler@${SLUG}.test`);
    expect(assigned.subject).toBe(`投诉 ${filed.number} 已分派给您`);
    expect(assigned.text).toContain('The kettle <b>leaks</b> & "burns"');
    expect(assigned.html).toContain('The kettle &lt;b&gt;leaks&lt;&#x2F;b&gt; &amp; &quot;burns&quot;');
    expect(assigned.html).not.toContain('<b>leaks</b>');
    const items = await inboxWith(server, staff.handler, 'COMPLAINT_ASSIGNED');
    const item = items.find((entry) => entry.event === 'COMPLAINT_ASSIGNED');
    expect(item.subject).toBe(`投诉 ${filed.number} 已分派给您`);
    expect(item.complaint.id).toBe(filed.id);
    expect(item.readAt).toBeNull();
  });
});

describe('retries and failure', () => {
  it('a mail server refusing twice then accepting gets the mail once, on the third attempt', async () => {
    mail.refuse(2);
    const filed = await fileComplaint(server, staff.agent, complainant('retry@example.test'));
    const [receipt] = await mailsTo(mail, 'retry@example.test');
    expect(receipt.subject).toContain(filed.trackingCode);
    await outboxSettled(server);
    expect(mail.to('retry@example.test')).toHaveLength(1);
    const [row] = await server.ownerQuery(
      `SELECT m.status, m.attempts FROM mail_messages m JOIN notifications n ON n.id = m.notification_id
        WHERE n.complaint_id = $1 AND n.event = 'COMPLAINT_RECEIVED'`,
      [rawId(filed.id)],
    );
    expect(row).toEqual({ status: 'SENT', attempts: 3 });
  });

  it('a webhook receiver failing then recovering gets each event once, signed', async () => {
    const { secret } = await endpoint(['complaint.filed'], '/recovering');
    hooks.fail(2, '/recovering');
    const filed = await fileComplaint(server, staff.agent, complainant('hook-retry@example.test'));
    const [accepted] = await webhooksReceived(hooks, 1);
    await outboxSettled(server);
    const forFiled = hooks.requests.filter((request) => request.json?.data?.complaint?.trackingCode === filed.trackingCode);
    expect(forFiled.map((request) => request.answered)).toEqual([500, 500, 204]);
    // The same event each time: receivers can tell a retry from a new event.
    expect(new Set(forFiled.map((request) => request.headers['redress-event-id'])).size).toBe(1);
    expect(verifySignature(accepted.headers['redress-signature'] as string, accepted.body, secret)).toBe(true);
    expect(verifySignature(accepted.headers['redress-signature'] as string, accepted.body, 'whsec_other')).toBe(false);
    expect(verifySignature(accepted.headers['redress-signature'] as string, accepted.body.replace('FILED', 'CLOSED'), secret)).toBe(false);
    const log = await server.request(
      `{ webhookDeliveries(filter: { eventType: "complaint.filed" }) { edges { node { status attempts responseStatus eventId } } } }`,
      {},
      { token: staff.admin },
    );
    expect(log.data.webhookDeliveries.edges.map((e: any) => e.node)).toEqual([
      { status: 'DELIVERED', attempts: 3, responseStatus: 204, eventId: accepted.headers['redress-event-id'] },
    ]);
  });

  it('gives up after the last attempt: FAILED for administrators, counted in /metrics, replayable once the receiver is back', async () => {
    const { endpoint: failing } = await endpoint(['complaint.acknowledged'], '/down');
    hooks.fail(4, '/down');
    const filed = await fileComplaint(server, staff.agent, {
      ...complainant('x@example.test'),
      complainant: { name: 'X', phone: '13900000077' },
    });
    await walkTo(server, staff, filed.id, 'ACKNOWLEDGED');
    await outboxSettled(server);
    const failed = await server.request(
      `query ($id: ID!) { webhookDeliveries(filter: { endpointId: $id, status: [FAILED] }) { edges { node { id status attempts responseStatus lastError } } } }`,
      { id: failing.id },
      { token: staff.admin },
    );
    const [delivery] = failed.data.webhookDeliveries.edges.map((e: any) => e.node);
    expect(delivery).toMatchObject({ status: 'FAILED', attempts: 4, responseStatus: 500, lastError: 'answered HTTP 500' });
    const outbox = await server.request(`{ notificationOutbox { webhooks { status count } } }`, {}, { token: staff.admin });
    expect(outbox.data.notificationOutbox.webhooks).toContainEqual({ status: 'FAILED', count: 1 });
    const metrics = await (await fetch(new URL('/metrics', server.url))).text();
    expect(metrics).toMatch(/redress_notification_deliveries_total\{channel="webhook",outcome="failed"\} [1-9]/);

    const replayed = await server.request(
      `mutation ($input: ReplayWebhookDeliveryInput!) { replayWebhookDelivery(input: $input) { delivery { id replayOf status } errors { code } } }`,
      { input: { id: delivery.id } },
      { token: staff.admin },
    );
    expect(replayed.data.replayWebhookDelivery.delivery).toMatchObject({ replayOf: delivery.id, status: 'PENDING' });
    await outboxSettled(server);
    const arrived = hooks.accepted().filter((request) => request.json?.type === 'complaint.acknowledged');
    expect(arrived).toHaveLength(1);
  });
});

describe('mail that failed for good', () => {
  it('is FAILED for administrators after the last attempt, and sent once when retried', async () => {
    mail.refuse(4);
    const filed = await fileComplaint(server, staff.agent, complainant('given-up@example.test'));
    await outboxSettled(server);
    expect(mail.to('given-up@example.test')).toEqual([]);
    const failed = await server.request(
      `{ sentMail(filter: { status: [FAILED], to: "given-up@example.test" }) { edges { node { id status attempts lastError subject } } } }`,
      {},
      { token: staff.admin },
    );
    const [message] = failed.data.sentMail.edges.map((e: any) => e.node);
    expect(message).toMatchObject({ status: 'FAILED', attempts: 4, subject: `您的投诉已受理，查询码 ${filed.trackingCode}` });
    expect(message.lastError).toContain('451');
    const denied = await server.request(
      `mutation ($id: ID!) { retryMailMessage(input: { id: $id }) { mail { id } errors { code } } }`,
      { id: message.id },
      { token: staff.agent },
    );
    expect(denied.data.retryMailMessage.errors).toEqual([{ code: 'FORBIDDEN' }]);
    const retried = await server.request(
      `mutation ($id: ID!) { retryMailMessage(input: { id: $id }) { mail { id status attempts } errors { code } } }`,
      { id: message.id },
      { token: staff.admin },
    );
    expect(retried.data.retryMailMessage).toEqual({ mail: { id: message.id, status: 'PENDING', attempts: 0 }, errors: [] });
    const [receipt] = await mailsTo(mail, 'given-up@example.test');
    expect(receipt.subject).toBe(`您的投诉已受理，查询码 ${filed.trackingCode}`);
    await outboxSettled(server);
    expect(mail.to('given-up@example.test')).toHaveLength(1);
    const again = await server.request(
      `mutation ($id: ID!) { retryMailMessage(input: { id: $id }) { errors { code } } }`,
      { id: message.id },
      { token: staff.admin },
    );
    expect(again.data.retryMailMessage.errors).toEqual([{ code: 'NOT_FOUND' }]);
  });
});

describe('two server processes', () => {
  it('deliver each notification once', async () => {
    const second = await startTestServer(notificationConfig(mail), {
      database: { url: server.ownerUrl, drop: async () => undefined },
      clock: server.clock,
    });
    try {
      const filings = await Promise.all(
        Array.from({ length: 12 }, (_, i) => fileComplaint(i % 2 ? second : server, staff.agent, complainant(`twice-${i}@example.test`))),
      );
      await outboxSettled(server);
      for (let i = 0; i < filings.length; i += 1) {
        const got = await mailsTo(mail, `twice-${i}@example.test`);
        expect(got.map((m) => m.subject)).toEqual([`您的投诉已受理，查询码 ${filings[i].trackingCode}`]);
      }
      const ids = mail.mails.map((m) => m.messageId);
      expect(new Set(ids).size).toBe(ids.length);
    } finally {
      await second.stopApp();
    }
  });
});

describe('webhook secrets', () => {
  it('a rotated secret signs beside the old one during the overlap; then only the new one signs', async () => {
    const { endpoint: rotating, secret: first } = await endpoint(['complaint.withdrawn'], '/rotating');
    const rotated = await server.request(
      `mutation ($input: WebhookEndpointIdInput!) { rotateWebhookSecret(input: $input) { secret endpoint { previousSecretExpiresAt } errors { code } } }`,
      { input: { id: rotating.id } },
      { token: staff.admin },
    );
    const second = rotated.data.rotateWebhookSecret.secret as string;
    expect(second).not.toBe(first);
    const withdraw = async () => {
      const filed = await fileComplaint(server, staff.agent, {
        ...complainant('w@example.test'),
        complainant: { name: 'W', phone: '13900000088' },
      });
      await walkTo(server, staff, filed.id, 'WITHDRAWN');
      return poll(
        async () =>
          hooks
            .accepted()
            .filter((r) => r.json?.type === 'complaint.withdrawn' && r.json.data.complaint.trackingCode === filed.trackingCode),
        (found) => found.length === 1,
        { timeoutMs: 20_000, intervalMs: 50 },
      );
    };
    const [during] = await withdraw();
    const header = during.headers['redress-signature'] as string;
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    expect(verifySignature(header, during.body, first)).toBe(true);
    expect(verifySignature(header, during.body, second)).toBe(true);
    // The overlap (a day by default) is business time: past it, the old secret signs no more.
    server.clock.advance(25 * 3600 * 1000);
    const [after] = await withdraw();
    const later = after.headers['redress-signature'] as string;
    expect(verifySignature(later, after.body, second)).toBe(true);
    expect(verifySignature(later, after.body, first)).toBe(false);
  });
});
