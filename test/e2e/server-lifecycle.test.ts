import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../support/test-server';
import { applicationConnections } from '../support/app-connections';

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
