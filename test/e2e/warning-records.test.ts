import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { expectPagedAsWhole } from '../support/paging';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * Warning records (警示): every closed complaint adds to the record of the departments and
 * people involved, listed by period, department and person.
 */
let server: TestServer;
let staff: Staff;
let otherHandlerId: string;
const dept: Record<string, string> = {};

const RECORD = `id subjectRole categoryCode major cause deadlinesMissed penaltyPoints closedAt
  subject { __typename ... on User { id } ... on Department { id code } } complaint { id }`;
const records = (token: string, filter: Record<string, unknown> = {}) =>
  server.request(
    `query ($filter: WarningRecordFilter) { warningRecords(filter: $filter) { totalCount edges { node { ${RECORD} } } } }`,
    { filter },
    { token },
  );
const nodes = (result: any) => result.data.warningRecords.edges.map((e: any) => e.node);
const rowId = (id: string, type: string) => fromGlobalId(id, type)!.id;

/** A product-quality complaint routed to quality, handed via `viaDepartment`, investigated and closed. */
async function closedComplaint(options: {
  viaDepartment?: string;
  responsibleUserId: string;
  beforeClose?: (id: string) => Promise<void>;
}) {
  let c = await fileComplaint(server, staff.agent, {
    channel: 'VISIT',
    description: 'The blender jar cracked',
    demands: ['REPAIR'],
    complainant: { name: '赵六', phone: '13700000001' },
  });
  const step = async (token: string, mutation: string, input: Record<string, unknown> = {}) => {
    const result = await change(server, token, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
    expect({ mutation, errors: result.errors }).toEqual({ mutation, errors: [] });
    c = result.complaint;
  };
  c = await walkTo(server, staff, c.id, 'ACCEPTED');
  if (options.viaDepartment) {
    await step(staff.supervisor, 'assignComplaint', { departmentId: options.viaDepartment, ownerId: staff.handlerId });
    await step(staff.supervisor, 'assignComplaint', { departmentId: dept.quality });
  } else {
    await step(staff.supervisor, 'assignComplaint', { departmentId: dept.quality, ownerId: staff.handlerId });
  }
  c = await walkTo(server, staff, c.id, 'RESPONDED', {
    inputs: {
      recordInvestigation: { cause: 'Jar made of a brittle batch', responsibleUserId: options.responsibleUserId },
      proposeResolution: { description: 'New jar' },
      respondToComplainant: { message: 'Replaced' },
    },
  });
  await options.beforeClose?.(rowId(c.id, 'Complaint'));
  return walkTo(server, staff, c.id, 'CLOSED', { inputs: { closeComplaint: { summary: 'Batch withdrawn' } } });
}

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'warnings'));
  otherHandlerId = (await server.request(`{ me { user { id } } }`, {}, { token: staff.otherHandler })).data.me.user.id;
  for (const code of ['quality', 'sales']) {
    const created = await server.request(
      `mutation ($input: CreateDepartmentInput!) { createDepartment(input: $input) { department { id } errors { code } } }`,
      { input: { code, name: code } },
      { token: staff.admin },
    );
    dept[code] = created.data.createDepartment.department.id;
  }
});

afterAll(async () => {
  await server?.stop();
});

