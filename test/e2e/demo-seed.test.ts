import { DEMO_TENANTS, seedDemoOnFirstStart, type DemoCredentials } from '../../server/src/seed/demo-seed';
import { fromGlobalId } from '../../server/src/graphql/relay';
import { declaredScenarios, demoSeedTarget, demoTokens, readSpread } from '../support/demo-spread';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The demo data a newcomer opens: three tenants, each on its industry's plugin, whose
 * complaints of the past weeks were handled through the platform's own services on its
 * business clock. Seeded at a fixed instant (Wednesday 25 November 2026, 10:00 in Shanghai)
 * and read back through the API as each demo account.
 */
const AT = new Date('2026-11-25T02:00:00Z');
const WORK = new Set([
  'ACKNOWLEDGE',
  'ACCEPT',
  'RECORD_INVESTIGATION',
  'PROPOSE_RESOLUTION',
  'DECIDE_APPROVAL',
  'MARK_EXECUTED',
  'RESPOND',
  'RECORD_FOLLOW_UP',
  'CLOSE',
  'RESUME_CLOCK',
]);
const OPEN = (status: string) => !['CLOSED', 'WITHDRAWN', 'REJECTED'].includes(status);

let server: TestServer;
let credentials: DemoCredentials;
let tokens: Map<string, { token: string; slug: string }>;

/** What the two seeds started together below returned. */
let seeded: Array<DemoCredentials | null>;

beforeAll(async () => {
  server = await startTestServer({}, { clock: AT });
  // Two processes starting together on the empty database: one seeds the demo, the other finds it.
  seeded = await Promise.all([1, 2].map(() => seedDemoOnFirstStart(demoSeedTarget(server))));
  credentials = seeded.find((found) => found !== null)!;
  tokens = await demoTokens(server, credentials);
});

test('servers starting together on an empty database seed the demo once', async () => {
  expect(seeded.filter((found) => found === null)).toHaveLength(1);
  const platform = await server.ownerQuery<{ tenants: number; admins: number }>(
    `SELECT (SELECT count(*)::int FROM tenants) AS tenants, (SELECT count(*)::int FROM users WHERE is_platform_admin) AS admins`,
  );
  expect(platform).toEqual([{ tenants: DEMO_TENANTS.length, admins: 1 }]);
});

afterAll(async () => {
  await server?.stop();
});

const tokenOf = (slug: string, local: string) => tokens.get(`${local}@${slug}.example`)!.token;

test('each demo tenant runs its industry plugin', async () => {
  const expected: Record<string, string> = { 'demo-retail': 'retail', 'demo-hospital': 'hospital', 'demo-auto': 'automotive-dealer' };
  for (const [slug, pluginId] of Object.entries(expected)) {
    const result = await server.request(`{ tenant { plugins { pluginId } } }`, {}, { token: tokenOf(slug, 'admin') });
    expect(result.errors).toBeUndefined();
    expect(result.data.tenant.plugins.map((p: any) => p.pluginId)).toEqual([pluginId]);
  }
});

test('each demo tenant shows its name and an SVG logo on its public pages, and its plugin’s form', async () => {
  for (const [slug, name] of [
    ['demo-retail', '华联超市（演示）'],
    ['demo-hospital', '仁和医院（演示）'],
    ['demo-auto', '瑞达汽车销售服务（演示）'],
  ]) {
    const result = await server.request(`query ($slug: String!) { publicTenant(slug: $slug) { name logoUrl intakeFields { key } } }`, {
      slug,
    });
    expect(result.data.publicTenant).toMatchObject({ name, logoUrl: expect.stringMatching(/^data:image\/svg\+xml,%3Csvg/) });
    expect(result.data.publicTenant.intakeFields.length).toBeGreaterThan(0);
  }
});

