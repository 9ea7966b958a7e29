import { connect, type Socket } from 'node:net';
import { createClient, type Client as WsClient } from 'graphql-ws';
import { Client } from 'pg';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/test-server';
import { applicationConnections } from '../support/app-connections';
import { createStaffedTenant, COMPLAINT_FIELDS, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { poll } from '../support/poll';

let server: TestServer;
let tenant: { adminToken: string };

beforeAll(async () => {
  server = await startTestServer();
  tenant = await server.createTenant('lifecycle');
});

afterAll(async () => {
  await server?.stop();
});

function wsUrl(): string {
  return server.url.replace(/^http/, 'ws');
}

function wsClient(authorization?: string): WsClient {
  return createClient({
    url: wsUrl(),
    webSocketImpl: WebSocket,
    connectionParams: authorization ? { authorization } : {},
    retryAttempts: 0,
    lazy: true,
  });
}

async function wsQuery(client: WsClient, query: string): Promise<any> {
  return new Promise((resolve, reject) => {
    let result: unknown;
    client.subscribe({ query }, { next: (value) => (result = value), error: reject, complete: () => resolve(result) });
  });
}

describe('graphql-ws on the HTTP port', () => {
  it('runs an operation for a connection with a valid token', async () => {
    const client = wsClient(`Bearer ${tenant.adminToken}`);
    try {
      const result = await wsQuery(client, '{ tenant { slug } }');
      expect(result.data.tenant.slug).toBe('lifecycle');
    } finally {
      await client.dispose();
    }
  });

  it.each([
    ['no credentials', undefined],
    ['a bad token', 'Bearer nonsense'],
  ])('refuses a connection with %s (close code 4403)', async (_label, authorization) => {
    const client = wsClient(authorization);
    try {
      await expect(wsQuery(client, '{ tenant { slug } }')).rejects.toMatchObject({ code: 4403 });
    } finally {
      await client.dispose();
    }
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
  });
});

describe('graceful shutdown', () => {
  it('closes WebSocket clients with 1001, stops accepting HTTP, and leaves no connection behind', async () => {
    const own = await startTestServer();
    const t = await own.createTenant('shutdown');
    const socket = new WebSocket(own.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${t.adminToken}` } }));
    await new Promise((resolve) => socket.once('message', resolve));
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    await own.app.stop();
    expect(await closed).toBe(1001);
    await expect(fetch(`${own.url}`, { method: 'POST' })).rejects.toThrow();
    // The pool has closed its sockets; a backend leaves pg_stat_activity a moment after its
    // client goes, so wait (bounded) for the count to reach zero rather than read it once.
    const openConnections = () => applicationConnections(own.ownerQuery, ['redress', 'redress-live']);
    let n = await openConnections();
    for (let waited = 0; n > 0 && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      n = await openConnections();
    }
    expect(n).toBe(0);
    await own.stop();
  });
});

/** Writes one raw HTTP/1.1 request on `socket` and resolves with everything read until the server closes it. */
function exchange(socket: Socket, request: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.once('close', () => resolve(text));
    socket.write(request);
  });
}

const post = (body: string) =>
  `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;

describe('graceful shutdown behind a load balancer', () => {
  it('answers the request in flight and one arriving on a connection opened before, and refuses new connections', async () => {
    const own = await startTestServer();
    const { slug, staff } = await createStaffedTenant(own, 'draining');
    const port = Number(new URL(own.url).port);
    // The owner holds the tenant's complaint counter: a filing waits on it, in flight.
    const lock = new Client({ connectionString: own.sessionUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query(
      `INSERT INTO tenant_counters (tenant_id, name, value) SELECT id, 'complaint', 0 FROM tenants WHERE slug = $1
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value`,
      [slug],
    );
    const inFlight = own.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } errors { code } } }`,
      { input: SAMPLE_COMPLAINT },
      { token: staff.agent },
    );
    await poll(
      () =>
        own.ownerQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`),
      ([row]) => row.n === 1,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    // A balancer's connection, opened before the stop, whose request comes after it began.
    const early = connect(port, '127.0.0.1');
    await new Promise((resolve) => early.once('connect', resolve));

    const stopping = own.app.stop();
    const refused = await poll(
      () =>
        new Promise<boolean>((resolve) => {
          const probe = connect(port, '127.0.0.1');
          probe.once('connect', () => (probe.destroy(), resolve(false)));
          probe.once('error', () => resolve(true));
        }),
      (isRefused) => isRefused,
      { timeoutMs: 10_000, intervalMs: 10 },
    );
    expect(refused).toBe(true);
    const answer = await exchange(early, post(JSON.stringify({ query: '{ __typename }' })));
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
    expect(answer.toLowerCase()).toContain('connection: close');
    expect(answer).toContain('"data":{"__typename":"Query"}');

    await lock.query('COMMIT');
    await lock.end();
    const filed = await inFlight;
    expect(filed.status).toBe(200);
    expect(filed.data.fileComplaint.errors).toEqual([]);
    expect(filed.data.fileComplaint.complaint.status).toBe('RECEIVED');
    await stopping;
    await own.stop();
  });

  it('refuses a WebSocket upgrade while stopping with a retryable 503', async () => {
    const own = await startTestServer();
    const { slug, staff } = await createStaffedTenant(own, 'upgrading');
    const port = Number(new URL(own.url).port);
    const lock = new Client({ connectionString: own.sessionUrl });
    await lock.connect();
    await lock.query('BEGIN');
    await lock.query(
      `INSERT INTO tenant_counters (tenant_id, name, value) SELECT id, 'complaint', 0 FROM tenants WHERE slug = $1
         ON CONFLICT (tenant_id, name) DO UPDATE SET value = tenant_counters.value`,
      [slug],
    );
    // A request in flight keeps the server draining while the upgrade is tried.
    const inFlight = own.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { errors { code } } }`,
      { input: SAMPLE_COMPLAINT },
      { token: staff.agent },
    );
    await poll(
      () =>
        own.ownerQuery(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`),
      ([row]) => row.n === 1,
      { timeoutMs: 10_000, intervalMs: 20 },
    );
    const early = connect(port, '127.0.0.1');
    await new Promise((resolve) => early.once('connect', resolve));
    const stopping = own.app.stop();
    await poll<boolean>(
      () =>
        own.request('{ __typename }').then(
          () => false,
          () => true,
        ),
      (refused) => refused,
      { timeoutMs: 10_000, intervalMs: 10 },
    );
    const answer = await exchange(
      early,
      'GET /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n' +
        'Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n',
    );
    expect(answer).toMatch(/^HTTP\/1\.1 503 /);
    expect(answer.toLowerCase()).toContain('retry-after: 1');
    await lock.query('COMMIT');
    await lock.end();
    expect((await inFlight).status).toBe(200);
    await stopping;
    await own.stop();
  });
});
