import { createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { LiveClients, payloadOf } from '../support/live-fixtures';
import { MailReceiver, WebhookReceiver } from '../support/notification-receivers';
import { inbox, INBOX, inboxWith, mailsTo, notificationConfig, outboxSettled } from '../support/notification-fixtures';
import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The in-app inbox (paged, unread first, marked read, live), preferences per member, the
 * templates a tenant administrator adjusts, mail kept without an SMTP server, a receiver
 * rebuilding a complaint's public history from webhooks, and tenant isolation of every new
 * query and mutation.
 */
let mail: MailReceiver;
let hooks: WebhookReceiver;
let server: TestServer;
let a: Staff;
let b: Staff;
const live = new LiveClients(() => server.url);

beforeAll(async () => {
  mail = await new MailReceiver().start();
  hooks = await new WebhookReceiver().start();
  server = await startTestServer(notificationConfig(mail));
  ({ staff: a } = await createStaffedTenant(server, 'inbox-a'));
  ({ staff: b } = await createStaffedTenant(server, 'inbox-b'));
});

afterEach(() => live.closeAll());

afterAll(async () => {
  await server?.stop();
  await mail?.stop();
  await hooks?.stop();
});

/** Files a complaint in tenant A and assigns it to A's handler: one COMPLAINT_ASSIGNED each. */
async function assignedToHandler(description = 'The fridge hums') {
  const filed = await fileComplaint(server, a.agent, {
    channel: 'PHONE',
    description,
    demands: [],
    complainant: { name: 'C', phone: '13700000001' },
  });
  return walkTo(server, a, filed.id, 'ASSIGNED');
}

describe('the inbox', () => {
  it('pages unread first and newest first, marks read by id or all, and tells the live subscriber at once', async () => {
    const watcher = await live.as(a.handler);
    const received = await watcher.subscribe(
      `subscription { notificationReceived { kind unreadCount notification { event subject complaint { id } } } }`,
    );
    await waitForSubscribers(server.app.live.hub, 1);
    const first = await assignedToHandler();
    const pushed = payloadOf(await received.nth(0, 15_000), 'notificationReceived');
    expect(pushed).toEqual({
      kind: 'CHANGE',
      unreadCount: 1,
      notification: { event: 'COMPLAINT_ASSIGNED', subject: `投诉 ${first.number} 已分派给您`, complaint: { id: first.id } },
    });
    const second = await assignedToHandler();
    const third = await assignedToHandler();
    await inboxWith(server, a.handler, 'COMPLAINT_ASSIGNED', 3);

    const mark = (input: Record<string, unknown>, token = a.handler) =>
      server.request(
        `mutation ($input: MarkNotificationsReadInput!) { markNotificationsRead(input: $input) { marked unreadCount errors { code field } } }`,
        { input },
        { token },
      );
    const items = await inbox(server, a.handler);
    expect(items.map((item) => item.complaint.id)).toEqual([third.id, second.id, first.id]);
    const secondItem = items[1];
    expect((await mark({ ids: [secondItem.id] })).data.markNotificationsRead).toEqual({ marked: 1, unreadCount: 2, errors: [] });
    // Unread first: the read one goes last; marking it again marks nothing.
    expect((await inbox(server, a.handler)).map((item) => item.complaint.id)).toEqual([third.id, first.id, second.id]);
    expect((await mark({ ids: [secondItem.id] })).data.markNotificationsRead.marked).toBe(0);

    // Pages of one, following the cursors, give the same order.
    const paged: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (await server.request(INBOX, { first: 1, after }, { token: a.handler })).data.notifications;
      expect(page.totalCount).toBe(3);
      paged.push(...page.edges.map((edge: any) => edge.node.complaint.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(paged).toEqual([third.id, first.id, second.id]);
    expect((await inbox(server, a.handler, { unreadOnly: true })).map((item) => item.complaint.id)).toEqual([third.id, first.id]);

    expect((await mark({})).data.markNotificationsRead.errors).toEqual([{ code: 'INVALID_INPUT', field: 'ids' }]);
    expect((await mark({ all: true })).data.markNotificationsRead).toEqual({ marked: 2, unreadCount: 0, errors: [] });
    expect((await server.request(`{ unreadNotificationCount }`, {}, { token: a.handler })).data.unreadNotificationCount).toBe(0);
  });

  it('preferences choose the channels per event: mail off keeps the inbox, in-app off keeps the mail', async () => {
    const set = await server.request(
      `mutation ($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) {
         preferences { locale events { event inApp email } } errors { code field } } }`,
      { input: { events: [{ event: 'COMPLAINT_ASSIGNED', inApp: true, email: false }] } },
      { token: a.handler },
    );
    const assigned = set.data.setNotificationPreferences.preferences.events.find((e: any) => e.event === 'COMPLAINT_ASSIGNED');
    expect(assigned).toEqual({ event: 'COMPLAINT_ASSIGNED', inApp: true, email: false });
    const refused = await server.request(
      `mutation ($input: SetNotificationPreferencesInput!) { setNotificationPreferences(input: $input) { errors { code field } } }`,
      { input: { locale: 'fr', events: [{ event: 'COMPLAINT_RECEIVED', inApp: true, email: true }] } },
      { token: a.handler },
    );
    expect(refused.data.setNotificationPreferences.errors).toEqual([
      { code: 'INVALID_INPUT', field: 'locale' },
      { code: 'INVALID_INPUT', field: 'events.0.event' },
    ]);

    await outboxSettled(server);
    const mailsBefore = mail.to('handler@inbox-a.test').length;
    const quiet = await assignedToHandler();
    await inboxWith(server, a.handler, 'COMPLAINT_ASSIGNED', 4);
    await outboxSettled(server);
    expect(mail.to('handler@inbox-a.test')).toHaveLength(mailsBefore);
    expect((await inbox(server, a.handler))[0].complaint.id).toBe(quiet.id);

    await server.request(
      `mutation { setNotificationPreferences(input: { events: [{ event: COMPLAINT_ASSIGNED, inApp: false, email: true }] }) { errors { code } } }`,
      {},
      { token: a.handler },
    );
    const mailed = await assignedToHandler();
    const got = await mailsTo(mail, 'handler@inbox-a.test', mailsBefore + 1);
    expect(got.at(-1)!.subject).toBe(`投诉 ${mailed.number} 已分派给您`);
    expect((await inbox(server, a.handler)).map((item) => item.complaint.id)).not.toContain(mailed.id);
  });
});

describe('templates', () => {
  const SET = `mutation ($input: SetNotificationTemplateInput!) { setNotificationTemplate(input: $input) {
    template { event locale subject text html customized } errors { code field message } } }`;

  it('a tenant administrator adjusts a message; values stay escaped in HTML; unsafe or unknown tags are refused', async () => {
    const bad = await server.request(
      SET,
      { input: { event: 'COMPLAINT_ASSIGNED', locale: 'zh-CN', html: '<p>{{{complaint.description}}}</p>', subject: '{{secret}}' } },
      { token: a.admin },
    );
    expect(bad.data.setNotificationTemplate.errors.map((e: any) => [e.code, e.field])).toEqual([
      ['INVALID_INPUT', 'subject'],
      ['INVALID_INPUT', 'html'],
    ]);
    const good = await server.request(
      SET,
      {
        input: {
          event: 'COMPLAINT_ASSIGNED',
          locale: 'zh-CN',
          subject: '【新分派】{{complaint.number}}',
          html: '<h1>{{complaint.number}}</h1><blockquote>{{complaint.description}}</blockquote>',
        },
      },
      { token: a.admin },
    );
    expect(good.data.setNotificationTemplate.template).toMatchObject({ subject: '【新分派】{{complaint.number}}', customized: true });
    await server.request(
      `mutation { setNotificationPreferences(input: { events: [{ event: COMPLAINT_ASSIGNED, inApp: true, email: true }] }) { errors { code } } }`,
      {},
      { token: a.handler },
    );
    const before = mail.to('handler@inbox-a.test').length;
    const assigned = await assignedToHandler('<script>alert(1)</script> & more');
    const [latest] = (await mailsTo(mail, 'handler@inbox-a.test', before + 1)).slice(-1);
    expect(latest.subject).toBe(`【新分派】${assigned.number}`);
    expect(latest.html).toContain('<blockquote>&lt;script&gt;alert(1)&lt;&#x2F;script&gt; &amp; more</blockquote>');
    expect(latest.html).not.toContain('<script>');
    // The text part keeps the shipped template: only the parts given were changed.
    expect(latest.text).toContain(`投诉 ${assigned.number} 已分派给您`);

    // Tenant B still has the shipped template; A resets its own.
    const bTemplate = await server.request(
      `{ notificationTemplates(event: COMPLAINT_ASSIGNED, locale: "zh-CN") { subject customized } }`,
      {},
      { token: b.admin },
    );
    expect(bTemplate.data.notificationTemplates).toEqual([{ subject: '投诉 {{complaint.number}} 已分派给您', customized: false }]);
    const reset = await server.request(SET, { input: { event: 'COMPLAINT_ASSIGNED', locale: 'zh-CN', reset: true } }, { token: a.admin });
    expect(reset.data.setNotificationTemplate.template).toMatchObject({
      subject: '投诉 {{complaint.number}} 已分派给您',
      customized: false,
    });
  });
});

describe('mail without an SMTP server', () => {
  it('is kept, rendered, for tenant administrators to read', async () => {
    const embedded = await startTestServer({ jobPollIntervalMs: 100 });
    try {
      const { staff } = await createStaffedTenant(embedded, 'kept-mail');
      const filed = await fileComplaint(embedded, staff.agent, {
        channel: 'WEB',
        description: 'x',
        demands: [],
        complainant: { name: 'K', email: 'kept@example.test', notifyByEmail: true },
      });
      const kept = await poll(
        async () =>
          (
            await embedded.request(
              `{ sentMail(filter: { to: "kept@example.test" }) { edges { node { status subject text to } } } }`,
              {},
              { token: staff.admin },
            )
          ).data.sentMail.edges,
        (edges: any[]) => edges.length === 1 && edges[0].node.status === 'KEPT',
        { timeoutMs: 20_000, intervalMs: 100 },
      );
      expect(kept[0].node).toEqual({
        status: 'KEPT',
        to: 'kept@example.test',
        subject: `您的投诉已受理，查询码 ${filed.trackingCode}`,
        text: expect.stringContaining(filed.trackingCode),
      });
      const denied = await embedded.request(`{ sentMail { totalCount } }`, {}, { token: staff.agent });
      expect(denied.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    } finally {
      await embedded.stop();
    }
  });
});

describe('webhooks', () => {
  it("a receiver rebuilds a complaint's public history from the events it got", async () => {
    const created = await server.request(
      `mutation { createWebhookEndpoint(input: { url: "${hooks.url('/history')}", events: ["complaint.*"] }) { secret errors { code } } }`,
      {},
      { token: a.admin },
    );
    expect(created.data.createWebhookEndpoint.errors).toEqual([]);
    const filed = await fileComplaint(server, a.agent, {
      channel: 'PHONE',
      description: 'Door broken',
      demands: [],
      complainant: { name: 'H', phone: '13700000009' },
    });
    await walkTo(server, a, filed.id, 'CLOSED');
    const status = async () =>
      (
        await server.request(
          `query ($code: String!) { complaintStatus(tenantSlug: "inbox-a", trackingCode: $code) { status history { label status at } } }`,
          { code: filed.trackingCode },
          { headers: { 'accept-language': 'en' } },
        )
      ).data.complaintStatus;
    const shown = await status();
    await outboxSettled(server);
    const got = hooks.accepted().filter((request) => request.json.data.complaint?.trackingCode === filed.trackingCode);
    // Arrival order is not guaranteed: the receiver orders by the event's sequence.
    const events = got.map((request) => request.json.data).sort((x: any, y: any) => x.event.sequence - y.event.sequence);
    const rebuilt = events
      .filter((data: any) => data.publicHistoryEntry)
      .map((data: any) => ({
        label: data.publicHistoryEntry.label.en,
        status: data.publicHistoryEntry.status,
        at: data.publicHistoryEntry.at,
      }));
    expect(rebuilt).toEqual(shown.history.map((entry: any) => ({ ...entry, at: new Date(entry.at).toISOString() })));
    expect(events.at(-1).complaint.status).toBe(shown.status);
    expect(events.length).toBeGreaterThan(rebuilt.length);
  });

  it('refuses private addresses unless the operator allows them', async () => {
    const strict = await startTestServer({ notifications: { webhookAllowPrivateAddresses: false } });
    try {
      const tenant = await strict.createTenant('strict-hooks');
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://10.0.0.1/x',
      ]) {
        const result = await strict.request(
          `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, events: ["*"] }) { endpoint { id } errors { code field } } }`,
          { url },
          { token: tenant.adminToken },
        );
        expect({ url, ...result.data.createWebhookEndpoint }).toEqual({
          url,
          endpoint: null,
          errors: [{ code: 'INVALID_INPUT', field: 'url' }],
        });
      }
    } finally {
      await strict.stop();
    }
  });
});

describe('tenant isolation', () => {
  it('no query or mutation of tenant B reads or changes anything of tenant A', async () => {
    // Tenant A has notifications, an endpoint with deliveries and mail; B's people and admin look.
    const aItem = (await inbox(server, a.handler))[0];
    const [aEndpoint] = (await server.request(`{ webhookEndpoints { id } }`, {}, { token: a.admin })).data.webhookEndpoints;
    const aDelivery = (await server.request(`{ webhookDeliveries(first: 1) { edges { node { id } } } }`, {}, { token: a.admin })).data
      .webhookDeliveries.edges[0].node;
    expect(aItem && aEndpoint && aDelivery).toBeTruthy();

    expect((await inbox(server, b.handler)).length).toBe(0);
    const marked = await server.request(
      `mutation ($ids: [ID!]) { markNotificationsRead(input: { ids: $ids }) { marked } }`,
      { ids: [aItem.id] },
      { token: b.handler },
    );
    expect(marked.data.markNotificationsRead.marked).toBe(0);
    expect((await server.request(`{ webhookEndpoints { id } }`, {}, { token: b.admin })).data.webhookEndpoints).toEqual([]);
    expect((await server.request(`{ webhookDeliveries { totalCount } }`, {}, { token: b.admin })).data.webhookDeliveries.totalCount).toBe(
      0,
    );
    expect((await server.request(`{ sentMail { totalCount } }`, {}, { token: b.admin })).data.sentMail.totalCount).toBe(0);
    const outbox = (await server.request(`{ notificationOutbox { mail { count } webhooks { count } } }`, {}, { token: b.admin })).data
      .notificationOutbox;
    expect([...outbox.mail, ...outbox.webhooks].every((row: any) => row.count === 0)).toBe(true);
    for (const mutation of ['rotateWebhookSecret', 'deleteWebhookEndpoint']) {
      const result = await server.request(
        `mutation ($id: ID!) { ${mutation}(input: { id: $id }) { errors { code field } } }`,
        { id: aEndpoint.id },
        { token: b.admin },
      );
      expect(result.data[mutation].errors).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
    }
    const replay = await server.request(
      `mutation ($id: ID!) { replayWebhookDelivery(input: { id: $id }) { errors { code field } } }`,
      { id: aDelivery.id },
      { token: b.admin },
    );
    expect(replay.data.replayWebhookDelivery.errors).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
    expect(
      (await server.request(`{ webhookDeliveries(filter: { endpointId: "${aEndpoint.id}" }) { totalCount } }`, {}, { token: b.admin })).data
        .webhookDeliveries.totalCount,
    ).toBe(0);

    // B's endpoint subscribed to everything receives nothing of A's events.
    await server.request(
      `mutation { createWebhookEndpoint(input: { url: "${hooks.url('/tenant-b')}", events: ["*"] }) { errors { code } } }`,
      {},
      { token: b.admin },
    );
    const aComplaint = await fileComplaint(server, a.agent, {
      channel: 'PHONE',
      description: 'A only',
      demands: [],
      complainant: { name: 'A', phone: '13700000010' },
    });
    const bComplaint = await fileComplaint(server, b.agent, {
      channel: 'PHONE',
      description: 'B only',
      demands: [],
      complainant: { name: 'B', phone: '13700000011' },
    });
    await poll(
      async () => hooks.accepted().filter((request) => request.path === '/tenant-b'),
      (found) => found.length >= 1,
      { timeoutMs: 20_000, intervalMs: 50 },
    );
    await outboxSettled(server);
    const codesAt = (path: string) =>
      new Set(hooks.requests.filter((request) => request.path === path).map((request) => request.json.data.complaint?.trackingCode));
    expect(codesAt('/tenant-b')).toEqual(new Set([bComplaint.trackingCode]));
    expect(codesAt('/history').has(aComplaint.trackingCode)).toBe(true);
    expect(codesAt('/history').has(bComplaint.trackingCode)).toBe(false);

    // A member who is not an administrator reaches none of the administrators' operations.
    for (const query of [
      `{ webhookEndpoints { id } }`,
      `{ notificationTemplates { event } }`,
      `{ notificationOutbox { mail { count } } }`,
    ]) {
      expect((await server.request(query, {}, { token: a.handler })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
  });
});
