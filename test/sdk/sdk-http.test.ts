import { parse } from 'graphql';
import {
  AddNoteDocument,
  ApiKeysDocument,
  AuthError,
  GraphQLRequestError,
  MeDocument,
  TransportError,
  createClient,
  type FetchLike,
  type RedressClient,
  type TypedDocumentNode,
} from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** The SDK over HTTP against a real server: which class each failure is, aborting, and an app's own documents. */
let server: TestServer;
let staff: Staff;

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'sdk-http'));
});

afterAll(async () => {
  await server?.stop();
});

const clientFor = (token?: string, fetch?: FetchLike): RedressClient => createClient({ url: server.url, token, fetch });

describe('errors', () => {
  it('throws a GraphQLRequestError with code FORBIDDEN when the viewer lacks the role, not an AuthError', async () => {
    const error = await clientFor(staff.agent)
      .query(ApiKeysDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect(error).not.toBeInstanceOf(AuthError);
    expect((error as GraphQLRequestError).code).toBe('FORBIDDEN');
  });

  it('throws an AuthError with code UNAUTHENTICATED for a credential the server refuses', async () => {
    const error = await clientFor('not-a-token')
      .query(MeDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('UNAUTHENTICATED');
  });
});

describe('aborting a request', () => {
  it('aborts the fetch and rejects with a TransportError marked aborted', async () => {
    const signals: AbortSignal[] = [];
    const recording: FetchLike = (url, init) => {
      if (init.signal) signals.push(init.signal);
      return globalThis.fetch(url, init);
    };
    const client = clientFor(staff.agent, recording);
    expect((await client.query(MeDocument, undefined, { signal: new AbortController().signal })).me.roles).toEqual(['agent']);

    const controller = new AbortController();
    const pending = client.query(MeDocument, undefined, { signal: controller.signal });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    const error = await pending.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).aborted).toBe(true);
    expect(signals).toHaveLength(2);
    expect(signals[1].aborted).toBe(true);
  });

  it('rejects a mutation whose signal is already aborted without an answer', async () => {
    const controller = new AbortController();
    controller.abort();
    const error = await clientFor(staff.agent)
      .mutate(AddNoteDocument, { input: { complaintId: 'x', expectedVersion: 1, body: 'never sent' } }, { signal: controller.signal })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).aborted).toBe(true);
  });
});

describe('a fetch the browser refused', () => {
  const page = globalThis as { location?: { origin: string; href: string } };
  const refused: FetchLike = () => Promise.reject(new TypeError('Failed to fetch'));

  afterEach(() => {
    delete page.location;
  });

  it('names ALLOWED_ORIGINS and the page origin when the endpoint is on another origin', async () => {
    page.location = { origin: 'https://desk.example', href: 'https://desk.example/queue' };
    const error = await createClient({ url: 'https://api.example/graphql', fetch: refused })
      .query(MeDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).message).toMatch(/ALLOWED_ORIGINS/);
    expect((error as TransportError).message).toContain('https://desk.example');
    expect((error as TransportError).aborted).toBe(false);
  });

  it('says only that the server cannot be reached when the endpoint is on the page’s own origin', async () => {
    page.location = { origin: 'https://desk.example', href: 'https://desk.example/queue' };
    const error = await createClient({ url: '/graphql', fetch: refused })
      .query(MeDocument)
      .catch((caught: unknown) => caught);
    expect((error as TransportError).message).toBe('Cannot reach /graphql');
  });
});

describe("an app's own syntax-tree documents", () => {
  const Me = parse('query OwnMe { me { roles } }') as TypedDocumentNode<{ me: { roles: string[] } }, Record<string, never>>;

  it('runs them, printed with graphql on first use', async () => {
    const client = clientFor(staff.agent);
    expect((await client.query(Me)).me.roles).toEqual(['agent']);
    expect((await client.query(Me)).me.roles).toEqual(['agent']);
  });

  it('checks their operation kind at run time', async () => {
    const subscription = parse('subscription { deadlineAlerts { kind } }') as TypedDocumentNode<unknown, Record<string, never>>;
    await expect(clientFor(staff.agent).query(subscription)).rejects.toThrow(/query\(\) takes a query document/);
    await expect(clientFor(staff.agent).mutate(Me as never)).rejects.toThrow(/mutate\(\) takes a mutation document/);
  });
});
