import 'reflect-metadata';
import WebSocket from 'ws';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { connectLive, sleep, waitFor, waitForSubscribers } from '../support/live-client';
import { COMPLAINT_STATUS_CHANGED, LiveClients, payloadOf, TrackedComplaint } from '../support/live-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A hostile WebSocket client gets the limits HTTP has: message size, tokens, aliases,
 * directives, introspection off, operations per connection and connections per credential.
 * A bad operation fails alone; the socket and the event loop stay healthy.
 */
const MAX_SUBSCRIPTIONS = 5;
const MAX_CONNECTIONS = 3;

let server: TestServer;
let tenant: { slug: string; staff: Staff };
let complaint: TrackedComplaint;
const clients = new LiveClients(() => server.url);

beforeAll(async () => {
  server = await startTestServer({
    introspection: false,
    wsMaxSubscriptionsPerConnection: MAX_SUBSCRIPTIONS,
    wsMaxConnectionsPerCredential: MAX_CONNECTIONS,
  });
  tenant = await createStaffedTenant(server, 'hostile');
  complaint = await TrackedComplaint.file(server, tenant.staff.agent);
});

afterEach(async () => {
  await clients.closeAll();
  await waitForSubscribers(server.app.live.hub, 0);
});

afterAll(async () => {
  await server?.stop();
});

const complainantParams = () => ({ tenantSlug: tenant.slug, trackingCode: complaint.current.trackingCode });

/** A graphql-transport-ws connection spoken by hand, to send exactly what a hostile client would. */
interface RawSocket {
  messages: any[];
  closed: Promise<{ code: number; at: number }>;
  send(message: unknown): void;
  sendText(text: string): void;
  /** The first message for operation `id` (next or error). */
  reply(id: string, timeoutMs?: number): Promise<any>;
  close(): void;
}

async function rawSocket(connectionParams: Record<string, unknown>): Promise<RawSocket> {
  const socket = new WebSocket(server.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const messages: any[] = [];
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    socket.on('close', (code) => resolve({ code, at: performance.now() })),
  );
  socket.on('error', () => undefined);
  socket.on('message', (data) => messages.push(JSON.parse(String(data))));
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.send(JSON.stringify({ type: 'connection_init', payload: connectionParams }));
  await waitFor(() => messages.some((m) => m.type === 'connection_ack'), 5000, 'connection_ack');
  return {
    messages,
    closed,
    send: (message) => socket.send(JSON.stringify(message)),
    sendText: (text) => socket.send(text),
    async reply(id, timeoutMs = 10000) {
      await waitFor(() => messages.some((m) => m.id === id && m.type !== 'complete'), timeoutMs, `a reply to ${id}`);
      return messages.find((m) => m.id === id && m.type !== 'complete');
    },
    close: () => socket.close(),
  };
}

/** Runs `work` while asking /healthz every 20 ms; the slowest answer measures how long the event loop was blocked. */
async function healthzDuring<T>(work: () => Promise<T>): Promise<{ result: T; slowestMs: number; probes: number }> {
  const healthz = server.url.replace(/\/graphql$/, '/healthz');
  let done = false;
  let slowestMs = 0;
  let probes = 0;
  const probing = (async () => {
    while (!done) {
      const started = performance.now();
      const response = await fetch(healthz);
      expect(response.status).toBe(200);
      await response.arrayBuffer();
      slowestMs = Math.max(slowestMs, performance.now() - started);
      probes++;
      await sleep(20);
    }
  })();
  try {
    const result = await work();
    return { result, slowestMs, probes };
  } finally {
    done = true;
    await probing;
  }
}

/** `{ a0: __typename a1: __typename … }` of about `bytes` bytes. */
function aliasedQuery(bytes: number): string {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const part = `a${i}: __typename `;
    parts.push(part);
    size += part.length;
  }
  return `{ ${parts.join('')}}`;
}

/** The same document over HTTP, without credentials. */
async function overHttp(query: string) {
  return server.request(query);
}

const messagesOf = (errors: any[] | undefined) => (errors ?? []).map((e: any) => e.message as string);

