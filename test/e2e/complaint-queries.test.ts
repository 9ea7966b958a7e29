import { startTestServer, type TestServer } from '../support/test-server';
import { expectPagedAsWhole } from '../support/paging';
import { change, createStaffedTenant, fileComplaint, SAMPLE_COMPLAINT, walkTo, type Staff } from '../support/complaint-fixtures';

/** The complaint list (filters, order, pages, statement count) and the public intake and status. */
let server: TestServer;
let staff: Staff;
const ids: Record<string, { id: string; version: number; trackingCode: string; number: number }> = {};

const VARIABLE_TYPES: Record<string, string> = { after: 'String', text: 'String', from: 'DateTimeISO', to: 'DateTimeISO', owner: 'ID' };

const list = async (args: string, token = staff.agent, vars: Record<string, unknown> = {}) => {
  const declared = Object.keys(vars).map((name) => `$${name}: ${VARIABLE_TYPES[name]}`);
  const result = await server.request(
    `query ${declared.length ? `(${declared.join(', ')})` : ''} {
       complaints(${args}) { totalCount pageInfo { hasNextPage endCursor } edges { node { id number status } } } }`,
    vars,
    { token },
  );
  expect(result.errors).toBeUndefined();
  return result.data.complaints;
};
const numbers = (page: any) => page.edges.map((e: any) => e.node.number);

beforeAll(async () => {
  // The complaints are received in the past, so their clocks have long run out; the timers
  // are left to no process here (their effects are tested in deadlines.test.ts) so that
  // the fixtures' versions stay as filed.
  server = await startTestServer({ jobConcurrency: 0 });
  ({ staff } = await createStaffedTenant(server, 'queries'));
  // Five complaints received on five days; #2 accepted as price and assigned; #3 about a 冰箱.
  for (let i = 1; i <= 5; i++) {
    const c = await fileComplaint(server, staff.agent, {
      ...SAMPLE_COMPLAINT,
      receivedAt: new Date(Date.UTC(2026, 9, i, 8)).toISOString(),
      description: i === 3 ? '冰箱不制冷，门封条漏气' : `Complaint number ${i} about a blender`,
      complainant: { name: i === 4 ? 'Wang Fang' : `Customer ${i}`, phone: `1380000000${i}` },
      asset: null,
    });
    ids[i] = c;
  }
  ids[2] = await walkTo(server, staff, ids[2].id, 'ASSIGNED', {
    inputs: { assessComplaint: { categoryCode: 'service.attitude', priority: 'HIGH' } },
  });
});

afterAll(async () => {
  await server?.stop();
});