describe.each(DEMO_TENANTS.map((t) => t.slug))('%s', (slug) => {
  test('holds the declared spread of complaints in every stage', async () => {
    const spread = await readSpread(server, tokenOf(slug, 'supervisor'));
    const scenarios = declaredScenarios(slug);
    expect(spread.total).toBe([...scenarios.values()].reduce((a, b) => a + b, 0));
    for (const status of ['RECEIVED', 'ACKNOWLEDGED', 'ASSIGNED', 'RESPONDED', 'CLOSED']) expect(spread.statuses).toContain(status);
    // In approval: proposed and waiting on its first step, or further along the chain.
    const inApproval = spread.complaints.filter((c) => ['RESOLUTION_PROPOSED', 'IN_APPROVAL'].includes(c.status));
    expect(inApproval.length).toBe([...scenarios.keys()].filter((s) => s.startsWith('in approval')).length);
    expect(spread.breached).toBeGreaterThanOrEqual(scenarios.get('overdue')!);
    expect(spread.paused).toBe(scenarios.get('paused'));
    expect(spread.closedWithSurvey).toBe(scenarios.get('closed with a survey'));
    // Received over the past weeks, none after the seeding instant.
    const received = spread.complaints.map((c) => new Date(c.receivedAt).getTime());
    expect(Math.max(...received)).toBeLessThanOrEqual(AT.getTime() + 60_000);
    expect(Math.min(...received)).toBeLessThan(AT.getTime() - 30 * 86_400_000);
  });

  test('an overdue complaint carries its breach and a penalty waiting for review', async () => {
    const admin = tokenOf(slug, 'admin');
    const result = await server.request(
      `{ penalties(first: 50, filter: { status: [PENDING] }) { edges { node { status trigger complaint { id deadlines { breached } } } } } }`,
      {},
      { token: admin },
    );
    expect(result.errors).toBeUndefined();
    const pending = result.data.penalties.edges.map((e: any) => e.node);
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.some((p: any) => p.trigger === 'DEADLINE_BREACH' && p.complaint.deadlines.some((d: any) => d.breached))).toBe(true);
  });

  test('a follow-up is due and the previous month’s report is there', async () => {
    const admin = tokenOf(slug, 'admin');
    const followUps = await server.request(
      `{ followUps(first: 50) { edges { node { doneAt cancelledAt dueAt assignee { id } } } } }`,
      {},
      {
        token: admin,
      },
    );
    expect(followUps.errors).toBeUndefined();
    const open = followUps.data.followUps.edges.map((e: any) => e.node).filter((t: any) => !t.doneAt && !t.cancelledAt);
    expect(open.length).toBeGreaterThan(0);
    const reports = await server.request(`{ monthlyReports { month } }`, {}, { token: admin });
    expect(reports.errors).toBeUndefined();
    // 25 November 2026 in Shanghai: the month before is October.
    expect(reports.data.monthlyReports.map((r: any) => r.month)).toContain('2026-10');
  });

  test('every demo account finds something to do when it signs in', async () => {
    const tenant = credentials.tenants.find((t) => t.slug === slug)!;
    for (const user of tenant.users) {
      const token = tokens.get(user.email)!.token;
      const me = await server.request(`{ me { user { id } roles } }`, {}, { token });
      const myId = me.data.me.user.id;
      const myRoles: string[] = me.data.me.roles;
      const { complaints } = await readSpread(server, token);
      const approvals = complaints.filter((c) => {
        const pending = c.approvals.find((step: any) => step.decision === null);
        return OPEN(c.status) && pending && myRoles.includes(pending.role);
      });
      const owned = complaints.filter((c) => OPEN(c.status) && c.owner?.id === myId);
      const work = complaints.filter((c) => c.availableActions.some((a: any) => WORK.has(a.action)));
      const tasks = await server.request(`{ followUps(first: 50) { edges { node { doneAt assignee { id } } } } }`, {}, { token });
      const myTasks = tasks.data.followUps.edges.filter((e: any) => !e.node.doneAt && e.node.assignee?.id === myId);
      const core = myRoles.some((r) => ['tenant-admin', 'supervisor', 'agent', 'handler'].includes(r));
      const todo = approvals.length + owned.length + myTasks.length + (core ? work.length : 0);
      expect({ user: user.email, todo: todo > 0 }).toEqual({ user: user.email, todo: true });
      // An account holding an approval role of the plugin has a step waiting on it or work of its own.
      if (!core)
        expect({ user: user.email, n: approvals.length + owned.length + myTasks.length > 0 }).toEqual({ user: user.email, n: true });
    }
  });

  test('its demo accounts see nothing of the other demo tenants', async () => {
    const own = await readSpread(server, tokenOf(slug, 'admin'));
    const ownIds = new Set(own.complaints.map((c) => c.id));
    for (const other of DEMO_TENANTS.filter((t) => t.slug !== slug)) {
      const theirs = await readSpread(server, tokenOf(other.slug, 'admin'));
      for (const complaint of theirs.complaints) {
        expect(ownIds.has(complaint.id)).toBe(false);
        const read = await server.request(
          `query ($id: ID!) { complaint(id: $id) { id } }`,
          { id: complaint.id },
          { token: tokenOf(slug, 'supervisor') },
        );
        expect(read.data?.complaint ?? null).toBeNull();
      }
    }
    expect(own.complaints.every((c) => fromGlobalId(c.id, 'Complaint') !== null)).toBe(true);
  });
});

test('clocks and follow-ups still running fall due on the server clock, not on the past clock that started them', async () => {
  const serverNow = server.clock.now().getTime();
  const rows = await server.ownerQuery<{ kind: string; due_at: Date; run_at: Date | null; db_now: Date }>(
    `SELECT 'deadline' AS kind, d.due_at, j.run_at, now() AS db_now FROM complaint_deadlines d
       LEFT JOIN graphile_worker._private_jobs j ON j.key = 'deadline-breach:' || d.id
      WHERE d.breached_at IS NULL AND d.met_at IS NULL AND d.cancelled_at IS NULL AND d.paused_at IS NULL
     UNION ALL
     SELECT 'follow-up', t.due_at, j.run_at, now() FROM follow_up_tasks t
       LEFT JOIN graphile_worker._private_jobs j ON j.key = 'follow-up-overdue:' || t.id
      WHERE t.overdue_at IS NULL AND t.done_at IS NULL AND t.cancelled_at IS NULL`,
  );
  expect(rows.some((row) => row.kind === 'deadline')).toBe(true);
  expect(rows.some((row) => row.kind === 'follow-up')).toBe(true);
  for (const row of rows) {
    // Still running, so due after the seeding instant …
    expect(new Date(row.due_at).getTime()).toBeGreaterThan(AT.getTime());
    // … and queued to run when the server's business clock reaches the due time.
    const queuedIn = new Date(row.run_at!).getTime() - new Date(row.db_now).getTime();
    const dueIn = new Date(row.due_at).getTime() - serverNow;
    expect(Math.abs(queuedIn - dueIn)).toBeLessThan(5 * 60_000);
  }
});

test('the seed does nothing on a database that has tenants', async () => {
  const again = await seedDemoOnFirstStart(demoSeedTarget(server));
  expect(again).toBeNull();
});