describe('message size', () => {
  it('closes a complainant connection that sends more than 1 MB at once, while /healthz keeps answering', async () => {
    const socket = await rawSocket(complainantParams());
    const query = aliasedQuery(1_200_000);
    const { result, slowestMs } = await healthzDuring(async () => {
      const sent = performance.now();
      socket.send({ id: 'big', type: 'subscribe', payload: { query } });
      const closed = await Promise.race([socket.closed, sleep(5000).then(() => ({ code: 0, at: performance.now() }))]);
      socket.close();
      return { code: closed.code, ms: closed.at - sent };
    });
    // 1009: message too big (RFC 6455); the server never parses it.
    expect(result.code).toBe(1009);
    expect(result.ms).toBeLessThan(2000);
    expect(slowestMs).toBeLessThan(1000);
    expect(socket.messages.filter((m) => m.id === 'big')).toEqual([]);
  });
});

describe('operation limits over WebSocket, as over HTTP', () => {
  it('refuses a 500 KB aliased query at the token limit, for that operation only, without blocking the event loop', async () => {
    const socket = await rawSocket(complainantParams());
    const query = aliasedQuery(500_000);
    const { result: reply, slowestMs } = await healthzDuring(async () => {
      socket.send({ id: 'aliased', type: 'subscribe', payload: { query } });
      return socket.reply('aliased');
    });
    expect(reply.type).toBe('error');
    expect(reply.payload).toHaveLength(1);
    expect(reply.payload[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(reply.payload[0].message).toMatch(/tokens/);
    expect(slowestMs).toBeLessThan(1000);
    socket.send({ id: 'after', type: 'subscribe', payload: { query: '{ __typename }' } });
    expect(await socket.reply('after')).toMatchObject({ type: 'next', payload: { data: { __typename: 'Query' } } });
    socket.close();
  });

  it('fails a query over the token limit (2,000) alone, with the error HTTP gives, and runs the next one', async () => {
    const live = await clients.with(complainantParams());
    const overLimit = `{ ${'__typename '.repeat(2001)}}`;
    const underLimit = `{ ${'a: __typename '.repeat(600)}}`;
    const refused = await live.subscribe(overLimit);
    await refused.done();
    const error = refused.results[0].transportError;
    expect(Array.isArray(error)).toBe(true);
    expect(error[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(error[0].message).toMatch(/token/i);
    const http = await overHttp(overLimit);
    expect(http.data ?? null).toBeNull();
    expect(messagesOf(http.errors).join(' ')).toMatch(/token/i);

    const accepted = await live.subscribe(underLimit);
    expect(await accepted.nth(0)).toEqual({ data: { a: 'Query' } });
    expect(live.closeCode()).toBeNull();
  });

  it('applies the alias and directive limits with the same messages as HTTP', async () => {
    const live = await clients.with(complainantParams());
    const status = 'complaintStatus(tenantSlug: "x", trackingCode: "y") { status }';
    const tooManyAliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: ${status}`).join(' ')} }`;
    const tooManyDirectives = `{ __typename ${'@include(if: true) '.repeat(21)}}`;
    for (const query of [tooManyAliases, tooManyDirectives]) {
      const refused = await live.subscribe(query);
      await refused.done();
      const errors = refused.results[0].transportError;
      expect(new Set(errors.map((e: any) => e.extensions.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
      expect(messagesOf(errors).join(' ')).toMatch(/Aliases limit of 15|Directives limit of 20/);
      const http = await overHttp(query);
      expect(messagesOf(errors).sort()).toEqual(messagesOf(http.errors).sort());
    }
    expect(live.closeCode()).toBeNull();
  });

  it('fails a subscribe message with a syntax error alone; a valid subscription on the same socket still delivers', async () => {
    const live = await clients.with(complainantParams());
    const broken = await live.subscribe('subscription { complaintStatusChanged(tenantSlug: "x" {');
    await broken.done();
    expect(broken.results[0].transportError[0]).toMatchObject({ extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
    expect(broken.results[0].transportError[0].message).toMatch(/^Syntax Error/);

    const status = await live.subscribe(COMPLAINT_STATUS_CHANGED, { slug: tenant.slug, code: complaint.current.trackingCode });
    await waitForSubscribers(server.app.live.hub, 1);
    await complaint.do(tenant.staff.agent, 'acknowledgeComplaint');
    expect(payloadOf(await status.nth(0), 'complaintStatusChanged').status).toBe('ACKNOWLEDGED');
    expect(live.closeCode()).toBeNull();
  });
});

describe('introspection off', () => {
  it('refuses introspection over WebSocket as over HTTP', async () => {
    const live = await clients.as(tenant.staff.admin);
    const query = '{ __schema { queryType { name } } }';
    const refused = await live.subscribe(query);
    await refused.done();
    const errors = refused.results[0].transportError;
    expect(new Set(errors.map((e: any) => e.extensions.code))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(messagesOf(errors).join(' ')).toMatch(/introspection/i);
    const http = await server.request(query, {}, { token: tenant.staff.admin });
    expect(messagesOf(http.errors).join(' ')).toMatch(/introspection/i);
    expect(http.data ?? null).toBeNull();
    // __typename is not introspection of the schema.
    expect(await (await live.subscribe('{ __typename }')).nth(0)).toEqual({ data: { __typename: 'Query' } });
  });

  it('names no fields, arguments or enum values in suggestions, over either transport', async () => {
    const live = await clients.as(tenant.staff.admin);
    const misspelt = [
      '{ complaint { id } }',
      '{ complaints(frist: 2) { totalCount } }',
      '{ complaints(filter: { status: RECIEVED }) { totalCount } }',
      '{ complaints { totalCont } }',
    ];
    for (const query of misspelt) {
      const refused = await live.subscribe(query);
      await refused.done();
      const wsMessages = messagesOf(refused.results[0].transportError);
      const http = await server.request(query, {}, { token: tenant.staff.admin });
      const httpMessages = messagesOf(http.errors);
      expect(wsMessages.length).toBeGreaterThan(0);
      expect(httpMessages.length).toBeGreaterThan(0);
      for (const message of [...wsMessages, ...httpMessages]) {
        expect(message).not.toMatch(/Did you mean/);
        expect(message).not.toMatch(/totalCount|RECEIVED|"first"|complaintStatus/);
      }
    }
  });
});

describe('caps', () => {
  it(`refuses operations beyond ${MAX_SUBSCRIPTIONS} open on one connection, and takes one again when another completes`, async () => {
    const live = await clients.with(complainantParams());
    const variables = { slug: tenant.slug, code: complaint.current.trackingCode };
    const open = [];
    for (let i = 0; i < MAX_SUBSCRIPTIONS; i++) open.push(await live.subscribe(COMPLAINT_STATUS_CHANGED, variables));
    await waitForSubscribers(server.app.live.hub, MAX_SUBSCRIPTIONS);
    const refused = await live.subscribe(COMPLAINT_STATUS_CHANGED, variables);
    await refused.done();
    expect(refused.results[0].transportError[0].extensions.code).toBe('TOO_MANY_SUBSCRIPTIONS');
    expect(server.app.live.hub.subscriberCount).toBe(MAX_SUBSCRIPTIONS);
    expect(live.closeCode()).toBeNull();

    open[0].unsubscribe();
    await waitForSubscribers(server.app.live.hub, MAX_SUBSCRIPTIONS - 1);
    await live.subscribe(COMPLAINT_STATUS_CHANGED, variables);
    await waitForSubscribers(server.app.live.hub, MAX_SUBSCRIPTIONS);
  });

  it(`refuses connections beyond ${MAX_CONNECTIONS} per credential with 4429; others are unaffected`, async () => {
    const held = [];
    for (let i = 0; i < MAX_CONNECTIONS; i++) held.push(await connectLive(server.url, complainantParams()));
    await expect(connectLive(server.url, complainantParams())).rejects.toMatchObject({ code: 4429 });
    for (let i = 0; i < MAX_CONNECTIONS; i++) held.push(await connectLive(server.url, { authorization: `Bearer ${tenant.staff.agent}` }));
    await expect(connectLive(server.url, { authorization: `Bearer ${tenant.staff.agent}` })).rejects.toMatchObject({ code: 4429 });
    // Another user, and the same complainant once a connection closed, are let in.
    held.push(await connectLive(server.url, { authorization: `Bearer ${tenant.staff.supervisor}` }));
    await held[0].close();
    await sleep(100);
    held.push(await connectLive(server.url, complainantParams()));
    await Promise.all(held.map((client) => client.close()));
  });
});
