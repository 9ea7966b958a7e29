import pino from 'pino';
import WebSocket from 'ws';
import {
  AuthError,
  ComplaintChangedDocument,
  ComplaintsDocument,
  CurrentTenantDocument,
  TransportError,
  createClient,
  fileComplaint,
  type ConnectionState,
  type RedressClient,
  type RedressError,
} from '@redress/client-sdk';
import { startApp } from '../../server/src/app';
import { createStaffedTenant, inviteMember, type Staff } from '../support/complaint-fixtures';
import { sleep, waitFor, waitForSubscribers } from '../support/live-client';
import { startTestServer, testConfig, type TestServer } from '../support/test-server';

/** The SDK's graphql-ws path against a real server: operations, refusals, re-auth, reconnects, refetch signals. */
let server: TestServer;
let first: { slug: string; adminToken: string };
let second: { slug: string; adminToken: string };
const clients: RedressClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  first = await server.createTenant('sdk-ws-one');
  second = await server.createTenant('sdk-ws-two');
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.stop();
});

function wsClient(options: Partial<Parameters<typeof createClient>[0]>, on: TestServer = server): RedressClient {
  const client = createClient({
    url: on.url,
    webSocketImpl: WebSocket,
    reconnect: { initialDelayMs: 50, maxDelayMs: 400, attempts: 100 },
    ...options,
  });
  clients.push(client);
  return client;
}

/** Runs an operation over the socket and resolves with its one result. */
function overSocket<TData>(run: (handlers: { next(data: TData): void; error(error: RedressError): void; complete(): void }) => void) {
  return new Promise<TData>((resolve, reject) => {
    let result: TData | undefined;
    run({ next: (data) => (result = data), error: reject, complete: () => resolve(result as TData) });
  });
}

function waitForState(client: RedressClient, state: ConnectionState, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let stop: (() => void) | null = null;
    let reached = false;
    const timer = setTimeout(() => {
      stop?.();
      reject(new Error(`no ${state} within ${timeoutMs} ms (state: ${client.connection.state})`));
    }, timeoutMs);
    stop = client.onConnectionChange((next) => {
      if (next !== state || reached) return;
      reached = true;
      clearTimeout(timer);
      // The listener is called at once when the state is already reached: `stop` is not assigned yet.
      queueMicrotask(() => stop?.());
      resolve();
    });
  });
}

/** The states a listener saw, each run of one state counted once. */
const transitions = (states: ConnectionState[]) => states.filter((state, index) => state !== states[index - 1]);

