import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * complaintStatistics against numbers the test computes itself from the complaints it made:
 * their channel, category, month and the times it set on them. Another tenant's complaints
 * of the same period are never counted.
 */
let server: TestServer;
let staff: Staff;
let other: Staff;

interface Spec {
  channel: 'PHONE' | 'VISIT' | 'LETTER';
  category: string | null;
  /** Hours after 2026-03-02 00:00 UTC the complaint was received. */
  receivedAt: number;
  ack?: number;
  resolve?: number;
  close?: number;
  scores?: Record<string, number>;
  reopen?: boolean;
  phone?: string;
  asset?: { serialNumber: string; model: string };
}

const BASE = Date.parse('2026-03-02T00:00:00Z');
const SPECS: Spec[] = [
  {
    channel: 'PHONE',
    category: 'product.quality',
    receivedAt: 0,
    ack: 2,
    resolve: 30,
    close: 50,
    scores: { ATTITUDE: 4, PRICE: 2 },
    phone: '13600000001',
    asset: { serialNumber: 'KT-1', model: 'K-100' },
  },
  {
    channel: 'PHONE',
    category: 'product.quality',
    receivedAt: 24,
    ack: 4,
    resolve: 60,
    close: 100,
    scores: { ATTITUDE: 2 },
    phone: '13600000001',
    asset: { serialNumber: 'KT-1', model: 'K-100' },
  },
  {
    channel: 'VISIT',
    category: 'service.attitude',
    receivedAt: 48,
    ack: 1,
    resolve: 20,
    close: 40,
    scores: { ATTITUDE: 5 },
    reopen: true,
    asset: { serialNumber: 'KT-2', model: 'K-100' },
  },
  { channel: 'VISIT', category: 'price', receivedAt: 72, ack: 10 },
  { channel: 'LETTER', category: null, receivedAt: 24 * 35 }, // April (tenant time, Asia/Shanghai)
  { channel: 'PHONE', category: null, receivedAt: -24 * 10 }, // February: outside the period
];
const PERIOD = { from: '2026-03-01T00:00:00+08:00', to: '2026-05-01T00:00:00+08:00' };
const inPeriod = SPECS.filter((s) => s.receivedAt >= 0);

