import WebSocket from 'ws';
import { ComplaintChangedDocument, createClient, type RedressClient } from '@redress/client-sdk';
import { SettableClock } from '../../server/src/time/clock';
import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { freePort } from '../support/free-port';
import { sleep } from '../support/live-client';
import { COMPLAINT_CHANGED, LiveClients, payloadOf, rowId } from '../support/live-fixtures';
import { startNginx, type RunningNginx } from '../support/nginx';
import { poll } from '../support/poll';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { systemBinaryOrSkip } from '../support/system-binary';
import { TEST_TOKEN_SECRET } from '../support/test-database';
import { requestTo, startTestServer, type GraphQLResponse, type TestServer } from '../support/test-server';

/**
 * Three server processes (server/dist/main.js, each its own operating-system process) on one
 * database behind a real nginx, reached only through it over HTTP and WebSocket: a change
 * through one process reaches subscribers on the others, each deadline timer fires once
 * across them, and a rolling restart under load (each process in turn stopped with SIGTERM and
 * started again) fails no request, while subscribers reconnect and are told to refetch.
 *
 * Skipped with a note where nginx is not installed, unless REQUIRE_NGINX=1 (CI sets it).
 */
const nginxBinary = systemBinaryOrSkip('nginx', 'REQUIRE_NGINX', 'apt-get install nginx');
const describeBehindNginx = nginxBinary ? describe : describe.skip;

describeBehindNginx('three server processes behind nginx', () => {
  let database: TestServer;
  let staff: Staff;
  let env: Record<string, string>;
  let ports: number[];
  const processes: ServerProcess[] = [];
  let nginx: RunningNginx;
  /** The fixtures' view of the deployment: every request through nginx. */
  let deployment: TestServer;
  const live = new LiveClients(() => deployment.url);
  const sdkClients: RedressClient[] = [];

  beforeAll(async () => {
    // Business time is the processes' own (the system clock): tenants and staff are made on it too.
    database = await startTestServer({}, { clock: new SettableClock(new Date()) });
    ({ staff } = await createStaffedTenant(database, 'behind-nginx'));
    // From here on only the three processes serve this database.
    await database.stopApp();
    env = {
      DATABASE_URL: database.ownerUrl,
      DATABASE_SESSION_URL: database.sessionUrl,
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
      JOB_POLL_INTERVAL_MS: '200',
      TRUST_PROXY: '1',
      RATE_LIMIT_SUBMIT_PER_ADDRESS: '0',
      RATE_LIMIT_STATUS_PER_ADDRESS: '0',
    };
    ports = [await freePort(), await freePort(), await freePort()];
    processes.push(...(await Promise.all(ports.map((port) => startServerProcess(port, env)))));
    nginx = await startNginx(nginxBinary!, ports);
    const url = `${nginx.origin}/graphql`;
    deployment = { ...database, url, request: requestTo(url) };
  });

  afterEach(async () => {
    await live.closeAll();
    await Promise.all(sdkClients.splice(0).map((client) => client.dispose()));
  });

  afterAll(async () => {
    if (process.env.SCALE_DEBUG) console.log(nginx?.log());
    await nginx?.stop();
    await Promise.all(processes.map((p) => p.terminate()));
    await database?.stop();
  });

  /** Live subscriptions registered on each process, from its own /metrics. */
  const subscriptionsPerProcess = () =>
    Promise.all(
      processes.map(async (p) => {
        const text = await (await fetch(`http://127.0.0.1:${p.port}/metrics`)).text();
        return Number(/^redress_live_subscriptions (\d+)/m.exec(text)?.[1] ?? 0);
      }),
    );

  it('a change made through one process reaches the subscribers on every process', async () => {
    const subscriptions = [];
    for (let i = 0; i < 6; i++) subscriptions.push(await (await live.as(staff.supervisor)).subscribe(COMPLAINT_CHANGED));
    // nginx hands the six upgrades round the three processes: two on each.
    const spread = await poll(subscriptionsPerProcess, (counts) => counts.reduce((a, b) => a + b, 0) === 6, {
      timeoutMs: 10_000,
      intervalMs: 50,
    });
    expect(spread).toEqual([2, 2, 2]);

    const filed = await fileComplaint(deployment, staff.agent);
    for (const subscription of subscriptions) {
      expect(payloadOf(await subscription.nth(0), 'complaintChanged')).toMatchObject({
        kind: 'CHANGE',
        complaint: { id: filed.id },
        event: { kind: 'FILED' },
      });
    }
  });

  it('a rolling restart under load fails no request; subscribers reconnect and refetch', async () => {
    const watchers = [0, 1, 2].map(() => {
      const client = createClient({
        url: deployment.url,
        token: staff.supervisor,
        webSocketImpl: WebSocket,
        reconnect: { initialDelayMs: 50, maxDelayMs: 500, attempts: 100 },
      });
      sdkClients.push(client);
      const watcher = { ids: [] as string[], refetches: 0, errors: [] as unknown[] };
      client.subscribe(ComplaintChangedDocument, {
        next: ({ complaintChanged }) => {
          if (complaintChanged.complaint) watcher.ids.push(complaintChanged.complaint.id);
        },
        refetch: () => (watcher.refetches += 1),
        error: (error) => watcher.errors.push(error),
      });
      return watcher;
    });
    await poll(subscriptionsPerProcess, (counts) => counts.reduce((a, b) => a + b, 0) === 3, { timeoutMs: 10_000, intervalMs: 50 });

    const load = runLoad(deployment, staff, 4);
    const downWindows: { from: number; to: number }[] = [];
    const exitCodes: (number | null)[] = [];
    for (let i = 0; i < processes.length; i++) {
      await sleep(1000);
      const from = performance.now();
      exitCodes.push(await processes[i].terminate());
      processes[i] = await startServerProcess(ports[i], env);
      downWindows.push({ from, to: performance.now() });
    }
    await sleep(1000);
    const { failures, completedAt } = await load.stop();

    expect(exitCodes).toEqual([0, 0, 0]);
    expect(failures).toEqual([]);
    // The load ran through every restart: requests completed while each process was away.
    for (const window of downWindows) {
      expect(completedAt.filter((at) => at >= window.from && at <= window.to).length).toBeGreaterThan(0);
    }

    // Every watcher's connection was closed by its process going away: each reconnected and was told to refetch.
    for (const watcher of watchers) {
      expect(watcher.errors).toEqual([]);
      expect(watcher.refetches).toBeGreaterThanOrEqual(1);
    }
    // And listens again: a change after the restarts reaches all of them.
    const after = await fileComplaint(deployment, staff.agent);
    for (const watcher of watchers) {
      await poll(
        async () => watcher.ids,
        (ids) => ids.includes(after.id),
        { timeoutMs: 10_000, intervalMs: 50 },
      );
      expect(watcher.ids).toContain(after.id);
    }
  });

  it('fires each deadline timer once across the processes', async () => {
    // The default plugin, acknowledging within two seconds.
    const installed = await deployment.request(
      `mutation ($input: InstallPluginInput!) { installPlugin(input: $input) { errors { code message } } }`,
      { input: { pluginId: 'default', config: { 'default.deadlines': { acknowledgeHours: 2 / 3600 } } } },
      { token: staff.admin },
    );
    expect(installed.data.installPlugin.errors).toEqual([]);
    const filed = [];
    for (let i = 0; i < 9; i++) filed.push(await fileComplaint(deployment, staff.agent));
    const ids = filed.map((complaint) => rowId(complaint.id));
    const counts = () =>
      database.ownerQuery<{ breaches: number; penalties: number }>(
        `SELECT (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id AND e.kind = 'DEADLINE_BREACHED') AS breaches,
                (SELECT count(*)::int FROM penalties p WHERE p.complaint_id = c.id) AS penalties
           FROM complaints c WHERE c.id = ANY($1::uuid[])`,
        [ids],
      );
    // What is checked is once, not how soon.
    await poll(counts, (rows) => rows.every((row) => row.breaches > 0), { timeoutMs: 60_000, intervalMs: 200 });
    await sleep(1000);
    expect(await counts()).toEqual(ids.map(() => ({ breaches: 1, penalties: 1 })));
  });
});