describe('operations over graphql-ws', () => {
  it('runs a typed operation over the socket and completes', async () => {
    const client = wsClient({ token: first.adminToken });
    const data = await overSocket<{ tenant: { slug: string } }>((handlers) => client.subscribe(CurrentTenantDocument, handlers));
    expect(data.tenant.slug).toBe('sdk-ws-one');
  });

  it('stops the connection when the server refuses the credentials; the operation waits, not failed, and runs with new ones', async () => {
    const client = wsClient({ token: 'not-a-token' });
    const errors: RedressError[] = [];
    let slug: string | null = null;
    let completed = false;
    client.subscribe(CurrentTenantDocument, {
      next: (data) => (slug = data.tenant.slug),
      error: (error) => errors.push(error),
      complete: () => (completed = true),
    });
    await waitForState(client, 'stopped');
    expect(client.connection.error).toBeInstanceOf(AuthError);
    expect((client.connection.error as AuthError).code).toBe('UNAUTHENTICATED');
    expect(errors).toEqual([]);

    client.setCredentials({ token: first.adminToken });
    await waitFor(() => completed, 10_000, 'the operation to run with the new credentials');
    expect(slug).toBe('sdk-ws-one');
    expect(errors).toEqual([]);
  });

  it('asks a token function again after a refusal and connects with the fresh token', async () => {
    const tokens = ['expired-token', first.adminToken];
    const client = wsClient({ token: () => tokens.shift() ?? null });
    const data = await overSocket<{ tenant: { slug: string } }>((handlers) => client.subscribe(CurrentTenantDocument, handlers));
    expect(data.tenant.slug).toBe('sdk-ws-one');
    expect(tokens).toEqual([]);
  });

  it('re-authenticates the open socket when the credentials change', async () => {
    const client = wsClient({ token: first.adminToken, keepSocketOpen: true });
    await waitForState(client, 'connected');
    const before = await overSocket<{ tenant: { slug: string } }>((h) => client.subscribe(CurrentTenantDocument, h));
    expect(before.tenant.slug).toBe('sdk-ws-one');

    client.setCredentials({ token: second.adminToken });
    expect(client.connection.state).toBe('connecting');
    await waitForState(client, 'connected');
    const after = await overSocket<{ tenant: { slug: string } }>((h) => client.subscribe(CurrentTenantDocument, h));
    expect(after.tenant.slug).toBe('sdk-ws-two');
  });

  it('has a state readable at any time, and tells a late listener the current state at once', async () => {
    const client = wsClient({ token: first.adminToken });
    expect(client.connection).toEqual({ state: 'idle', error: null });
    const early: ConnectionState[] = [];
    client.onConnectionChange((state) => early.push(state));
    expect(early).toEqual(['idle']);

    const stop = client.subscribe(CurrentTenantDocument, { next: () => undefined });
    await waitForState(client, 'connected');
    expect(client.connection).toEqual({ state: 'connected', error: null });
    const late: ConnectionState[] = [];
    client.onConnectionChange((state) => late.push(state));
    expect(late).toEqual(['connected']);
    stop();
    // Closed on demand once no live operation needs it.
    await waitForState(client, 'idle');
    expect(transitions(early)).toEqual(['idle', 'connecting', 'connected', 'idle']);
  });

  it('keeps reconnect() harmless while the connection is fine', async () => {
    const client = wsClient({ token: first.adminToken, keepSocketOpen: true });
    await waitForState(client, 'connected');
    const states: ConnectionState[] = [];
    client.onConnectionChange((state) => states.push(state));
    client.reconnect();
    await sleep(200);
    expect(states).toEqual(['connected']);
  });
});

/** A `ws` WebSocket that records what each socket sent, newest socket last. */
function recordingWebSocket() {
  const sockets: { type: string; id?: string; payload?: { operationName?: string } }[][] = [];
  class RecordingWebSocket extends WebSocket {
    private readonly frames: (typeof sockets)[number] = [];
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      sockets.push(this.frames);
    }
    override send(data: string) {
      this.frames.push(JSON.parse(data));
      super.send(data);
    }
  }
  return { RecordingWebSocket, latest: () => sockets[sockets.length - 1] ?? [] };
}