/** Linear-interpolated percentile, as SQL's percentile_cont. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = p * (sorted.length - 1);
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.min(low + 1, sorted.length - 1)] - sorted[low]) * (at - low);
}

async function make(token: Staff, spec: Spec): Promise<string> {
  let c = await fileComplaint(server, token.agent, {
    channel: spec.channel,
    description: 'Statistics sample',
    demands: ['REPAIR'],
    complainant: { name: '钱七', phone: spec.phone ?? `1350000${String(Math.abs(spec.receivedAt)).padStart(4, '0')}` },
    ...(spec.asset ? { asset: { name: 'Kettle', ...spec.asset } } : {}),
  });
  const step = async (who: string, mutation: string, input: Record<string, unknown> = {}) => {
    const result = await change(server, who, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
    expect({ mutation, errors: result.errors }).toEqual({ mutation, errors: [] });
    c = result.complaint;
  };
  if (spec.ack !== undefined) await step(token.agent, 'acknowledgeComplaint');
  if (spec.category) await step(token.supervisor, 'assessComplaint', { decision: 'ACCEPT', categoryCode: spec.category });
  if (spec.resolve !== undefined) c = await walkTo(server, token, c.id, 'RESPONDED');
  if (spec.scores) {
    const scores = Object.entries(spec.scores).map(([dimension, score]) => ({ dimension, score }));
    await step(token.agent, 'recordFollowUp', { scores });
  }
  if (spec.close !== undefined) await step(token.supervisor, 'closeComplaint', { summary: 'Closed' });
  if (spec.reopen) await step(token.agent, 'reopenComplaint', { reason: 'Not fixed after all' });
  // The times the test states, set on the rows it made.
  const id = fromGlobalId(c.id, 'Complaint')!.id;
  const at = (hours: number | undefined) => (hours === undefined ? null : new Date(BASE + (spec.receivedAt + hours) * 3_600_000));
  await server.ownerQuery(
    `UPDATE complaints SET received_at = $2, acknowledged_at = $3, closed_at = CASE WHEN closed_at IS NULL THEN NULL ELSE $4::timestamptz END
      WHERE id = $1`,
    [id, at(0), at(spec.ack), at(spec.close)],
  );
  await server.ownerQuery('UPDATE complaint_resolutions SET executed_at = $2 WHERE complaint_id = $1 AND executed_at IS NOT NULL', [
    id,
    at(spec.resolve),
  ]);
  return id;
}

const STATS = `query ($filter: StatisticsFilter!, $groupBy: [StatisticsDimension!]) {
  complaintStatistics(filter: $filter, groupBy: $groupBy) {
    key count deadlinesMet deadlinesMissed deadlinesByStage { stage met missed }
    timeToAcknowledge { median p90 } timeToResolve { median p90 } timeToClose { median p90 }
    satisfaction { dimension average responses } reopenRate } }`;
const stats = async (groupBy: string[], token = staff.supervisor, filter = PERIOD) => {
  const result = await server.request(STATS, { filter, groupBy }, { token });
  expect(result.errors).toBeUndefined();
  return result.data.complaintStatistics;
};

let ids: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'stats'));
  ({ staff: other } = await createStaffedTenant(server, 'stats-other'));
  for (const spec of SPECS) ids.push(await make(staff, spec));
  // The other tenant: complaints in the same period, with their own scores.
  for (const spec of SPECS.slice(0, 3)) await make(other, { ...spec, scores: { ATTITUDE: 1 } });
  // One clock of the first complaint ran out.
  await server.ownerQuery(
    `UPDATE complaint_deadlines SET breached_at = due_at, met_at = NULL
      WHERE id = (SELECT id FROM complaint_deadlines WHERE complaint_id = $1 ORDER BY stage LIMIT 1)`,
    [ids[0]],
  );
  ids = ids.slice(0, inPeriod.length);
}, 120_000);

afterAll(async () => {
  await server?.stop();
});

const round = (n: number | null) => (n === null ? null : Math.round(n * 1000) / 1000);
const durations = (specs: Spec[], pick: (s: Spec) => number | undefined) => {
  const values = specs.map(pick).filter((v): v is number => v !== undefined);
  return { median: round(percentile(values, 0.5)), p90: round(percentile(values, 0.9)) };
};

describe('complaintStatistics', () => {
  it('totals the period: counts, durations, satisfaction and reopen rate computed from the complaints made', async () => {
    const [total] = await stats([]);
    expect(total.key).toEqual([]);
    expect(total.count).toBe(inPeriod.length);
    expect(total.timeToAcknowledge).toEqual(durations(inPeriod, (s) => s.ack));
    expect(total.timeToResolve).toEqual(durations(inPeriod, (s) => s.resolve));
    // A reopened complaint is not closed any more.
    expect(total.timeToClose).toEqual(durations(inPeriod, (s) => (s.reopen ? undefined : s.close)));
    const attitude = inPeriod.flatMap((s) => (s.scores?.ATTITUDE ? [s.scores.ATTITUDE] : []));
    expect(total.satisfaction).toEqual([
      { dimension: 'ATTITUDE', average: round(attitude.reduce((a, b) => a + b, 0) / attitude.length), responses: attitude.length },
      { dimension: 'PRICE', average: 2, responses: 1 },
    ]);
    expect(total.reopenRate).toBe(round(inPeriod.filter((s) => s.reopen).length / inPeriod.length));
  });

  it('counts clocks met and missed as the clock rows of the period say', async () => {
    const [counts] = await server.ownerQuery(
      `SELECT count(*) FILTER (WHERE met_at IS NOT NULL AND breached_at IS NULL)::int AS met,
              count(*) FILTER (WHERE breached_at IS NOT NULL)::int AS missed
         FROM complaint_deadlines WHERE complaint_id = ANY($1::uuid[])`,
      [ids],
    );
    const [total] = await stats([]);
    expect(counts.missed).toBe(1);
    expect([total.deadlinesMet, total.deadlinesMissed]).toEqual([counts.met, counts.missed]);
    expect(total.deadlinesByStage.reduce((n: number, s: any) => n + s.missed, 0)).toBe(1);
  });

  it('groups by channel, category, month and by two dimensions at once', async () => {
    const tally = (keyOf: (s: Spec) => (string | null)[]) => {
      const counts = new Map<string, number>();
      for (const s of inPeriod) counts.set(JSON.stringify(keyOf(s)), (counts.get(JSON.stringify(keyOf(s))) ?? 0) + 1);
      return Object.fromEntries(counts);
    };
    const got = async (groupBy: string[]) => Object.fromEntries((await stats(groupBy)).map((r: any) => [JSON.stringify(r.key), r.count]));
    expect(await got(['CHANNEL'])).toEqual(tally((s) => [s.channel]));
    expect(await got(['CATEGORY'])).toEqual(tally((s) => [s.category]));
    expect(await got(['MONTH'])).toEqual(tally((s) => [s.receivedAt < 24 * 30 ? '2026-03' : '2026-04']));
    expect(await got(['CHANNEL', 'CATEGORY'])).toEqual(tally((s) => [s.channel, s.category]));
    const byPriority = await stats(['PRIORITY']);
    expect(byPriority.reduce((n: number, r: any) => n + r.count, 0)).toBe(inPeriod.length);
    const phone = (await stats(['CHANNEL'])).find((r: any) => r.key[0] === 'PHONE');
    expect(phone.timeToResolve).toEqual(
      durations(
        inPeriod.filter((s) => s.channel === 'PHONE'),
        (s) => s.resolve,
      ),
    );
  });

  it('limits a handler to the complaints they may see', async () => {
    const rows = await stats([], staff.otherHandler);
    expect(rows).toEqual([]);
    const own = await stats([], staff.handler);
    expect(own[0].count).toBe(inPeriod.filter((s) => s.resolve !== undefined).length);
  });

  it('refuses a period that ends before it starts and a dimension given twice', async () => {
    for (const [filter, groupBy] of [
      [{ from: PERIOD.to, to: PERIOD.from }, []],
      [PERIOD, ['CHANNEL', 'CHANNEL']],
      [{ from: '2000-01-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, []],
    ] as const) {
      const result = await server.request(STATS, { filter, groupBy }, { token: staff.supervisor });
      expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('is served by the received-time index of the tenant', async () => {
    const [{ id: tenantId }] = await server.ownerQuery(`SELECT tenant_id AS id FROM complaints WHERE id = $1`, [ids[0]]);
    // On a table this small any index that leads with tenant_id costs the same for a period
    // holding most rows (the primary key does too): a period of one day, after ANALYZE, is
    // one the received-time index answers best.
    await server.ownerQuery('ANALYZE complaints');
    await server.ownerQuery('SET enable_seqscan = off');
    const plan = await server.ownerQuery(
      `EXPLAIN SELECT id FROM complaints c WHERE c.tenant_id = $1 AND c.received_at >= $2 AND c.received_at < $3`,
      [tenantId, '2026-03-02T00:00:00Z', '2026-03-03T00:00:00Z'],
    );
    await server.ownerQuery('RESET enable_seqscan');
    expect(plan.map((row: any) => row['QUERY PLAN']).join('\n')).toMatch(/complaints_received_idx|complaints_customer_idx/);
  });

  it('names the assets, products and customers with the most complaints, as counted from the complaints made', async () => {
    const result = await server.request(
      `query ($filter: StatisticsFilter!) { complaintHotspots(filter: $filter, limit: 2) {
         assets { serialNumber model count } products { model count } customers { phone count } } }`,
      { filter: PERIOD },
      { token: staff.supervisor },
    );
    const tally = (keyOf: (s: Spec) => string | undefined) => {
      const counts = new Map<string, number>();
      for (const s of inPeriod) {
        const key = keyOf(s);
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 2);
    };
    const hotspots = result.data.complaintHotspots;
    expect(hotspots.assets.map((a: any) => [a.serialNumber, a.count])).toEqual(tally((s) => s.asset?.serialNumber));
    expect(hotspots.products.map((p: any) => [p.model, p.count])).toEqual(tally((s) => s.asset?.model));
    expect(hotspots.customers[0]).toEqual({ phone: '13600000001', count: inPeriod.filter((s) => s.phone === '13600000001').length });
    const bad = await server.request(
      `query ($filter: StatisticsFilter!) { complaintHotspots(filter: $filter, limit: 0) { products { model } } }`,
      { filter: PERIOD },
      { token: staff.supervisor },
    );
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('totals penalties by person and department, without the waived ones', async () => {
    const inserted = [
      { user: true, points: 2, amount: null, status: 'PENDING' },
      { user: true, points: 3, amount: 100, status: 'CONFIRMED' },
      { user: true, points: 7, amount: 500, status: 'WAIVED' },
    ];
    for (const p of inserted) {
      await server.ownerQuery(
        `INSERT INTO penalties (tenant_id, complaint_id, trigger, subject_role, subject_user_id, rule, reason, points, amount, currency,
           status, review_comment, reviewed_at, decided_by)
         SELECT tenant_id, id, 'DEADLINE_BREACH', 'HANDLER', $2, 'default.penalties', '{"en":"x","zh-CN":"x"}', $3, $4::numeric,
           CASE WHEN $4::numeric IS NULL THEN NULL ELSE 'CNY' END, $5::text,
           CASE WHEN $5::text = 'PENDING' THEN NULL ELSE 'r' END, CASE WHEN $5::text = 'PENDING' THEN NULL ELSE app_now() END, 'default@1.0.0'
           FROM complaints WHERE id = $1`,
        [ids[0], fromGlobalId(staff.handlerId, 'User')!.id, p.points, p.amount, p.status],
      );
    }
    const filter = {
      from: new Date(server.clock.now().getTime() - 3_600_000).toISOString(),
      to: new Date(server.clock.now().getTime() + 3_600_000).toISOString(),
    };
    const query = `query ($filter: StatisticsFilter!) { penaltyTotals(filter: $filter) {
      subject { __typename ... on User { id } } count points amounts { currency amount } } }`;
    const kept = inserted.filter((p) => p.status !== 'WAIVED');
    const expected = [
      {
        subject: { __typename: 'User', id: staff.handlerId },
        count: kept.length,
        points: kept.reduce((n, p) => n + p.points, 0),
        amounts: [{ currency: 'CNY', amount: kept.reduce((n, p) => n + (p.amount ?? 0), 0) }],
      },
    ];
    expect((await server.request(query, { filter }, { token: staff.supervisor })).data.penaltyTotals).toEqual(expected);
    expect((await server.request(query, { filter }, { token: staff.handler })).data.penaltyTotals).toEqual(expected);
    expect((await server.request(query, { filter }, { token: staff.otherHandler })).data.penaltyTotals).toEqual([]);
    expect((await server.request(query, { filter }, { token: other.supervisor })).data.penaltyTotals).toEqual([]);
  });
});
