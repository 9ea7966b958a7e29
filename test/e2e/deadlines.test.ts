import { poll } from '../support/poll';
import pino from 'pino';
import { startApp, type RunningApp } from '../../server/src/app';
import { change, createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { DEADLINE_ALERTS, LiveClients, payloadOf } from '../support/live-fixtures';
import { sleep, waitForSubscribers } from '../support/live-client';
import { fromGlobalId } from '../../server/src/graphql/relay';
import { SettableClock } from '../../server/src/time/clock';
import { requestTo, startTestServer, testConfig, type TestServer } from '../support/test-server';

/**
 * Stage clocks against the job queue: reminders and breaches fired by the PostgreSQL queue
 * (once, whichever process takes them, and after a restart), pausing and resuming, and the
 * penalty ledger they feed.
 */
let server: TestServer;
let staff: Staff;
const live = new LiveClients(() => server.url);
const fastQueue = { jobPollIntervalMs: 200 };

beforeAll(async () => {
  server = await startTestServer(fastQueue);
  ({ staff } = await createStaffedTenant(server, 'clocks'));
});

afterEach(() => live.closeAll());

afterAll(async () => {
  await server?.stop();
});

/** The default plugin, but acknowledging within `seconds`: a clock that runs out during the test. */
async function acknowledgeWithin(admin: string, seconds: number) {
  const result = await server.request(
    `mutation ($input: InstallPluginInput!) { installPlugin(input: $input) { errors { code message } } }`,
    { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: seconds / 3600 } } } },
    { token: admin },
  );
  if (result.data?.installPlugin?.errors?.length) {
    const configured = await server.request(
      `mutation ($input: ConfigurePluginInput!) { configurePlugin(input: $input) { errors { code message } } }`,
      { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: seconds / 3600 } } } },
      { token: admin },
    );
    expect(configured.data.configurePlugin.errors).toEqual([]);
  }
}

const COMPLAINT_CLOCKS = `query ($id: ID!) { complaint(id: $id) {
  version priority clockPaused
  deadlines { stage dueAt metAt breached breachedAt paused remindAt }
  events(first: 50) { edges { node { kind changes } } }
  penalties { id status points subjectRole subject { __typename ... on User { id } ... on Department { id } } }
} }`;
const clocksOf = async (id: string, token = staff.supervisor) => (await server.request(COMPLAINT_CLOCKS, { id }, { token })).data.complaint;
const rowId = (globalId: string) => fromGlobalId(globalId, 'Complaint')!.id;
const eventsOf = (complaint: any, kind: string) => complaint.events.edges.map((e: any) => e.node).filter((e: any) => e.kind === kind);

async function waitForBreach(id: string, timeoutMs = 15000) {
  let complaint: any;
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    complaint = await clocksOf(id);
    if (eventsOf(complaint, 'DEADLINE_BREACHED').length > 0) return complaint;
    if (performance.now() > deadline) throw new Error(`no breach recorded for ${id}: ${JSON.stringify(complaint.deadlines)}`);
    await sleep(200);
  }
}