describe('warning records written at the close', () => {
  let complaint: any;
  let closedAt: string;

  beforeAll(async () => {
    complaint = await closedComplaint({
      viaDepartment: dept.sales,
      responsibleUserId: otherHandlerId,
      beforeClose: async (id) => {
        // One clock ran out; the responsible person bears 3 points, and 5 more that were waived.
        await server.ownerQuery(
          `UPDATE complaint_deadlines SET breached_at = app_now() WHERE id = (SELECT id FROM complaint_deadlines WHERE complaint_id = $1 LIMIT 1)`,
          [id],
        );
        for (const [points, status] of [
          [3, 'PENDING'],
          [5, 'WAIVED'],
        ] as const) {
          await server.ownerQuery(
            `INSERT INTO penalties (tenant_id, complaint_id, trigger, subject_role, subject_user_id, rule, reason, points, status,
               review_comment, reviewed_at, decided_by)
             SELECT tenant_id, id, 'DEADLINE_BREACH', 'HANDLER', $2, 'default.penalties', '{"en":"x","zh-CN":"x"}', $3, $4::text,
               CASE WHEN $4::text = 'PENDING' THEN NULL ELSE 'no' END, CASE WHEN $4::text = 'PENDING' THEN NULL ELSE app_now() END, 'default@1.0.0'
               FROM complaints WHERE id = $1`,
            [id, rowId(otherHandlerId, 'User'), points, status],
          );
        }
      },
    });
    [{ closed_at: closedAt }] = await server.ownerQuery('SELECT closed_at FROM complaints WHERE id = $1', [
      rowId(complaint.id, 'Complaint'),
    ]);
  });

  it('records the responsible and involved departments, the responsible person and the handler, with the cause', async () => {
    const mine = nodes(await records(staff.supervisor)).filter((r: any) => r.complaint.id === complaint.id);
    const [missed] = await server.ownerQuery(
      'SELECT count(*)::int AS n FROM complaint_deadlines WHERE complaint_id = $1 AND breached_at IS NOT NULL',
      [rowId(complaint.id, 'Complaint')],
    );
    expect(missed.n).toBe(1);
    const shape = mine
      .map((r: any) => [r.subjectRole, r.subject.id, r.penaltyPoints, r.deadlinesMissed, r.cause, r.categoryCode, r.major, r.closedAt])
      .sort((x: any, y: any) => x[0].localeCompare(y[0]));
    const closed = new Date(closedAt).toISOString();
    const common = [missed.n, 'Jar made of a brittle batch', 'product.quality', false, closed];
    expect(shape).toEqual([
      ['HANDLER', staff.handlerId, 0, ...common],
      ['INVOLVED_DEPARTMENT', dept.sales, 0, ...common],
      ['RESPONSIBLE_DEPARTMENT', dept.quality, 0, ...common],
      ['RESPONSIBLE_PERSON', otherHandlerId, 3, ...common],
    ]);
  });

  it('writes one record for an owner who is also the responsible person', async () => {
    const second = await closedComplaint({ responsibleUserId: staff.handlerId });
    const mine = nodes(await records(staff.supervisor)).filter((r: any) => r.complaint.id === second.id);
    expect(mine.map((r: any) => [r.subjectRole, r.subject.id]).sort()).toEqual([
      ['RESPONSIBLE_DEPARTMENT', dept.quality],
      ['RESPONSIBLE_PERSON', staff.handlerId],
    ]);
  });

  it('lists by department, person and period of the closing', async () => {
    const bySales = nodes(await records(staff.supervisor, { departmentId: dept.sales }));
    expect(bySales.map((r: any) => [r.subjectRole, r.complaint.id])).toEqual([['INVOLVED_DEPARTMENT', complaint.id]]);
    const byOther = nodes(await records(staff.supervisor, { userId: otherHandlerId }));
    expect(byOther.map((r: any) => r.subjectRole)).toEqual(['RESPONSIBLE_PERSON']);
    const at = new Date(closedAt).getTime();
    const inPeriod = await records(staff.supervisor, { from: new Date(at).toISOString(), to: new Date(at + 1).toISOString() });
    expect(nodes(inPeriod).every((r: any) => r.complaint.id === complaint.id)).toBe(true);
    expect(inPeriod.data.warningRecords.totalCount).toBe(4);
    const before = await records(staff.supervisor, { to: new Date(at).toISOString() });
    expect(before.data.warningRecords.totalCount).toBe(0);
  });

  it('shows a person without a supervising role only their own record', async () => {
    const own = nodes(await records(staff.otherHandler));
    expect(own.map((r: any) => r.subject.id)).toEqual([otherHandlerId]);
    expect((await records(staff.otherHandler, { departmentId: dept.quality })).data.warningRecords.totalCount).toBe(0);
  });

  it('pages newest closing first, each record once', async () => {
    const all = nodes(await records(staff.supervisor)).map((r: any) => r.id);
    expect(all.length).toBeGreaterThan(2);
    await expectPagedAsWhole(server, staff.supervisor, 'warningRecords', all, 2);
  });

  it('refuses a period that ends before it starts and ids of the wrong kind', async () => {
    const now = server.clock.now().toISOString();
    for (const filter of [{ from: now, to: now }, { departmentId: staff.handlerId }, { userId: 'nope' }]) {
      const result = await records(staff.supervisor, filter);
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });
});
