import 'reflect-metadata';
import { inScopedTransaction } from '../../server/src/db/tenant-transaction';
import { recordEvent } from '../../server/src/complaints/complaint-journal';
import { publishAfterCommit } from '../../server/src/live/live-events';
import { createStaffedTenant, inviteMember, type Staff } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import {
  APPROVAL_REQUESTED,
  COMPLAINT_CHANGED,
  COMPLAINT_EVENTS,
  COMPLAINT_STATUS_CHANGED,
  DEADLINE_ALERTS,
  errorCodes,
  globalId,
  LiveClients,
  payloadOf,
  rowId,
  TrackedComplaint,
} from '../support/live-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** Subscriptions over real WebSockets against a real database: who receives what, and who does not. */
let server: TestServer;
let a: { slug: string; staff: Staff; tenantId: string; departments: Record<string, string> };
let b: { slug: string; staff: Staff; tenantId: string };
const clients = new LiveClients(() => server.url);
const hub = () => server.app.live.hub;

async function tenantId(token: string): Promise<string> {
  return rowId((await server.request(`{ tenant { id } }`, {}, { token })).data.tenant.id);
}

async function createDepartment(token: string, code: string): Promise<string> {
  const result = await server.request(
    `mutation ($code: String!) { createDepartment(input: { code: $code, name: $code }) { department { id } errors { code } } }`,
    { code },
    { token },
  );
  return result.data.createDepartment.department.id;
}

async function moveMember(token: string, userId: string, roles: string[], departmentId: string | null): Promise<void> {
  const result = await server.request(
    `mutation ($input: SetMemberRolesInput!) { setMemberRoles(input: $input) { errors { code field } } }`,
    { input: { userId, roles, departmentId } },
    { token },
  );
  expect(result.data.setMemberRoles.errors).toEqual([]);
}

/** A complaint accepted into the quality department (routed there by the default plugin). */
async function qualityComplaint(): Promise<TrackedComplaint> {
  const complaint = await TrackedComplaint.file(server, a.staff.agent);
  await complaint.do(a.staff.agent, 'acknowledgeComplaint');
  await complaint.do(a.staff.supervisor, 'assessComplaint', { decision: 'ACCEPT', categoryCode: 'product.quality' });
  expect(complaint.current.department).toEqual({ code: 'quality' });
  return complaint;
}

beforeAll(async () => {
  server = await startTestServer();
  const ta = await createStaffedTenant(server, 'live-a');
  const departments = {
    quality: await createDepartment(ta.staff.admin, 'quality'),
    service: await createDepartment(ta.staff.admin, 'service'),
  };
  // The handler works in the quality department; handlers see their department's complaints and their own.
  await moveMember(ta.staff.admin, ta.staff.handlerId, ['handler'], departments.quality);
  a = { ...ta, tenantId: await tenantId(ta.staff.admin), departments };
  const tb = await createStaffedTenant(server, 'live-b');
  b = { ...tb, tenantId: await tenantId(tb.staff.admin) };
});

afterEach(async () => {
  await clients.closeAll();
  await waitForSubscribers(hub(), 0);
});

afterAll(async () => {
  await server?.stop();
});