describe('a stage clock running out', () => {
  it('reminds before, then escalates, records the breach, charges the handler and alerts the queue, once', async () => {
    await acknowledgeWithin(staff.admin, 3);
    const watcher = await live.as(staff.supervisor);
    const alerts = await watcher.subscribe(DEADLINE_ALERTS);
    await waitForSubscribers(server.app.live.hub, 1);
    const filed = await fileComplaint(server, staff.agent);
    const ack = filed.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE');
    expect(Date.parse(ack.dueAt) - server.clock.now().getTime()).toBeLessThanOrEqual(3000);

    const dueSoon = payloadOf(await alerts.nth(0, 15000), 'deadlineAlerts');
    expect(dueSoon).toMatchObject({ alert: 'DUE_SOON', deadline: { stage: 'ACKNOWLEDGE' }, complaint: { id: filed.id } });
    const breached = payloadOf(await alerts.nth(1, 15000), 'deadlineAlerts');
    expect(breached).toMatchObject({ alert: 'BREACHED', deadline: { stage: 'ACKNOWLEDGE' }, complaint: { id: filed.id } });

    const complaint = await waitForBreach(filed.id);
    const [event] = eventsOf(complaint, 'DEADLINE_BREACHED');
    expect(event.changes).toMatchObject({
      stage: 'ACKNOWLEDGE',
      priority: { from: 'NORMAL', to: 'HIGH' },
      notify: ['supervisor', 'tenant-admin'],
    });
    expect(complaint.priority).toBe('HIGH');
    expect(complaint.version).toBe(filed.version + 1);
    const clock = complaint.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE');
    expect(clock).toMatchObject({ breached: true, metAt: null, paused: false });
    expect(clock.breachedAt).not.toBeNull();
    // The first receiver (the agent who recorded it) owns the late intake.
    expect(complaint.penalties).toEqual([expect.objectContaining({ status: 'PENDING', points: 1, subjectRole: 'HANDLER' })]);

    // Handling the job again changes nothing.
    const [{ id: deadlineId, tenant_id }] = await server.ownerQuery(
      `SELECT id, tenant_id FROM complaint_deadlines WHERE stage = 'ACKNOWLEDGE' AND complaint_id = $1`,
      [rowId(filed.id)],
    );
    expect(await server.app.timers.breach({ tenantId: tenant_id, deadlineId })).toBe(false);
    expect(await server.app.timers.remind({ tenantId: tenant_id, deadlineId })).toBe(false);
    expect(eventsOf(await clocksOf(filed.id), 'DEADLINE_BREACHED')).toHaveLength(1);
    await alerts.expectNoMoreThan(2, 500);
  });

  it('leaves a clock that was met in time alone', async () => {
    await acknowledgeWithin(staff.admin, 5);
    const filed = await fileComplaint(server, staff.agent);
    const acknowledged = await change(server, staff.agent, 'acknowledgeComplaint', {
      complaintId: filed.id,
      expectedVersion: filed.version,
    });
    expect(acknowledged.errors).toEqual([]);
    const due = Date.parse(filed.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE').dueAt);
    expect(server.clock.now().getTime()).toBeLessThan(due);
    await sleep(due - server.clock.now().getTime() + 1500);
    const complaint = await clocksOf(filed.id);
    expect(eventsOf(complaint, 'DEADLINE_BREACHED')).toEqual([]);
    expect(complaint.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE')).toMatchObject({ breached: false, breachedAt: null });
    expect(complaint.penalties).toEqual([]);
  });
});

describe('pausing the clocks while waiting on the complainant', () => {
  it('stops them, moves every due time by the pause on resume, and records both', async () => {
    await acknowledgeWithin(staff.admin, 3600);
    const filed = await fileComplaint(server, staff.agent);
    const before = Object.fromEntries(filed.deadlines.map((d: any) => [d.stage, Date.parse(d.dueAt)]));

    const refused = await change(server, staff.agent, 'pauseClock', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      reason: '  ',
    });
    expect(refused.errors.map((e) => [e.code, e.field])).toEqual([['INVALID_INPUT', 'reason']]);
    const paused = await change(server, staff.agent, 'pauseClock', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      reason: 'Waiting for the receipt',
    });
    expect(paused.errors).toEqual([]);
    let complaint = await clocksOf(filed.id);
    expect(complaint.clockPaused).toBe(true);
    expect(complaint.deadlines.every((d: any) => d.paused)).toBe(true);
    const again = await change(server, staff.agent, 'pauseClock', {
      complaintId: filed.id,
      expectedVersion: paused.complaint.version,
      reason: 'x',
    });
    expect(again.errors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);

    const pausedFor = 1500;
    await sleep(pausedFor);
    const resumed = await change(server, staff.agent, 'resumeClock', {
      complaintId: filed.id,
      expectedVersion: paused.complaint.version,
      note: 'Receipt received',
    });
    expect(resumed.errors).toEqual([]);
    complaint = await clocksOf(filed.id);
    expect(complaint.clockPaused).toBe(false);
    for (const deadline of complaint.deadlines) {
      const moved = Date.parse(deadline.dueAt) - before[deadline.stage];
      expect(deadline.paused).toBe(false);
      expect(moved).toBeGreaterThanOrEqual(pausedFor);
      expect(moved).toBeLessThan(pausedFor + 5000);
    }
    expect(eventsOf(complaint, 'CLOCK_PAUSED')[0].changes).toMatchObject({
      reason: 'Waiting for the receipt',
      stages: ['ACKNOWLEDGE', 'ASSESS', 'CLOSE'],
    });
    expect(eventsOf(complaint, 'CLOCK_RESUMED')[0].changes).toMatchObject({ note: 'Receipt received' });
    const notPaused = await change(server, staff.agent, 'resumeClock', {
      complaintId: filed.id,
      expectedVersion: resumed.complaint.version,
    });
    expect(notPaused.errors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
  });

  it('does not breach a paused clock, and fires it after resuming, later by the pause', async () => {
    await acknowledgeWithin(staff.admin, 5);
    const filed = await fileComplaint(server, staff.agent);
    const paused = await change(server, staff.agent, 'pauseClock', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      reason: 'Waiting for photos',
    });
    const due = Date.parse(filed.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE').dueAt);
    expect(server.clock.now().getTime()).toBeLessThan(due);
    await sleep(due - server.clock.now().getTime() + 1500);
    let complaint = await clocksOf(filed.id);
    expect(eventsOf(complaint, 'DEADLINE_BREACHED')).toEqual([]);
    expect(complaint.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE')).toMatchObject({ breached: false, paused: true });
    const overdue = await server.request(
      `{ complaints(filter: { overdue: true }) { edges { node { id } } } }`,
      {},
      { token: staff.supervisor },
    );
    expect(overdue.data.complaints.edges.map((e: any) => e.node.id)).not.toContain(filed.id);

    await change(server, staff.agent, 'resumeClock', { complaintId: filed.id, expectedVersion: paused.complaint.version });
    complaint = await clocksOf(filed.id);
    expect(complaint.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE').breached).toBe(false);
    complaint = await waitForBreach(filed.id);
    expect(eventsOf(complaint, 'DEADLINE_BREACHED')).toHaveLength(1);
    const later = await server.request(
      `{ complaints(filter: { overdue: true }) { edges { node { id } } } }`,
      {},
      { token: staff.supervisor },
    );
    expect(later.data.complaints.edges.map((e: any) => e.node.id)).toContain(filed.id);
  });
});

describe('the job queue across server processes', () => {
  const extraApps: RunningApp[] = [];
  const startAnother = async () => {
    const app = await startApp(testConfig(server.ownerUrl, fastQueue), pino({ level: 'silent' }), { clock: server.clock });
    extraApps.push(app);
    return app;
  };
  afterAll(async () => {
    await Promise.all(extraApps.map((app) => app.stop()));
  });

  it('fires each deadline once when two processes work the queue', async () => {
    await startAnother();
    await acknowledgeWithin(staff.admin, 2);
    const filed = [];
    for (let i = 0; i < 12; i++) filed.push(await fileComplaint(server, staff.agent));
    // What is checked is once, not how soon: a loaded machine may take a while to work the queue.
    for (const complaint of filed) await waitForBreach(complaint.id, 60000);
    await sleep(1000);
    const rows = await server.ownerQuery(
      `SELECT c.id, (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.kind = 'DEADLINE_BREACHED') AS breaches,
              (SELECT count(*)::int FROM penalties p WHERE p.complaint_id = c.id) AS penalties
         FROM complaints c WHERE c.id = ANY($1::uuid[])`,
      [filed.map((c) => rowId(c.id))],
    );
    expect(rows).toHaveLength(12);
    expect(rows.every((row) => row.breaches === 1 && row.penalties === 1)).toBe(true);
  });
});

describe('server processes whose clocks differ a little', () => {
  it('breaches a deadline once when the process that fires it runs behind the one that filed it', async () => {
    // The worker's clock is two seconds behind the filing process's: the queue hands it the
    // job when the filer's clock says due, and its own does not yet.
    const worker = await startTestServer(fastQueue);
    const ahead = await startApp(testConfig(worker.ownerUrl, { ...fastQueue, jobConcurrency: 0 }), pino({ level: 'silent' }), {
      clock: new SettableClock(new Date(worker.clock.now().getTime() + 2000)),
    });
    try {
      const { staff: own } = await createStaffedTenant(worker, 'skewed');
      const install = await worker.request(
        `mutation ($input: InstallPluginInput!) { installPlugin(input: $input) { errors { code message } } }`,
        { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: 1 / 3600 } } } },
        { token: own.admin },
      );
      expect(install.data.installPlugin.errors).toEqual([]);
      const filed = await fileComplaint({ ...worker, request: requestTo(ahead.url) }, own.agent);
      const breaches = async () =>
        (
          await worker.ownerQuery(
            `SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = $1 AND kind = 'DEADLINE_BREACHED'`,
            [rowId(filed.id)],
          )
        )[0].n as number;
      await poll(breaches, (n) => n > 0, { timeoutMs: 30_000, intervalMs: 200 });
      await sleep(1000);
      expect(await breaches()).toBe(1);
    } finally {
      await ahead.stop();
      await worker.stop();
    }
  });
});

