import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { TEST_TOKEN_SECRET } from '../support/test-database';
import { sleep, waitFor, waitForSubscribers } from '../support/live-client';
import {
  APPROVAL_REQUESTED,
  COMPLAINT_CHANGED,
  COMPLAINT_STATUS_CHANGED,
  DEADLINE_ALERTS,
  LiveClients,
  payloadOf,
  TrackedComplaint,
} from '../support/live-fixtures';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { applicationConnections } from '../support/app-connections';

/**
 * Live updates beyond one happy process: a second server process on the same database, the
 * listener's connection killed under it, and shutdown with subscriptions open.
 */
let server: TestServer;
let staff: Staff;
const clients = new LiveClients(() => server.url);

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'scale-out'));
});

afterEach(async () => {
  await clients.closeAll();
});

afterAll(async () => {
  await server?.stop();
});

/** The built server as its own operating-system process, on this spec's database. */
async function startSecondProcess(): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const main = path.join(__dirname, '../../server/dist/main.js');
  if (!existsSync(main)) throw new Error('server/dist/main.js is missing: run `npm run build` (npm test does)');
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      DATABASE_URL: server.ownerUrl,
      DATABASE_SESSION_URL: server.sessionUrl,
      TOKEN_SECRET: TEST_TOKEN_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      SEED_DEMO: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let url: string | null = null;
  await waitFor(
    () => {
      url = /listening on (http:\/\/\S+)/.exec(output)?.[1] ?? null;
      if (child.exitCode !== null) throw new Error(`second process exited: ${output}`);
      return url !== null;
    },
    20000,
    'the second server process',
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: url!,
    child,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

describe('two server processes on one database', () => {
  it('a change made through either process reaches the subscribers of the other', async () => {
    const second = await startSecondProcess();
    const secondClients = new LiveClients(() => second.url);
    try {
      const onSecond = await (await secondClients.as(staff.supervisor)).subscribe(COMPLAINT_CHANGED);
      const onFirst = await (await clients.as(staff.supervisor)).subscribe(COMPLAINT_CHANGED);
      await waitForSubscribers(server.app.live.hub, 1);

      // The second process's registration cannot be observed from here: notes on another
      // complaint until one arrives there tell us it is listening.
      const warmUp = await TrackedComplaint.file(server, staff.agent);
      for (let tries = 0; onSecond.results.length === 0 && tries < 50; tries++) {
        await warmUp.note(staff.agent);
        await sleep(100);
      }
      await onSecond.nth(0);
      await sleep(300);
      const seenBefore = onSecond.results.length;
      await onFirst.nth(warmUp.current.version - 1);
      const firstBefore = onFirst.results.length;

      // Changed through the first process, seen on the second.
      const complaint = await TrackedComplaint.file(server, staff.agent);
      const fromFirst = payloadOf(await onSecond.nth(seenBefore), 'complaintChanged');
      expect(fromFirst).toMatchObject({ kind: 'CHANGE', complaint: { id: complaint.id }, event: { kind: 'FILED' } });

      // Changed through the second process, seen on the first.
      const response = await fetch(second.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${staff.agent}` },
        body: JSON.stringify({
          query: `mutation ($input: AcknowledgeComplaintInput!) { acknowledgeComplaint(input: $input) { complaint { version } errors { code } } }`,
          variables: { input: { complaintId: complaint.id, expectedVersion: 1 } },
        }),
      });
      const body = (await response.json()) as any;
      expect(body.data.acknowledgeComplaint).toEqual({ complaint: { version: 2 }, errors: [] });
      const onFirstKinds = [
        payloadOf(await onFirst.nth(firstBefore), 'complaintChanged').event.kind,
        payloadOf(await onFirst.nth(firstBefore + 1), 'complaintChanged').event.kind,
      ];
      expect(onFirstKinds).toEqual(['FILED', 'ACKNOWLEDGED']);
      expect(payloadOf(await onSecond.nth(seenBefore + 1), 'complaintChanged').event.kind).toBe('ACKNOWLEDGED');
      await onSecond.expectNoMoreThan(seenBefore + 2);
      await onFirst.expectNoMoreThan(firstBefore + 2, 0);
    } finally {
      await secondClients.closeAll();
      await second.stop();
    }
  });
});

describe('the listener loses its database connection', () => {
  it('reconnects, tells every subscriber to refetch, and delivers again', async () => {
    const complaint = await TrackedComplaint.file(server, staff.agent);
    const code = complaint.current.trackingCode;
    const client = await clients.as(staff.admin);
    const subscriptions = {
      complaintChanged: await client.subscribe(COMPLAINT_CHANGED),
      deadlineAlerts: await client.subscribe(DEADLINE_ALERTS),
      approvalRequested: await client.subscribe(APPROVAL_REQUESTED),
    };
    const complainant = await clients.with({ tenantSlug: 'scale-out', trackingCode: code });
    const status = await complainant.subscribe(COMPLAINT_STATUS_CHANGED, { slug: 'scale-out', code });
    await waitForSubscribers(server.app.live.hub, 4);

    const listener = server.app.live.listener;
    const before = listener.pid!;
    const [killed] = await server.ownerQuery('SELECT pg_terminate_backend($1) AS done', [before]);
    expect(killed.done).toBe(true);
    await waitFor(() => listener.reconnects === 1 && listener.pid !== null, 10000, 'the listener to reconnect');
    expect(listener.pid).not.toBe(before);

    for (const [field, subscription] of Object.entries(subscriptions)) {
      expect({ field, payload: payloadOf(await subscription.nth(0), field) }).toMatchObject({ field, payload: { kind: 'REFETCH' } });
    }
    // The complainant simply receives the current view again.
    expect(payloadOf(await status.nth(0), 'complaintStatusChanged')).toMatchObject({ trackingCode: code, status: 'RECEIVED' });

    await complaint.do(staff.agent, 'acknowledgeComplaint');
    expect(payloadOf(await subscriptions.complaintChanged.nth(1), 'complaintChanged')).toMatchObject({
      kind: 'CHANGE',
      complaint: { id: complaint.id, version: 2 },
    });
    expect(payloadOf(await status.nth(1), 'complaintStatusChanged').status).toBe('ACKNOWLEDGED');
  });
});

describe('a token that expires during a subscription', () => {
  it('ends the subscription with UNAUTHENTICATED at the next event', async () => {
    const own = await startTestServer({ tokenTtlSeconds: 3 });
    const ownClients = new LiveClients(() => own.url);
    try {
      const tenant = await own.createTenant('expiring');
      const subscription = await (await ownClients.as(tenant.adminToken)).subscribe(COMPLAINT_CHANGED);
      await waitForSubscribers(own.app.live.hub, 1);
      await sleep(3500);
      const agent = await own.login(tenant.adminEmail, TEST_PASSWORD, 'expiring');
      await TrackedComplaint.file(own, agent);
      const ended = await subscription.nth(0);
      expect(ended.errors.map((e: any) => [e.extensions.code, e.message])).toEqual([['UNAUTHENTICATED', 'The token has expired']]);
      await subscription.done();
    } finally {
      await ownClients.closeAll();
      await own.stop();
    }
  });
});

describe('graceful shutdown', () => {
  it('closes connections with open subscriptions with 1001 and leaves no database connection behind', async () => {
    const own = await startTestServer();
    try {
      const tenant = await own.createTenant('shutdown-live');
      const ownClients = new LiveClients(() => own.url);
      const client = await ownClients.as(tenant.adminToken);
      const subscription = await client.subscribe(COMPLAINT_CHANGED);
      await waitForSubscribers(own.app.live.hub, 1);
      await own.app.stop();
      await waitFor(() => client.closeCode() !== null, 5000, 'the close');
      expect(client.closeCode()).toBe(1001);
      expect(own.app.live.hub.subscriberCount).toBe(0);
      // The subscription ends with the close, and nothing else.
      expect(subscription.results.map((result) => result.transportError?.code)).toEqual([1001]);
      const open = () => applicationConnections(own.ownerQuery, ['redress', 'redress-live']);
      let n = await open();
      for (let waited = 0; n > 0 && waited < 5000; waited += 100) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        n = await open();
      }
      expect(n).toBe(0);
    } finally {
      await own.stop();
    }
  });
});