describe('live views after reconnects: refetch once listening again', () => {
  let restartable: TestServer;
  let staff: Staff;
  let tenant: { slug: string; adminToken: string };

  beforeAll(async () => {
    restartable = await startTestServer();
    const staffed = await createStaffedTenant(restartable, 'sdk-ws-restart');
    staff = staffed.staff;
    tenant = { slug: staffed.slug, adminToken: staff.admin };
  });

  afterAll(async () => {
    await restartable?.stop();
  });

  const complaint = (description: string) => ({
    channel: 'PHONE' as const,
    description,
    demands: ['EXPLANATION' as const],
    complainant: { name: 'Qian', phone: '13700000002' },
  });

  /** A complaintChanged subscription that records what it was told. */
  function watchChanges(client: RedressClient, onRefetch: () => void = () => undefined) {
    const watched = { ids: [] as string[], refetches: 0, errors: [] as RedressError[], completed: false, stop: () => undefined as void };
    watched.stop = client.subscribe(ComplaintChangedDocument, {
      next: ({ complaintChanged }) => {
        if (complaintChanged.complaint) watched.ids.push(complaintChanged.complaint.id);
      },
      refetch: () => {
        watched.refetches += 1;
        onRefetch();
      },
      error: (error) => watched.errors.push(error),
      complete: () => (watched.completed = true),
    });
    return watched;
  }

  const reloadIds = async (client: RedressClient) =>
    (await client.query(ComplaintsDocument, { first: 100 })).complaints.edges.map(({ node }) => node.id);

  const fileThrough = async (url: string, description: string) => {
    const filed = await fileComplaint(createClient({ url, token: staff.agent }), complaint(description));
    if (!filed.ok) throw new Error(`filing failed: ${JSON.stringify(filed.errors)}`);
    return filed.data.complaint.id;
  };

  it('signals a refetch after the server restarts, once resubscribed, and the reload shows what was filed while it was down', async () => {
    const recording = recordingWebSocket();
    const client = wsClient({ token: staff.supervisor, webSocketImpl: recording.RecordingWebSocket }, restartable);
    const states: ConnectionState[] = [];
    client.onConnectionChange((state) => states.push(state));
    let resubscribedBeforeRefetch = false;
    const watched = watchChanges(client, () => {
      resubscribedBeforeRefetch = recording
        .latest()
        .some((frame) => frame.type === 'subscribe' && frame.payload?.operationName === 'ComplaintChanged');
    });
    await waitForSubscribers(restartable.app.live.hub, 1);
    await restartable.stopApp();
    await waitForState(client, 'retrying');

    // Filed through another instance of the server, on the same database, while this one is down.
    const other = await startApp(testConfig(restartable.ownerUrl), pino({ level: 'silent' }), { clock: restartable.clock });
    const missed = await fileThrough(other.url, 'Filed while the server was down');
    await other.stop();

    await restartable.startAppAgain();
    await waitFor(() => watched.refetches === 1, 15_000, 'a refetch signal');
    expect(resubscribedBeforeRefetch).toBe(true);
    expect(watched.ids).not.toContain(missed);
    expect(await reloadIds(client)).toContain(missed);
    expect(transitions(states)).toEqual(['idle', 'connecting', 'connected', 'retrying', 'connected']);

    // Live again on the new connection, with no further refetch.
    await waitForSubscribers(restartable.app.live.hub, 1);
    const live = await fileThrough(restartable.url, 'Filed after the restart');
    await waitFor(() => watched.ids.includes(live), 10_000, 'the live change after the restart');
    expect(watched.refetches).toBe(1);
    expect(watched.errors).toEqual([]);
    watched.stop();
    await waitForSubscribers(restartable.app.live.hub, 0);
  });

  it('signals a refetch after new credentials, and the reload shows what was filed meanwhile', async () => {
    const colleague = await inviteMember(restartable, tenant, 'supervisor-two', ['supervisor']);
    const client = wsClient({ token: staff.supervisor }, restartable);
    const watched = watchChanges(client);
    await waitForSubscribers(restartable.app.live.hub, 1);
    await sleep(100);
    expect(watched.refetches).toBe(0);

    client.setCredentials({ token: colleague.token });
    const filed = await fileThrough(restartable.url, 'Filed while the credentials changed');
    await waitFor(() => watched.refetches === 1, 10_000, 'a refetch signal after setCredentials');
    expect(await reloadIds(client)).toContain(filed);
    expect(watched.errors).toEqual([]);
    watched.stop();
    await waitForSubscribers(restartable.app.live.hub, 0);
  });

  it('stops after the attempts run out while the server stays down, keeps the subscription, and resumes it on reconnect()', async () => {
    const client = wsClient({ token: staff.supervisor, reconnect: { attempts: 2, initialDelayMs: 50, maxDelayMs: 100 } }, restartable);
    const watched = watchChanges(client);
    await waitForSubscribers(restartable.app.live.hub, 1);

    await restartable.stopApp();
    await waitForState(client, 'stopped');
    expect(client.connection.error).toBeInstanceOf(TransportError);
    expect(watched.errors).toEqual([]);
    expect(watched.completed).toBe(false);

    await restartable.startAppAgain();
    await sleep(500);
    // Stopped means stopped: nothing starts again on its own.
    expect(client.connection.state).toBe('stopped');
    expect(restartable.app.live.hub.subscriberCount).toBe(0);

    client.reconnect();
    await waitForState(client, 'connected');
    await waitFor(() => watched.refetches === 1, 10_000, 'a refetch signal after reconnect()');
    await waitForSubscribers(restartable.app.live.hub, 1);
    const filed = await fileThrough(restartable.url, 'Filed after reconnect()');
    await waitFor(() => watched.ids.includes(filed), 10_000, 'the live change after reconnect()');
    expect(watched.errors).toEqual([]);
    watched.stop();
    await waitForSubscribers(restartable.app.live.hub, 0);
  });
});