describe('complaintChanged', () => {
  it("reaches every viewer of the complaint's tenant who may see it, and nobody else", async () => {
    const subscribers = {
      admin: await (await clients.as(a.staff.admin)).subscribe(COMPLAINT_CHANGED),
      agent: await (await clients.as(a.staff.agent)).subscribe(COMPLAINT_CHANGED),
      handler: await (await clients.as(a.staff.handler)).subscribe(COMPLAINT_CHANGED),
      otherTenant: await (await clients.as(b.staff.admin)).subscribe(COMPLAINT_CHANGED),
    };
    await waitForSubscribers(hub(), 4);
    const complaint = await qualityComplaint();

    for (const who of ['admin', 'agent'] as const) {
      const kinds = [];
      for (let i = 0; i < 3; i++) kinds.push(payloadOf(await subscribers[who].nth(i), 'complaintChanged').event.kind);
      expect(kinds).toEqual(['FILED', 'ACKNOWLEDGED', 'ACCEPTED']);
    }
    // The handler sees the complaint only once it is routed to their department.
    const handlerSees = payloadOf(await subscribers.handler.nth(0), 'complaintChanged');
    expect(handlerSees).toMatchObject({
      kind: 'CHANGE',
      complaint: { id: complaint.id, status: 'ACCEPTED', version: 3, department: { code: 'quality' } },
      event: { kind: 'ACCEPTED' },
    });
    await subscribers.handler.expectNoMoreThan(1);
    await subscribers.admin.expectNoMoreThan(3, 0);
    expect(subscribers.otherTenant.results).toEqual([]);
  });

  it('delivers only changes matching the filter, and refuses a bad filter with BAD_USER_INPUT', async () => {
    const client = await clients.as(a.staff.supervisor);
    const owned = await client.subscribe(COMPLAINT_CHANGED, { filter: { ownerId: a.staff.handlerId } });
    await waitForSubscribers(hub(), 1);
    const mine = await qualityComplaint();
    const other = await qualityComplaint();
    await mine.do(a.staff.supervisor, 'assignComplaint', { ownerId: a.staff.handlerId });
    await other.note(a.staff.supervisor);
    const first = payloadOf(await owned.nth(0), 'complaintChanged');
    expect(first).toMatchObject({ complaint: { id: mine.id }, event: { kind: 'ASSIGNED' } });
    await owned.expectNoMoreThan(1);

    const bad = await client.subscribe(COMPLAINT_CHANGED, { filter: { text: 'x'.repeat(201) } });
    expect(errorCodes(await bad.nth(0))).toEqual(['BAD_USER_INPUT']);
    await bad.done();
  });

  it('applies the API limits to WebSocket operations as to HTTP ones', async () => {
    const client = await clients.as(a.staff.admin);
    const aliases = Array.from({ length: 16 }, (_, i) => `k${i}: kind`).join(' ');
    const refused = await client.subscribe(`subscription { complaintChanged { ${aliases} } }`);
    const { transportError } = await refused.nth(0);
    expect(JSON.stringify(transportError)).toMatch(/aliases/i);
    expect(hub().subscriberCount).toBe(0);
  });

  it('tells a viewer removed from the tenant UNAUTHENTICATED at the next event and ends, without reconnecting', async () => {
    const leaver = await inviteMember(server, { slug: a.slug, adminToken: a.staff.admin }, 'leaver', ['agent']);
    const leaving = await (await clients.as(leaver.token)).subscribe(COMPLAINT_CHANGED);
    const staying = await (await clients.as(a.staff.admin)).subscribe(COMPLAINT_CHANGED);
    await waitForSubscribers(hub(), 2);
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    expect(payloadOf(await leaving.nth(0), 'complaintChanged').event.kind).toBe('FILED');

    const removed = await server.request(
      `mutation ($u: ID!) { removeMember(input: { userId: $u }) { errors { code } } }`,
      { u: leaver.userId },
      { token: a.staff.admin },
    );
    expect(removed.data.removeMember.errors).toEqual([]);
    await complaint.note(a.staff.agent);
    const refused = await leaving.nth(1);
    expect(refused.data).toBeNull();
    expect(errorCodes(refused)).toEqual(['UNAUTHENTICATED']);
    await leaving.done();
    expect(leaving.results).toHaveLength(2);
    expect(payloadOf(await staying.nth(1), 'complaintChanged').event.kind).toBe('NOTE_ADDED');
  });
});

describe('integrations with an API key', () => {
  it('subscribe with the key in connectionParams, and stop at the next event once it is revoked', async () => {
    const created = await server.request(
      `mutation { createApiKey(input: { name: "board", roles: ["agent"] }) { apiKey { id } secret errors { code } } }`,
      {},
      { token: a.staff.admin },
    );
    const { apiKey, secret } = created.data.createApiKey;
    const integration = await (await clients.with({ authorization: secret })).subscribe(COMPLAINT_CHANGED);
    await waitForSubscribers(hub(), 1);
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    expect(payloadOf(await integration.nth(0), 'complaintChanged')).toMatchObject({
      complaint: { id: complaint.id },
      event: { kind: 'FILED' },
    });

    const revoked = await server.request(
      `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { errors { code } } }`,
      { id: apiKey.id },
      { token: a.staff.admin },
    );
    expect(revoked.data.revokeApiKey.errors).toEqual([]);
    await complaint.note(a.staff.agent);
    expect(errorCodes(await integration.nth(1))).toEqual(['UNAUTHENTICATED']);
    await integration.done();
    await expect(clients.with({ authorization: secret })).rejects.toMatchObject({ code: 4403 });
  });
});