const BOARD = `query { complaints(first: 20) { totalCount edges { node { id status version } } } }`;
const ACKNOWLEDGE = `mutation ($input: AcknowledgeComplaintInput!) { acknowledgeComplaint(input: $input) { complaint { version } errors { code message } } }`;

/**
 * `workers` clients, each in a loop through nginx: file a complaint (intake), read the board,
 * acknowledge the complaint it filed (a transition). A failure is any request that did not
 * come back 200 with data and no errors.
 */
function runLoad(deployment: TestServer, staff: Staff, workers: number) {
  let running = true;
  const failures: string[] = [];
  const completedAt: number[] = [];
  const attempt = async (what: string, run: () => Promise<GraphQLResponse>, ok: (response: GraphQLResponse) => boolean) => {
    try {
      const response = await run();
      if (response.status !== 200 || response.errors || !ok(response)) failures.push(`${what}: ${JSON.stringify(response).slice(0, 300)}`);
      else completedAt.push(performance.now());
      return response;
    } catch (error) {
      failures.push(`${what}: ${(error as Error).message}`);
      return null;
    }
  };
  const loop = async () => {
    while (running) {
      const filed = await attempt(
        'file',
        async () => {
          try {
            return { status: 200, data: { fileComplaint: { complaint: await fileComplaint(deployment, staff.agent) } } };
          } catch (error) {
            return { status: 0, data: null, errors: [{ message: (error as Error).message }] };
          }
        },
        (r) => Boolean(r.data?.fileComplaint?.complaint),
      );
      await attempt(
        'board',
        () => deployment.request(BOARD, {}, { token: staff.supervisor }),
        (r) => r.data?.complaints?.totalCount > 0,
      );
      const complaint = filed?.data?.fileComplaint?.complaint;
      if (complaint) {
        await attempt(
          'acknowledge',
          () =>
            deployment.request(
              ACKNOWLEDGE,
              { input: { complaintId: complaint.id, expectedVersion: complaint.version } },
              { token: staff.agent },
            ),
          (r) => r.data?.acknowledgeComplaint?.errors?.length === 0,
        );
      }
    }
  };
  const loops = Array.from({ length: workers }, () => loop());
  return {
    async stop() {
      running = false;
      await Promise.all(loops);
      return { failures, completedAt };
    },
  };
}
