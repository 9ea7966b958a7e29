import { startTestServer, type TestServer } from '../support/test-server';
import { createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * Repeat complaints under the retail plugin: three or more of the same category from the
 * same customer, or about the same item or product, within 24 hours are linked and go one
 * step higher; the window's edges decide.
 */
let server: TestServer;
let staff: Staff;
const T = Date.parse('2026-11-20T10:00:00+08:00');
const MINUTE = 60_000;

async function accepted(opts: { phone: string; at: number; category: string; serial?: string; model?: string }) {
  const c = await fileComplaint(server, staff.agent, {
    channel: 'VISIT',
    description: 'Charged the wrong price',
    demands: ['REFUND'],
    complainant: { name: '吴十', phone: opts.phone },
    ...(opts.serial ? { asset: { name: 'Rice cooker', serialNumber: opts.serial, model: opts.model } } : {}),
  });
  await server.ownerQuery('UPDATE complaints SET received_at = $2 WHERE id = $1', [fromGlobalId(c.id, 'Complaint')!.id, new Date(opts.at)]);
  return walkTo(server, staff, c.id, 'ACCEPTED', { inputs: { assessComplaint: { categoryCode: opts.category } } });
}

const related = async (id: string) =>
  (
    await server.request(
      `query ($id: ID!) { complaint(id: $id) { priority relatedComplaints { direction match complaint { id } } } }`,
      { id },
      { token: staff.supervisor },
    )
  ).data.complaint;

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'repeats'));
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "retail" }) { errors { code } } }`,
    {},
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
});

describe('repeat detection at the edges of its window', () => {
  const phone = '13100000001';
  const c: Record<string, any> = {};

  beforeAll(async () => {
    c.a = await accepted({ phone, at: T - 24 * 60 * MINUTE - MINUTE, category: 'price.difference' }); // 24 h 1 min before C
    c.b = await accepted({ phone, at: T - 24 * 60 * MINUTE + MINUTE, category: 'price.difference' }); // 23 h 59 min before C
    c.c = await accepted({ phone, at: T, category: 'price.difference' });
    c.d = await accepted({ phone, at: T + MINUTE, category: 'price.difference' }); // exactly 24 h after B
    c.e = await accepted({ phone, at: T + 2 * MINUTE, category: 'logistics' }); // another category
  });

  it('links a complaint inside the window and not one a minute outside it; two are not yet three', async () => {
    const third = await related(c.c.id);
    expect(third.relatedComplaints).toEqual(
      expect.arrayContaining([{ direction: 'REPEATS', match: 'COMPLAINANT', complaint: { id: c.b.id } }]),
    );
    expect(third.relatedComplaints.map((r: any) => r.complaint.id)).not.toContain(c.a.id);
    expect(third.priority).toBe('NORMAL');
  });

  it('counts a complaint exactly 24 hours earlier as inside, and the third one goes one step higher', async () => {
    const fourth = await related(c.d.id);
    expect(fourth.relatedComplaints.filter((r: any) => r.direction === 'REPEATS').map((r: any) => r.complaint.id)).toEqual([
      c.b.id,
      c.c.id,
    ]);
    expect(fourth.priority).toBe('HIGH');
  });

  it('does not link a complaint of another category', async () => {
    expect((await related(c.e.id)).relatedComplaints).toEqual([]);
  });

  it('reads the related complaints of every complaint asked about in one batch', async () => {
    const statements = async (ids: string[]) => {
      const fields = ids.map((id, i) => `c${i}: complaint(id: "${id}") { relatedComplaints { direction complaint { id } } }`).join(' ');
      const result = await server.request(`{ ${fields} }`, {}, { token: staff.supervisor });
      expect(result.errors).toBeUndefined();
      const counts = ids.map((_, i) => result.data[`c${i}`].relatedComplaints.length);
      return { counts, sql: result.extensions!.sqlStatements! };
    };
    const none = await statements([c.e.id]);
    const one = await statements([c.c.id]);
    const three = await statements([c.c.id, c.d.id, c.e.id]);
    expect(none.counts).toEqual([0]);
    expect(one.counts).toEqual([2]);
    expect(three.counts).toEqual([2, 2, 0]);
    // The complaints asked about are one statement and the links of all of them another; the
    // linked complaints not read yet (B, D for C; B for the three) take one more.
    expect(one.sql).toBe(none.sql + 1);
    expect(three.sql).toBe(none.sql + 1);
  });

  it('shows the link from both sides', async () => {
    const second = await related(c.b.id);
    expect(second.relatedComplaints.filter((r: any) => r.direction === 'REPEATED_BY').map((r: any) => r.complaint.id)).toEqual([
      c.c.id,
      c.d.id,
    ]);
  });
});

describe('repeats about the same item or product', () => {
  it('links complaints of different customers about one item, and about one model', async () => {
    const first = await accepted({ phone: '13100000011', at: T, category: 'product-quality', serial: 'RC-1', model: 'RC-9' });
    const same = await accepted({ phone: '13100000012', at: T + MINUTE, category: 'product-quality', serial: 'RC-1', model: 'RC-9' });
    const model = await accepted({ phone: '13100000013', at: T + 2 * MINUTE, category: 'product-quality', serial: 'RC-2', model: 'RC-9' });
    expect((await related(same.id)).relatedComplaints).toEqual([
      { direction: 'REPEATS', match: 'ASSET', complaint: { id: first.id } },
      { direction: 'REPEATED_BY', match: 'PRODUCT', complaint: { id: model.id } },
    ]);
    const third = await related(model.id);
    expect(third.relatedComplaints.map((r: any) => [r.match, r.complaint.id])).toEqual([
      ['PRODUCT', first.id],
      ['PRODUCT', same.id],
    ]);
    // product-quality starts HIGH in retail; the third complaint about the model goes one step higher.
    expect(third.priority).toBe('URGENT');
  });
});