describe('visibility: handlers see their department and their own complaints', () => {
  it('stops delivery at once when the handler leaves the department, and the queries agree', async () => {
    const handler = await (await clients.as(a.staff.handler)).subscribe(COMPLAINT_CHANGED);
    const admin = await (await clients.as(a.staff.admin)).subscribe(COMPLAINT_CHANGED);
    await waitForSubscribers(hub(), 2);
    const complaint = await qualityComplaint();
    await complaint.note(a.staff.admin);
    expect(payloadOf(await handler.nth(1), 'complaintChanged').event.kind).toBe('NOTE_ADDED');

    const queries = `query ($id: ID!) { complaints(first: 100) { edges { node { id } } } complaint(id: $id) { id } node(id: $id) { id } }`;
    const before = await server.request(queries, { id: complaint.id }, { token: a.staff.handler });
    expect(before.data.complaints.edges.map((e: any) => e.node.id)).toContain(complaint.id);
    expect(before.data.complaint).toEqual({ id: complaint.id });
    expect(before.data.node).toEqual({ id: complaint.id });

    await moveMember(a.staff.admin, a.staff.handlerId, ['handler'], a.departments.service);
    try {
      await complaint.note(a.staff.admin);
      expect(payloadOf(await admin.nth(complaint.current.version - 1), 'complaintChanged').event.kind).toBe('NOTE_ADDED');
      await handler.expectNoMoreThan(2);
      const after = await server.request(queries, { id: complaint.id }, { token: a.staff.handler });
      expect(after.data.complaints.edges.map((e: any) => e.node.id)).not.toContain(complaint.id);
      expect(after.data.complaint).toBeNull();
      expect(after.data.node).toBeNull();
      // Tenant-wide roles see it all the same.
      const supervisor = await server.request(queries, { id: complaint.id }, { token: a.staff.supervisor });
      expect(supervisor.data.complaint).toEqual({ id: complaint.id });

      // Owning a complaint makes it visible again, whatever the department.
      await complaint.do(a.staff.supervisor, 'assignComplaint', { ownerId: a.staff.handlerId });
      expect(payloadOf(await handler.nth(2), 'complaintChanged').event.kind).toBe('ASSIGNED');
      const owned = await server.request(queries, { id: complaint.id }, { token: a.staff.handler });
      expect(owned.data.complaint).toEqual({ id: complaint.id });
    } finally {
      await moveMember(a.staff.admin, a.staff.handlerId, ['handler'], a.departments.quality);
    }
  });
});

describe('complaintEvents', () => {
  it("streams one complaint's timeline; other complaints, unknown ids and other tenants' ids get nothing", async () => {
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    const elsewhere = await TrackedComplaint.file(server, a.staff.agent);
    const foreign = await TrackedComplaint.file(server, b.staff.agent);
    const client = await clients.as(a.staff.admin);
    const timeline = await client.subscribe(COMPLAINT_EVENTS, { id: complaint.id });
    await waitForSubscribers(hub(), 1);
    await elsewhere.note(a.staff.agent);
    await complaint.do(a.staff.agent, 'acknowledgeComplaint');
    expect(payloadOf(await timeline.nth(0), 'complaintEvents')).toMatchObject({
      kind: 'CHANGE',
      complaint: { id: complaint.id, version: 2 },
      event: { kind: 'ACKNOWLEDGED' },
    });
    await timeline.expectNoMoreThan(1);

    const unknown = globalId('Complaint', '00000000-0000-4000-8000-000000000000');
    for (const [id, code] of [
      [foreign.id, 'NOT_FOUND'],
      [unknown, 'NOT_FOUND'],
      ['nonsense', 'BAD_USER_INPUT'],
      [globalId('Department', a.departments.quality), 'BAD_USER_INPUT'],
    ]) {
      const refused = await client.subscribe(COMPLAINT_EVENTS, { id });
      expect({ id, codes: errorCodes(await refused.nth(0)), data: (await refused.nth(0)).data ?? null }).toEqual({
        id,
        codes: [code],
        data: null,
      });
      await refused.done();
    }
    // B's own subscriber is not disturbed by A's attempts, and A hears nothing of B's changes.
    await foreign.note(b.staff.agent);
    await timeline.expectNoMoreThan(1);
  });
});

