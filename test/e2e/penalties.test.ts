import { Client } from 'pg';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { expectPagedAsWhole } from '../support/paging';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The penalty ledger: entries written by the plugins' rules (loss at close, refusal to
 * receive; deadline breaches in deadlines.test.ts), reviewed once by a supervisor, and never
 * lost: the database itself refuses to delete or rewrite them.
 */
let server: TestServer;
let staff: Staff;
let supervisorId: string;
let complaintId: string;

const PENALTY = `id status points amount currency subjectRole trigger rule reason reviewComment reviewedAt reviewedBy { id }
  subject { __typename ... on User { id } ... on Department { id code } } complaint { id }`;
const penalties = (token: string, filter: Record<string, unknown> = {}) =>
  server.request(
    `query ($filter: PenaltyFilter) { penalties(filter: $filter, first: 50) { totalCount edges { node { ${PENALTY} } } } }`,
    { filter },
    { token },
  );
const nodes = (result: any) => result.data.penalties.edges.map((e: any) => e.node);
const review = (token: string, input: Record<string, unknown>) =>
  server.request(
    `mutation ($input: ReviewPenaltyInput!) { reviewPenalty(input: $input) { penalty { ${PENALTY} } errors { code field message } } }`,
    { input },
    { token },
  );

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'ledger'));
  supervisorId = (await server.request(`{ me { user { id } } }`, {}, { token: staff.supervisor })).data.me.user.id;
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "retail" }) { errors { code } } }`,
    {},
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);

  // A price complaint walked to its close with a loss of 2,000 yuan.
  const filed = await fileComplaint(server, staff.agent, {
    channel: 'VISIT',
    description: 'Charged twice at the till',
    demands: ['REFUND'],
    complainant: { name: '王女士', phone: '13800000077' },
  });
  const c = await walkTo(server, staff, filed.id, 'CLOSED', {
    inputs: {
      assessComplaint: { categoryCode: 'price.difference' },
      recordInvestigation: { cause: 'Till error', responsibleUserId: staff.handlerId },
      proposeResolution: { description: 'Apologise and refund' },
      respondToComplainant: { message: 'Refunded' },
      closeComplaint: { summary: 'Till fixed', lossAmount: 2000, lossCurrency: 'CNY' },
    },
  });
  complaintId = c.id;
});

afterAll(async () => {
  await server?.stop();
});

describe('entries the plugin rules create', () => {
  it('charges a loss at close in proportion: the responsible person and the responsible department', async () => {
    const entries = nodes(await penalties(staff.supervisor, { complaintId }));
    expect(
      entries.map((p: any) => [p.trigger, p.subjectRole, p.subject.__typename, p.amount, p.currency, p.status, p.rule]).sort(),
    ).toEqual([
      ['LOSS_AT_CLOSE', 'DEPARTMENT_HEAD', 'Department', 100, 'CNY', 'PENDING', 'retail.penalties'],
      ['LOSS_AT_CLOSE', 'RESPONSIBLE_PERSON', 'User', 200, 'CNY', 'PENDING', 'retail.penalties'],
    ]);
    expect(entries.find((p: any) => p.subjectRole === 'RESPONSIBLE_PERSON').subject.id).toBe(staff.handlerId);
    expect(entries.every((p: any) => p.complaint.id === complaintId)).toBe(true);
  });

  it('charges the employee who refused to receive a complaint', async () => {
    const filed = await fileComplaint(server, staff.agent);
    const bad = await change(server, staff.agent, 'recordRefusalToReceive', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      employeeId: 'nope',
      note: 'x',
    });
    expect(bad.errors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', 'employeeId']]);
    const recorded = await change(server, staff.agent, 'recordRefusalToReceive', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      employeeId: supervisorId,
      note: 'Sent the customer away at the desk',
    });
    expect(recorded.errors).toEqual([]);
    const entries = nodes(await penalties(staff.admin, { complaintId: filed.id }));
    expect(entries).toEqual([
      expect.objectContaining({
        trigger: 'REFUSAL_TO_RECEIVE',
        subjectRole: 'RECEIVING_EMPLOYEE',
        points: 2,
        subject: { __typename: 'User', id: supervisorId },
      }),
    ]);
  });
});

describe('review', () => {
  it('confirms or waives once, with a comment; a waived entry stays visible as waived', async () => {
    const [department, person] = nodes(await penalties(staff.supervisor, { complaintId })).sort((a: any, b: any) =>
      a.subjectRole.localeCompare(b.subjectRole),
    );
    const empty = await review(staff.supervisor, { id: person.id, decision: 'CONFIRM', comment: ' ' });
    expect(empty.data.reviewPenalty.errors.map((e: any) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'comment']]);
    const confirmed = await review(staff.supervisor, { id: person.id, decision: 'CONFIRM', comment: 'The till check was skipped' });
    expect(confirmed.data.reviewPenalty).toMatchObject({
      errors: [],
      penalty: { status: 'CONFIRMED', reviewComment: 'The till check was skipped', reviewedBy: { id: supervisorId } },
    });
    const waived = await review(staff.supervisor, {
      id: department.id,
      decision: 'WAIVE',
      comment: 'The department reported the fault earlier',
    });
    expect(waived.data.reviewPenalty.penalty.status).toBe('WAIVED');
    const twice = await review(staff.admin, { id: department.id, decision: 'CONFIRM', comment: 'On second thought' });
    expect(twice.data.reviewPenalty.errors.map((e: any) => e.code)).toEqual(['ILLEGAL_TRANSITION']);

    const all = nodes(await penalties(staff.supervisor, { complaintId }));
    expect(all.map((p: any) => p.status).sort()).toEqual(['CONFIRMED', 'WAIVED']);
    expect(nodes(await penalties(staff.supervisor, { complaintId, status: ['WAIVED'] })).map((p: any) => p.id)).toEqual([department.id]);
    const events = await server.request(
      `query ($id: ID!) { complaint(id: $id) { events(first: 50) { edges { node { kind changes } } } } }`,
      { id: complaintId },
      { token: staff.supervisor },
    );
    const reviews = events.data.complaint.events.edges.map((e: any) => e.node).filter((e: any) => e.kind === 'PENALTY_REVIEWED');
    expect(reviews.map((e: any) => e.changes.decision).sort()).toEqual(['CONFIRM', 'WAIVE']);
  });

  it('is for supervisors, never on their own penalty', async () => {
    const [own] = nodes(await penalties(staff.admin, { userId: supervisorId }));
    const forbiddenValue = { penalty: null, errors: [{ code: 'FORBIDDEN', field: null, message: expect.any(String) }] };
    const self = await review(staff.supervisor, { id: own.id, decision: 'WAIVE', comment: 'Mine' });
    expect(self.errors).toBeUndefined();
    expect(self.data.reviewPenalty).toEqual(forbiddenValue);
    const handler = await review(staff.handler, { id: own.id, decision: 'WAIVE', comment: 'x' });
    expect(handler.errors).toBeUndefined();
    expect(handler.data.reviewPenalty).toEqual(forbiddenValue);
    const unknown = await review(staff.admin, {
      id: 'UGVuYWx0eTowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA',
      decision: 'WAIVE',
      comment: 'x',
    });
    expect(unknown.data.reviewPenalty.errors.map((e: any) => e.code)).toEqual(['NOT_FOUND']);
    const [after] = nodes(await penalties(staff.admin, { userId: supervisorId }));
    expect(after.status).toBe('PENDING');
  });

  it('shows people their own entries only; supervisors the whole ledger', async () => {
    const mine = nodes(await penalties(staff.handler));
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((p: any) => p.subject.id === staff.handlerId)).toBe(true);
    expect((await penalties(staff.supervisor)).data.penalties.totalCount).toBe(3);
    const badFilter = await penalties(staff.supervisor, { userId: 'not-an-id' });
    expect(badFilter.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('the ledger', () => {
  it('pages newest first, each entry once', async () => {
    const all = nodes(await penalties(staff.supervisor)).map((p: any) => p.id);
    expect(all.length).toBeGreaterThan(2);
    await expectPagedAsWhole(server, staff.supervisor, 'penalties', all, 1);
  });
});

describe('never lost', () => {
  it('the application role cannot delete an entry, rewrite it, or review it twice', async () => {
    const db = new Client({ connectionString: server.runtimeUrl });
    await db.connect();
    try {
      const [{ tenant_id }] = await server.ownerQuery('SELECT tenant_id FROM penalties LIMIT 1');
      const inTenant = async (sql: string) => {
        await db.query('BEGIN');
        await db.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenant_id]);
        try {
          return await db.query(sql);
        } finally {
          await db.query('ROLLBACK');
        }
      };
      await expect(inTenant('DELETE FROM penalties')).rejects.toThrow(/permission denied/);
      await expect(inTenant('UPDATE penalties SET points = 0')).rejects.toThrow(/permission denied/);
      await expect(inTenant(`UPDATE penalties SET status = 'PENDING', reviewed_at = NULL WHERE status <> 'PENDING'`)).rejects.toThrow(
        /already reviewed/,
      );
      const [{ n }] = await server.ownerQuery('SELECT count(*)::int AS n FROM penalties');
      expect(n).toBe(3);
    } finally {
      await db.end();
    }
  });
});