describe('the complaint list', () => {
  it('orders newest first by default and by number on request', async () => {
    expect(numbers(await list('first: 10'))).toEqual([5, 4, 3, 2, 1]);
    expect(numbers(await list('first: 10, orderBy: { field: NUMBER, direction: ASC }'))).toEqual([1, 2, 3, 4, 5]);
  });

  it('shows the newest event of each complaint', async () => {
    const result = await server.request(
      `{ complaints(first: 10) { edges { node { number lastEvent { kind toStatus } } } } }`,
      {},
      { token: staff.agent },
    );
    const last = Object.fromEntries(result.data.complaints.edges.map((e: any) => [e.node.number, e.node.lastEvent]));
    expect(last[2]).toEqual({ kind: 'ASSIGNED', toStatus: 'ASSIGNED' });
    expect(last[1]).toEqual({ kind: 'FILED', toStatus: 'RECEIVED' });
  });

  it('reads owners, departments and newest events with the page as one complaint reads them, fragments included', async () => {
    const fields =
      'id owner { id name } department { id name } lastEvent { kind createdAt actor { name } } approvals { position role label decision decidedAt }';
    const direct = await server.request(`{ complaints(first: 10) { edges { node { ${fields} } } } }`, {}, { token: staff.supervisor });
    const viaFragment = await server.request(
      `query { complaints(first: 10) { ...Page } }
       fragment Page on ComplaintConnection { edges { ... on ComplaintEdge { node { ...Row } } } }
       fragment Row on Complaint { ${fields} }`,
      {},
      { token: staff.supervisor },
    );
    expect(direct.errors).toBeUndefined();
    expect(viaFragment.data).toEqual(direct.data);
    const nodes = direct.data.complaints.edges.map((edge: any) => edge.node);
    // One at a time, without a page: read by the loaders.
    for (const node of nodes) {
      const one = await server.request(
        `query ($id: ID!) { complaint(id: $id) { ${fields} } }`,
        { id: node.id },
        { token: staff.supervisor },
      );
      expect(one.data.complaint).toEqual(node);
    }
    expect(nodes.some((node: any) => node.owner)).toBe(true);
  });

  it('pages without repeating or skipping', async () => {
    const first = await list('first: 2');
    expect(first.totalCount).toBe(5);
    const second = await list('first: 2, after: $after', staff.agent, { after: first.pageInfo.endCursor });
    const third = await list('first: 2, after: $after', staff.agent, { after: second.pageInfo.endCursor });
    expect([...numbers(first), ...numbers(second), ...numbers(third)]).toEqual([5, 4, 3, 2, 1]);
    expect(third.pageInfo.hasNextPage).toBe(false);
  });

  it('pages in every order it offers, and refuses a cursor whose position is not one', async () => {
    for (const orderBy of [
      '{ field: NUMBER, direction: ASC }',
      '{ field: NUMBER, direction: DESC }',
      '{ field: UPDATED_AT, direction: ASC }',
      '{ field: RECEIVED_AT, direction: ASC }',
    ]) {
      const whole = await list(`first: 10, orderBy: ${orderBy}`);
      const all = whole.edges.map((e: any) => e.node.id);
      expect(all).toHaveLength(5);
      await expectPagedAsWhole(server, staff.agent, 'complaints', all, 2, `orderBy: ${orderBy}`);
    }
    const notANumber = Buffer.from(JSON.stringify(['NUMBER', 'soon', '00000000-0000-4000-8000-000000000001'])).toString('base64url');
    const refused = await server.request(
      `query ($after: String) { complaints(after: $after, orderBy: { field: NUMBER, direction: ASC }) { totalCount } }`,
      { after: notANumber },
      { token: staff.agent },
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('filters by status, category (with sub-categories), priority, owner and department', async () => {
    expect(numbers(await list('filter: { status: [ASSIGNED] }'))).toEqual([2]);
    expect(numbers(await list('filter: { status: [RECEIVED] }'))).toEqual([5, 4, 3, 1]);
    expect(numbers(await list('filter: { categoryCode: "service" }'))).toEqual([2]);
    expect(numbers(await list('filter: { categoryCode: "serv" }'))).toEqual([]);
    expect(numbers(await list('filter: { priority: [HIGH, URGENT] }'))).toEqual([2]);
    expect(numbers(await list('filter: { ownerId: $owner }', staff.agent, { owner: await ownerOf(ids[2].id) }))).toEqual([2]);
  });

  it('searches Chinese and English text, names, tracking codes and numbers', async () => {
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: '制冷' }))).toEqual([3]);
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: 'BLENDER' }))).toEqual([5, 4, 2, 1]);
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: 'wang' }))).toEqual([4]);
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: ids[1].trackingCode.toLowerCase() }))).toEqual([1]);
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: '5' }))).toEqual([5]);
    expect(numbers(await list('filter: { text: $text }', staff.agent, { text: '100%_' }))).toEqual([]);
  });

  it('filters by the date received, from inclusive to exclusive', async () => {
    const page = await list('filter: { receivedFrom: $from, receivedTo: $to }', staff.agent, {
      from: '2026-10-02T08:00:00.000Z',
      to: '2026-10-04T08:00:00.000Z',
    });
    expect(numbers(page)).toEqual([3, 2]);
  });

  it('finds overdue complaints: an open clock past its due time', async () => {
    // Received in October, all five are overdue by now; move every clock but one into the future.
    expect(numbers(await list('filter: { overdue: true }'))).toEqual([5, 4, 3, 2, 1]);
    const now = server.clock.now();
    await server.ownerQuery(`UPDATE complaint_deadlines SET due_at = $1::timestamptz + interval '1 day'`, [now]);
    expect(numbers(await list('filter: { overdue: true }'))).toEqual([]);
    await server.ownerQuery(
      `UPDATE complaint_deadlines SET due_at = $1::timestamptz - interval '1 hour'
        WHERE stage = 'ACKNOWLEDGE' AND complaint_id = (SELECT id FROM complaints WHERE number = 1 AND tenant_id = (SELECT id FROM tenants WHERE slug = 'queries'))`,
      [now],
    );
    expect(numbers(await list('filter: { overdue: true }'))).toEqual([1]);
    expect(numbers(await list('filter: { overdue: false }'))).toEqual([5, 4, 3, 2]);
  });

  it('sends the same number of SQL statements for a page of 10 and of 100', async () => {
    for (let i = 0; i < 100; i++)
      await fileComplaint(server, staff.agent, {
        ...SAMPLE_COMPLAINT,
        complainant: { name: `Bulk ${i}`, phone: `1390000${String(i).padStart(4, '0')}` },
      });
    const query = `query ($first: Int) { complaints(first: $first) { edges { node {
      id statusLabel category { label } priority complainant { name } department { name } owner { name } asset { name }
      resolution { amount } approvals { role decidedBy { name } } deadlines { stage breached } evidence { fileName }
      investigation { conclusion } followUps { comment } notes { body } receivedBy { name }
      events(first: 1) { totalCount edges { node { kind actor { name } } } } lastEvent { kind actor { name } } } } } }`;
    const statements = async (first: number) => {
      const result = await server.request(query, { first }, { token: staff.supervisor });
      expect(result.errors).toBeUndefined();
      expect(result.data.complaints.edges).toHaveLength(first);
      return result.extensions!.sqlStatements!;
    };
    const ten = await statements(10);
    const hundred = await statements(100);
    expect(hundred).toBe(ten);
    expect(ten).toBeLessThan(25);
  });

  it('labels statuses, channels and demands in the asked language, else the tenant default (zh-CN)', async () => {
    const query = `query ($id: ID!) { complaint(id: $id) { statusLabel channelLabel demandLabels } }`;
    const zh = await server.request(query, { id: ids[1].id }, { token: staff.agent });
    expect(zh.data.complaint).toEqual({ statusLabel: '已受理', channelLabel: '电话', demandLabels: ['维修', '赔偿'] });
    const en = await server.request(query, { id: ids[1].id }, { token: staff.agent, headers: { 'accept-language': 'en-GB,en;q=0.8' } });
    expect(en.data.complaint).toEqual({ statusLabel: 'Received', channelLabel: 'Phone', demandLabels: ['Repair', 'Compensation'] });
    const vocabulary = await server.request(
      `{ complaintVocabulary { channels { value label } } }`,
      {},
      { token: staff.agent, headers: { 'accept-language': 'en' } },
    );
    expect(vocabulary.data.complaintVocabulary.channels).toContainEqual({ value: 'SOCIAL_MEDIA', label: 'Social media' });
  });

  it('refuses a page size out of range and a forged cursor', async () => {
    const big = await server.request(`{ complaints(first: 101) { totalCount } }`, {}, { token: staff.agent });
    expect(big.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await server.request(`{ complaints(after: "garbage") { totalCount } }`, {}, { token: staff.agent });
    expect(forged.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

async function ownerOf(id: string): Promise<string> {
  const result = await server.request(`query ($id: ID!) { complaint(id: $id) { owner { id } } }`, { id }, { token: staff.agent });
  return result.data.complaint.owner.id;
}

describe('public intake and status', () => {
  const submit = (input: Record<string, unknown>) =>
    server.request(`mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code field } } }`, {
      input,
    });
  const status = (trackingCode: string, slug = 'queries', headers: Record<string, string> = {}) =>
    server.request(
      `query ($slug: String!, $code: String!) { complaintStatus(tenantSlug: $slug, trackingCode: $code) {
         trackingCode status statusLabel receivedAt nextAnswerDueAt history { label status at } } }`,
      { slug, code: trackingCode },
      { headers },
    );

  it('files without an account, recognises the returning customer, and shows only the public part', async () => {
    const filed = await submit({
      tenantSlug: 'queries',
      description: 'The delivery came three days late',
      demands: ['APOLOGY'],
      complainant: { name: 'Customer 1', phone: '138 0000 0001' },
      respondentName: 'Store 12',
    });
    expect(filed.data.submitComplaint.errors).toEqual([]);
    const code = filed.data.submitComplaint.trackingCode;
    const [row] = await server.ownerQuery(
      `SELECT c.id, c.version, c.channel, (SELECT count(*)::int FROM complaints o WHERE o.customer_id = c.customer_id) AS of_customer
         FROM complaints c WHERE tracking_code = $1`,
      [code],
    );
    expect(row.channel).toBe('WEB');
    expect(row.of_customer).toBe(2); // the same phone as complaint #1
    // Staff move it on, with an internal note and an investigation the public must not see.
    const globalId = Buffer.from(`Complaint:${row.id}`).toString('base64url');
    let c = (await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: globalId, expectedVersion: row.version })).complaint;
    c = (await change(server, staff.agent, 'addNote', { complaintId: c.id, expectedVersion: c.version, body: 'SECRET-NOTE' })).complaint;
    c = (
      await change(server, staff.supervisor, 'assessComplaint', {
        complaintId: c.id,
        expectedVersion: c.version,
        decision: 'ACCEPT',
        categoryCode: 'delivery',
      })
    ).complaint;
    c = (
      await change(server, staff.supervisor, 'assignComplaint', {
        complaintId: c.id,
        expectedVersion: c.version,
        ownerId: staff.handlerId,
        note: 'SECRET-HANDOVER',
      })
    ).complaint;
    await change(server, staff.handler, 'recordInvestigation', {
      complaintId: c.id,
      expectedVersion: c.version,
      cause: 'SECRET-CAUSE',
      course: 'c',
      responsiblePerson: 'SECRET-PERSON',
      conclusion: 'c',
      countermeasures: 'c',
      prevention: 'c',
    });

    const shown = await status(code.toLowerCase().replace(/-/g, ''));
    expect(shown.errors).toBeUndefined();
    const view = shown.data.complaintStatus;
    expect(view.status).toBe('INVESTIGATING');
    expect(view.statusLabel).toBe('调查核实中');
    expect(view.history.map((h: any) => h.status)).toEqual(['RECEIVED', 'ACKNOWLEDGED', 'ACCEPTED', 'ASSIGNED']);
    expect(new Date(view.nextAnswerDueAt).getTime()).toBeGreaterThan(server.clock.now().getTime());
    const raw = JSON.stringify(shown);
    for (const secret of ['SECRET', 'handler', 'supervisor', 'Store 12', 'Customer 1']) expect(raw).not.toContain(secret);
    const english = await status(code, 'queries', { 'accept-language': 'en' });
    expect(english.data.complaintStatus.statusLabel).toBe('Under investigation');
  });

  it('answers an unknown tracking code or organization with the same null, and a bad form with typed errors', async () => {
    const answers = [];
    for (const [code, slug] of [
      ['ABCD-EFGH-JKMN-PQRS', 'queries'],
      ['not a code', 'queries'],
      [ids[1].trackingCode, 'nobody'],
    ]) {
      const { status: httpStatus, ...body } = await status(code, slug);
      expect(httpStatus).toBe(200);
      answers.push(body);
    }
    // Nothing tells an unknown organization from an unknown code: the very same answer.
    expect(answers).toEqual(Array(3).fill({ data: { complaintStatus: null }, extensions: { sqlStatements: expect.any(Number) } }));
    expect((await status(ids[1].trackingCode, 'queries')).data.complaintStatus.trackingCode).toBe(ids[1].trackingCode);
    const [{ n: before }] = await server.ownerQuery('SELECT count(*)::int AS n FROM complaints');
    const unknownTenant = await submit({
      tenantSlug: 'nobody',
      description: 'x',
      demands: [],
      complainant: { name: 'A', phone: '123456' },
    });
    expect(unknownTenant.data.submitComplaint.errors).toEqual([{ code: 'NOT_FOUND', field: 'tenantSlug' }]);
    const empty = await submit({ tenantSlug: 'queries', description: '', demands: [], complainant: { name: '', email: 'nope' } });
    expect(empty.data.submitComplaint.errors).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_INPUT', field: 'description' },
        { code: 'INVALID_INPUT', field: 'complainant.name' },
        { code: 'INVALID_INPUT', field: 'complainant.email' },
      ]),
    );
    const [{ n: after }] = await server.ownerQuery('SELECT count(*)::int AS n FROM complaints');
    expect(after).toBe(before);
  });
});