describe('events are published after commit only', () => {
  it('a rolled-back transaction or savepoint publishes nothing; the committed event arrives alone', async () => {
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    const subscription = await (await clients.as(a.staff.admin)).subscribe(COMPLAINT_EVENTS, { id: complaint.id });
    await waitForSubscribers(hub(), 1);
    const scope = { tenantId: a.tenantId, userId: null };
    const note = (tx: any) =>
      recordEvent(tx, {
        complaint: { id: rowId(complaint.id), tenantId: a.tenantId },
        kind: 'NOTE_ADDED',
        from: null,
        to: null,
        actor: null,
      });

    await expect(
      inScopedTransaction(server.app.dataSource, server.app.clock, scope, async (tx) => {
        await note(tx);
        throw new Error('the change fails after writing its event');
      }),
    ).rejects.toThrow('the change fails');
    await inScopedTransaction(server.app.dataSource, server.app.clock, scope, (tx) =>
      tx.withSavepoint(
        () => note(tx),
        () => true,
      ),
    );
    const committed = await inScopedTransaction(server.app.dataSource, server.app.clock, scope, note);

    const delivered = payloadOf(await subscription.nth(0), 'complaintEvents');
    expect(delivered.event).toEqual({ id: globalId('ComplaintEvent', committed.id), kind: 'NOTE_ADDED' });
    await subscription.expectNoMoreThan(1);
    const rows = await server.ownerQuery('SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = $1', [rowId(complaint.id)]);
    expect(rows[0].n).toBe(2); // FILED and the committed note
  });
});

describe('deadlineAlerts', () => {
  async function publishDeadline(tenant: string, complaintId: string, deadlineId: string, alert: 'DUE_SOON' | 'BREACHED') {
    await inScopedTransaction(server.app.dataSource, server.app.clock, { tenantId: tenant, userId: null }, (tx) =>
      publishAfterCommit(tx, { type: 'deadline', tenantId: tenant, complaintId, deadlineId, alert }),
    );
  }
  const deadlineOf = async (complaintId: string, stage: string) =>
    (await server.ownerQuery('SELECT id FROM complaint_deadlines WHERE complaint_id = $1 AND stage = $2', [rowId(complaintId), stage]))[0]
      .id;

  it("resolves the deadline and its complaint for viewers who may see it; another tenant's ids resolve to nothing", async () => {
    const admin = await (await clients.as(a.staff.admin)).subscribe(DEADLINE_ALERTS);
    const handler = await (await clients.as(a.staff.handler)).subscribe(DEADLINE_ALERTS);
    const otherTenant = await (await clients.as(b.staff.admin)).subscribe(DEADLINE_ALERTS);
    await waitForSubscribers(hub(), 3);
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    const foreign = await TrackedComplaint.file(server, b.staff.agent);

    await publishDeadline(a.tenantId, rowId(complaint.id), await deadlineOf(complaint.id, 'ACKNOWLEDGE'), 'BREACHED');
    // A guessed id: B's deadline published under A's tenant finds nothing through A's viewers.
    await publishDeadline(a.tenantId, rowId(foreign.id), await deadlineOf(foreign.id, 'ACKNOWLEDGE'), 'DUE_SOON');
    await publishDeadline(a.tenantId, rowId(complaint.id), await deadlineOf(foreign.id, 'ACKNOWLEDGE'), 'DUE_SOON');

    expect(payloadOf(await admin.nth(0), 'deadlineAlerts')).toMatchObject({
      kind: 'CHANGE',
      alert: 'BREACHED',
      deadline: { stage: 'ACKNOWLEDGE' },
      complaint: { id: complaint.id },
    });
    await admin.expectNoMoreThan(1);
    expect(handler.results).toEqual([]); // not in the handler's department, not theirs
    expect(otherTenant.results).toEqual([]);
  });
});

