import { freePort } from '../support/free-port';
import pino from 'pino';
import WebSocket from 'ws';
import {
  AuthError,
  CurrentTenantDocument,
  MeDocument,
  createClient,
  type ConnectionState,
  type RedressClient,
  type RedressError,
} from '@redress/client-sdk';
import { startApp, type RunningApp } from '../../server/src/app';
import { createTestDatabase } from '../support/test-database';
import { createOwnerDataSource } from '../../server/src/db/data-sources';
import { DEMO_PLATFORM_ADMIN, seedPlatformAdmin } from '../../server/src/seed/demo-seed';
import { TEST_EPOCH, TEST_PASSWORD, startTestServer, testConfig, type TestServer } from '../support/test-server';
import { SettableClock } from '../../server/src/time/clock';

/** The SDK's graphql-ws path against a real server: operations, refusals, re-auth, reconnects. */
let server: TestServer;
let first: { adminToken: string };
let second: { adminToken: string };
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

function wsClient(options: Partial<Parameters<typeof createClient>[0]> & { url?: string }): RedressClient {
  const client = createClient({
    url: server.url,
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

function waitFor(client: RedressClient, state: ConnectionState, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${state} within ${timeoutMs} ms`)), timeoutMs);
    const stop = client.onConnectionChange((next) => {
      if (next !== state) return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
}

describe('operations over graphql-ws', () => {
  it('runs a typed operation over the socket and completes', async () => {
    const client = wsClient({ token: first.adminToken });
    const data = await overSocket<{ tenant: { slug: string } }>((handlers) => client.subscribe(CurrentTenantDocument, handlers));
    expect(data.tenant.slug).toBe('sdk-ws-one');
  });

  it('reports refused credentials as an AuthError', async () => {
    const client = wsClient({ token: 'not-a-token' });
    const error = await overSocket((handlers) => client.subscribe(MeDocument, handlers)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('UNAUTHENTICATED');
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
    await waitFor(client, 'connected');
    const before = await overSocket<{ tenant: { slug: string } }>((h) => client.subscribe(CurrentTenantDocument, h));
    expect(before.tenant.slug).toBe('sdk-ws-one');

    const reconnected = waitFor(client, 'connected');
    client.setCredentials({ token: second.adminToken });
    await reconnected;
    const after = await overSocket<{ tenant: { slug: string } }>((h) => client.subscribe(CurrentTenantDocument, h));
    expect(after.tenant.slug).toBe('sdk-ws-two');
  });
});

describe('reconnecting after the server restarts', () => {
  it('reconnects with backoff to a new server on the same port and database, and runs what was asked meanwhile', async () => {
    const database = await createTestDatabase();
    const config = testConfig(database.url, { port: await freePort() });
    const clock = new SettableClock(TEST_EPOCH);
    const start = () => startApp(config, pino({ level: 'silent' }), { clock });
    let app: RunningApp = await start();
    try {
      const adminToken = await createTenantOn(app, database.url, 'sdk-ws-restart');
      const client = wsClient({ url: app.url, token: adminToken, keepSocketOpen: true });
      const states: ConnectionState[] = [];
      client.onConnectionChange((state) => states.push(state));
      await waitFor(client, 'connected');

      await app.stop();
      await waitFor(client, 'reconnecting');
      // Asked while the server is down: runs once the socket is back.
      const pending = overSocket<{ tenant: { slug: string } }>((h) => client.subscribe(CurrentTenantDocument, h));
      await new Promise((resolve) => setTimeout(resolve, 300));
      app = await start();
      expect((await pending).tenant.slug).toBe('sdk-ws-restart');
      expect(states.filter((state) => state === 'connected').length).toBeGreaterThanOrEqual(2);
      expect(states).toContain('reconnecting');
      await client.dispose();
    } finally {
      await app.stop();
      await database.drop();
    }
  });
});

/** A tenant on a running app's database, created through its API; returns its admin's token. */
async function createTenantOn(app: RunningApp, databaseUrl: string, slug: string): Promise<string> {
  const owner = createOwnerDataSource(databaseUrl);
  await owner.initialize();
  await seedPlatformAdmin(owner, app.clock);
  await owner.destroy();
  const graphql = async (query: string, variables: Record<string, unknown>, token?: string) => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as any;
  };
  const login = `mutation ($input: LoginInput!) { login(input: $input) { token } }`;
  const platformAdmin = await graphql(login, { input: { email: DEMO_PLATFORM_ADMIN.email, password: DEMO_PLATFORM_ADMIN.password } });
  const admin = { email: `admin@${slug}.test`, password: TEST_PASSWORD, name: 'Admin' };
  const created = await graphql(
    `
      mutation ($input: CreateTenantInput!) {
        createTenant(input: $input) {
          errors {
            code
          }
        }
      }
    `,
    { input: { slug, name: slug, timeZone: 'Asia/Shanghai', locale: 'en', admin } },
    platformAdmin.data.login.token,
  );
  expect(created.data.createTenant.errors).toEqual([]);
  return (await graphql(login, { input: { email: admin.email, password: admin.password, tenantSlug: slug } })).data.login.token;
}