describe('a server stopped across a deadline', () => {
  it('fires the deadline that fell due while every server was down when one comes back', async () => {
    const own = await startTestServer(fastQueue);
    const { staff: ownStaff } = await createStaffedTenant(own, 'downtime');
    const install = await own.request(
      `mutation ($input: InstallPluginInput!) { installPlugin(input: $input) { errors { code message } } }`,
      { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: 6 / 3600 } } } },
      { token: ownStaff.admin },
    );
    expect(install.data.installPlugin.errors).toEqual([]);
    const filed = await fileComplaint(own, ownStaff.agent);
    await own.app.stop();
    const due = Date.parse(filed.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE').dueAt);
    // The premise: every server was down when the clock ran out.
    expect(own.clock.now().getTime()).toBeLessThan(due);
    const breaches = async () =>
      (
        await own.ownerQuery(`SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = $1 AND kind = 'DEADLINE_BREACHED'`, [
          rowId(filed.id),
        ])
      )[0].n;
    await sleep(due - own.clock.now().getTime() + 1000);
    expect(await breaches()).toBe(0);
    const back = await startApp(testConfig(own.ownerUrl, fastQueue), pino({ level: 'silent' }), { clock: own.clock });
    try {
      await poll(breaches, (n) => n > 0, { timeoutMs: 15000, intervalMs: 200 });
      expect(await breaches()).toBe(1);
    } finally {
      await back.stop();
      await own.stop();
    }
  });
});