describe('approvalRequested', () => {
  it('tells the holders of the waiting step, step after step, and nobody else', async () => {
    const supervisor = await (await clients.as(a.staff.supervisor)).subscribe(APPROVAL_REQUESTED);
    const admin = await (await clients.as(a.staff.admin)).subscribe(APPROVAL_REQUESTED);
    const agent = await (await clients.as(a.staff.agent)).subscribe(APPROVAL_REQUESTED);
    const otherTenant = await (await clients.as(b.staff.admin)).subscribe(APPROVAL_REQUESTED);
    await waitForSubscribers(hub(), 4);
    const complaint = await qualityComplaint();
    await complaint.do(a.staff.supervisor, 'assignComplaint', { ownerId: a.staff.handlerId });
    const investigation = { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' };
    await complaint.do(a.staff.handler, 'recordInvestigation', investigation);
    // 1500 reaches the threshold: the supervisor decides first, then the tenant administrator.
    await complaint.do(a.staff.handler, 'proposeResolution', {
      kind: 'COMPENSATION',
      amount: 1500,
      currency: 'CNY',
      description: 'Refund',
    });
    expect(payloadOf(await supervisor.nth(0), 'approvalRequested')).toMatchObject({
      kind: 'CHANGE',
      step: { position: 1, role: 'supervisor' },
      complaint: { id: complaint.id, status: 'RESOLUTION_PROPOSED' },
    });
    await complaint.do(a.staff.supervisor, 'decideApproval', { decision: 'APPROVE' });
    expect(payloadOf(await admin.nth(0), 'approvalRequested')).toMatchObject({
      step: { position: 2, role: 'tenant-admin' },
      complaint: { id: complaint.id, status: 'IN_APPROVAL' },
    });
    await supervisor.expectNoMoreThan(1);
    await admin.expectNoMoreThan(1, 0);
    expect(agent.results).toEqual([]);
    expect(otherTenant.results).toEqual([]);
  });
});

describe('complaintStatusChanged: a complainant follows their complaint by tracking code', () => {
  it('sends the public view when it changes (internal changes send nothing); other codes are refused', async () => {
    const complaint = await TrackedComplaint.file(server, a.staff.agent);
    const code = complaint.current.trackingCode;
    const complainant = await clients.with({ tenantSlug: a.slug, trackingCode: code });
    const status = await complainant.subscribe(COMPLAINT_STATUS_CHANGED, { slug: a.slug, code });
    await waitForSubscribers(hub(), 1);
    await complaint.note(a.staff.agent);
    await complaint.do(a.staff.agent, 'acknowledgeComplaint');
    const view = payloadOf(await status.nth(0), 'complaintStatusChanged');
    expect(view.status).toBe('ACKNOWLEDGED');
    expect(view.history.map((entry: any) => entry.status)).toEqual(['RECEIVED', 'ACKNOWLEDGED']);
    expect(Object.keys(view).sort()).toEqual(['history', 'status', 'trackingCode']);
    await status.expectNoMoreThan(1);

    // Staff-only data stays out of reach on this connection.
    const staffQuery = await new Promise<any>((resolve) =>
      complainant.client.subscribe(
        { query: '{ complaints { totalCount } }' },
        { next: resolve, error: resolve, complete: () => undefined },
      ),
    );
    expect(errorCodes(staffQuery)).toEqual(['UNAUTHENTICATED']);
    const other = await TrackedComplaint.file(server, a.staff.agent);
    const elsewhere = await complainant.subscribe(COMPLAINT_STATUS_CHANGED, { slug: a.slug, code: other.current.trackingCode });
    expect(errorCodes(await elsewhere.nth(0))).toEqual(['FORBIDDEN']);
    await expect(clients.with({ tenantSlug: a.slug, trackingCode: 'AAAA-BBBB-CCCC-DDDD' })).rejects.toMatchObject({ code: 4403 });
    await expect(clients.with({ tenantSlug: b.slug, trackingCode: code })).rejects.toMatchObject({ code: 4403 });
  });
});