describe('a queue that polls rarely', () => {
  it('fires a deadline when it falls due, woken by the alarm rather than the next poll an hour later', async () => {
    // With an hour between polls, the worker looks for due jobs at start and when a job is
    // added (not yet due then); only the due-job alarm can wake it within the hour.
    const own = await startTestServer({ jobPollIntervalMs: 3_600_000 });
    try {
      const { staff: ownStaff } = await createStaffedTenant(own, 'rare-polls');
      const install = await own.request(
        `mutation ($input: InstallPluginInput!) { installPlugin(input: $input) { errors { code message } } }`,
        { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: 3 / 3600 } } } },
        { token: ownStaff.admin },
      );
      expect(install.data.installPlugin.errors).toEqual([]);
      const filed = await fileComplaint(own, ownStaff.agent);
      const breaches = async () =>
        (
          await own.ownerQuery(`SELECT count(*)::int AS n FROM complaint_events WHERE complaint_id = $1 AND kind = 'DEADLINE_BREACHED'`, [
            rowId(filed.id),
          ])
        )[0].n as number;
      // Minutes before the next poll, however loaded the machine.
      await poll(breaches, (n) => n > 0, { timeoutMs: 120_000, intervalMs: 200 });
      expect(await breaches()).toBe(1);
    } finally {
      await own.stop();
    }
  });
});
