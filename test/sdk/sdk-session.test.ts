import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import WebSocket from 'ws';
import {
  AuthError,
  ComplaintChangedDocument,
  CurrentTenantDocument,
  MeDocument,
  createClient,
  resumeSession,
  signIn,
  type RedressClient,
  type SessionExpiry,
  type SessionGrant,
} from '@redress/client-sdk';
import { sleep, waitFor } from '../support/live-client';
import { poll } from '../support/poll';
import { fileComplaint } from '../support/complaint-fixtures';
import { TEST_PASSWORD, startTestServer, type TestServer } from '../support/test-server';

/**
 * signIn against a real server: a session that renews its token before it runs out, ends on
 * logout, and tells the app when it is over. Tokens live 3 seconds here.
 */
const ROOT = path.resolve(__dirname, '../..');
const TTL_SECONDS = 3;
let server: TestServer;
let tenant: { slug: string; adminEmail: string };
/** A second organisation the first one's administrator is also a member of (as an agent). */
let second: { slug: string; adminEmail: string };
const made: RedressClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ tokenTtlSeconds: TTL_SECONDS });
  tenant = await server.createTenant('sdk-session');
  second = await server.createTenant('sdk-session-two');
  const invited = await server.request(
    `mutation ($email: String!) { inviteUser(input: { email: $email, name: "Both", roles: ["agent"] }) { invitation { id } errors { code } } }`,
    { email: tenant.adminEmail },
    { token: await server.login(second.adminEmail, TEST_PASSWORD, second.slug) },
  );
  expect(invited.data.inviteUser.errors).toEqual([]);
  const accepted = await server.request(
    `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { errors { code } } }`,
    { id: invited.data.inviteUser.invitation.id },
    { token: await server.login(tenant.adminEmail, TEST_PASSWORD, tenant.slug) },
  );
  expect(accepted.data.acceptInvitation.errors).toEqual([]);
});

afterAll(async () => {
  await Promise.all(made.map((c) => c.dispose()));
  await server?.stop();
});

/** A client logging the operations it sends; `refuse` makes the named ones fail as if the network were down. */
function client(log: string[] = [], refuse: ReadonlySet<string> = new Set(), token?: string): RedressClient {
  const created = createClient({
    url: server.url,
    webSocketImpl: WebSocket,
    ...(token ? { token } : {}),
    fetch: async (url, init) => {
      const name = (JSON.parse(init.body) as { operationName?: string }).operationName ?? '';
      log.push(name);
      if (refuse.has(name)) throw new TypeError('fetch failed');
      return fetch(url, init);
    },
  });
  made.push(created);
  return created;
}

const credentials = () => ({ tenantSlug: tenant.slug, email: tenant.adminEmail, password: TEST_PASSWORD });

it('returns a wrong password as a typed error and leaves the client signed out', async () => {
  const signedOut = client();
  const result = await signIn(signedOut, { ...credentials(), password: 'wrong' });
  expect(result).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'INVALID_CREDENTIALS' })] });
  await expect(signedOut.query(MeDocument)).rejects.toMatchObject({ name: 'AuthError', code: 'UNAUTHENTICATED' });
});

it('signs the client in with the session’s token', async () => {
  const signedIn = client();
  const result = await signIn(signedIn, credentials());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  expect(result.session.viewer.tenant?.slug).toBe(tenant.slug);
  expect(Date.parse(result.session.expiresAt)).toBeGreaterThan(Date.now());
  const me = await signedIn.query(MeDocument);
  expect(me.me.user.email).toBe(tenant.adminEmail);
  await result.session.logout();
});

it('renews the token before it expires, so the client stays signed in past the first token’s expiry', async () => {
  const log: string[] = [];
  const signedIn = client(log);
  // Renewed half-way through the token's life: a loaded machine still answers in time.
  const result = await signIn(signedIn, { ...credentials(), renewAt: 0.5 });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const firstToken = result.session.token;
  const firstExpiry = Date.parse(result.session.expiresAt);
  await waitFor(() => result.session.token !== firstToken, (TTL_SECONDS + 2) * 1000, 'a renewed token');
  expect(log.filter((name) => name === 'RenewToken').length).toBeGreaterThanOrEqual(1);
  await waitFor(() => Date.now() > firstExpiry + 500, (TTL_SECONDS + 2) * 1000, 'the first token to expire');
  expect(result.session.active).toBe(true);
  expect((await signedIn.query(MeDocument)).me.user.email).toBe(tenant.adminEmail);
  await result.session.logout();
});

it('logs out on the server, clears the credentials and stops renewing', async () => {
  const log: string[] = [];
  const signedIn = client(log);
  const result = await signIn(signedIn, credentials());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  const token = result.session.token;
  const loggedOut = await result.session.logout();
  expect(loggedOut.ok).toBe(true);
  expect(result.session.active).toBe(false);
  // The token no longer works anywhere, and the client sends none.
  const refused = await client()
    .query(MeDocument)
    .catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(AuthError);
  const withOldToken = await server.request('{ me { user { id } } }', {}, { token });
  expect(withOldToken.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  await expect(signedIn.query(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  await new Promise((resolve) => setTimeout(resolve, TTL_SECONDS * 1000));
  expect(log.filter((name) => name === 'RenewToken')).toEqual([]);
});

it('ends the session and says so when the server no longer renews it', async () => {
  const expiries: SessionExpiry[] = [];
  const signedIn = client();
  const result = await signIn(signedIn, { ...credentials(), onExpired: (expiry) => expiries.push(expiry) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  // Ended from elsewhere (another tab logs out the same session): the renewal is refused.
  const ended = await server.request('mutation { logout { errors { code } } }', {}, { token: result.session.token });
  expect(ended.data?.logout?.errors).toEqual([]);
  await expect(result.session.renew()).resolves.toBe(false);
  expect(expiries).toHaveLength(1);
  expect(result.session.active).toBe(false);
  await expect(signedIn.query(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});

it('ends the session when the token runs out before a renewal gets through', async () => {
  const expiries: SessionExpiry[] = [];
  const signedIn = client([], new Set(['RenewToken']));
  const result = await signIn(signedIn, { ...credentials(), onExpired: (expiry) => expiries.push(expiry) });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  await waitFor(() => expiries.length > 0, (TTL_SECONDS + 2) * 1000, 'the session to expire');
  expect(expiries).toEqual([{ kind: 'EXPIRED' }]);
  expect(result.session.active).toBe(false);
  await expect(signedIn.query(MeDocument)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
});

/** A stored session of the first tenant's administrator, as an app keeps it across a reload. */
async function storedSession(): Promise<SessionGrant> {
  const result = await signIn(client(), credentials());
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return { token: result.session.token, expiresAt: result.session.expiresAt };
}

describe('resumeSession', () => {
  it('resumes a stored session on a new client: signed in with its token, the viewer read again, renewed before it expires', async () => {
    const stored = await storedSession();
    const log: string[] = [];
    const renewals: SessionGrant[] = [];
    const reloaded = client(log);
    const resumed = await resumeSession(reloaded, stored, { renewAt: 0.5, onRenewed: (grant) => renewals.push(grant) });
    if (!resumed.ok) throw new Error(resumed.reason);
    const { session } = resumed;
    expect(session.token).toBe(stored.token);
    expect(session.viewer.user.email).toBe(tenant.adminEmail);
    expect(session.viewer.tenant?.slug).toBe(tenant.slug);
    expect(log).toEqual(['Me']);
    await waitFor(() => renewals.length > 0, (TTL_SECONDS + 2) * 1000, 'a renewal');
    expect(renewals[0]).toEqual({ token: session.token, expiresAt: session.expiresAt });
    expect(renewals[0].token).not.toBe(stored.token);
    await waitFor(() => Date.now() > Date.parse(stored.expiresAt) + 500, (TTL_SECONDS + 2) * 1000, 'the stored token to expire');
    expect(session.active).toBe(true);
    expect((await reloaded.query(MeDocument)).me.user.email).toBe(tenant.adminEmail);
    await session.logout();
  });

  it('refuses a stored session whose token has expired (EXPIRED) and clears the client’s credentials', async () => {
    const stored = await storedSession();
    await waitFor(() => Date.now() > Date.parse(stored.expiresAt) + 200, (TTL_SECONDS + 2) * 1000, 'the stored token to expire');
    const log: string[] = [];
    const reloaded = client(log, new Set(), await server.login(tenant.adminEmail, TEST_PASSWORD, tenant.slug));
    await expect(resumeSession(reloaded, stored)).resolves.toEqual({ ok: false, reason: 'EXPIRED' });
    // The server says so too, when the stored expiry is not believed.
    await expect(resumeSession(reloaded, { ...stored, expiresAt: new Date(Date.now() + 60_000).toISOString() })).resolves.toEqual({
      ok: false,
      reason: 'EXPIRED',
    });
    await expect(reloaded.query(MeDocument)).rejects.toMatchObject({ name: 'AuthError', code: 'UNAUTHENTICATED' });
    expect(log).toEqual(['Me', 'Me']);
  });

  it('refuses a stored session that was logged out (EXPIRED) and clears the client’s credentials', async () => {
    const stored = await storedSession();
    const ended = await server.request('mutation { logout { errors { code } } }', {}, { token: stored.token });
    expect(ended.data?.logout?.errors).toEqual([]);
    const expiries: SessionExpiry[] = [];
    const reloaded = client([], new Set(), await server.login(tenant.adminEmail, TEST_PASSWORD, tenant.slug));
    await expect(resumeSession(reloaded, stored, { onExpired: (expiry) => expiries.push(expiry) })).resolves.toEqual({
      ok: false,
      reason: 'EXPIRED',
    });
    await expect(reloaded.query(MeDocument)).rejects.toMatchObject({ name: 'AuthError', code: 'UNAUTHENTICATED' });
    // Never started, so never ended: onExpired is for sessions that ran.
    expect(expiries).toEqual([]);
  });
});

describe('session.switchTenant', () => {
  it('moves the session to another organisation of the user: token and viewer replaced, credentials follow, onRenewed told', async () => {
    const renewals: SessionGrant[] = [];
    const signedIn = client();
    // Renewed late: the switch is what replaces the token here.
    const result = await signIn(signedIn, { ...credentials(), renewAt: 0.9, onRenewed: (grant) => renewals.push(grant) });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { session } = result;
    const before = session.token;
    const switched = await session.switchTenant(second.slug);
    if (!switched.ok) throw new Error(JSON.stringify(switched.errors));
    expect(switched.data.viewer.tenant?.slug).toBe(second.slug);
    expect(switched.data.viewer.roles).toEqual(['agent']);
    expect(session.viewer).toEqual(switched.data.viewer);
    expect(session.token).not.toBe(before);
    expect(renewals.at(-1)).toEqual({ token: session.token, expiresAt: session.expiresAt });
    expect((await signedIn.query(CurrentTenantDocument)).tenant.slug).toBe(second.slug);

    // Not one of the user's organisations: a typed NOT_FOUND, and the session stays where it was.
    const refused = await session.switchTenant('no-such-organisation');
    expect(refused).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'NOT_FOUND', field: 'tenantSlug' })] });
    expect(session.viewer.tenant?.slug).toBe(second.slug);
    expect(session.active).toBe(true);

    // Renewed in the new organisation, and logout ends the sign-in there too.
    await expect(session.renew()).resolves.toBe(true);
    expect(session.viewer.tenant?.slug).toBe(second.slug);
    const switchedToken = session.token;
    await session.logout();
    const refusedAfter = await server.request('{ me { user { id } } }', {}, { token: switchedToken });
    expect(refusedAfter.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const originalAfter = await server.request('{ me { user { id } } }', {}, { token: before });
    expect(originalAfter.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('resumes a live subscription after the switch with refetch, then delivers the new organisation’s changes only', async () => {
    const signedIn = client();
    const result = await signIn(signedIn, { ...credentials(), renewAt: 0.9 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const seen: string[] = [];
    let refetches = 0;
    const stop = signedIn.subscribe(ComplaintChangedDocument, {
      next: (data) => {
        if (data.complaintChanged.complaint) seen.push(data.complaintChanged.complaint.id);
      },
      refetch: () => refetches++,
    });
    await waitFor(() => server.app.live.hub.subscriberCount === 1, 10_000, 'the subscription');
    const refetchesBefore = refetches;
    const switched = await result.session.switchTenant(second.slug);
    expect(switched.ok).toBe(true);
    await waitFor(() => refetches > refetchesBefore, 10_000, 'the subscription to resume after the switch');
    const firstToken = await server.login(tenant.adminEmail, TEST_PASSWORD, tenant.slug);
    const secondToken = await server.login(second.adminEmail, TEST_PASSWORD, second.slug);
    // The resubscription reaches the server a moment after its refetch signal: it is live once
    // a change of the new organisation arrives.
    const arrives = async () => {
      const filed = await fileComplaint(server, secondToken);
      const until = performance.now() + 1000;
      while (!seen.includes(filed.id) && performance.now() < until) await sleep(20);
      return seen.includes(filed.id);
    };
    await poll(arrives, (arrived) => arrived, { timeoutMs: 15_000, intervalMs: 0 });

    // Changes arrive in commit order: the old organisation's, filed before a marker of the new
    // one, would be seen before the marker.
    const inFirst = await fileComplaint(server, firstToken);
    const marker = await fileComplaint(server, secondToken);
    await waitFor(() => seen.includes(marker.id), 10_000, 'the new organisation’s change');
    expect(seen).not.toContain(inFirst.id);
    stop();
    await result.session.logout();
  });
});

it('does not keep a Node process running', async () => {
  const script = `
    import { createClient, signIn } from '@redress/client-sdk';
    const result = await signIn(createClient({ url: process.env.SDK_URL }), JSON.parse(process.env.SDK_SIGN_IN));
    console.log(result.ok);
  `;
  const started = performance.now();
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: ROOT,
    env: { ...process.env, SDK_URL: server.url, SDK_SIGN_IN: JSON.stringify(credentials()) },
    timeout: 20000,
  });
  expect(stdout.trim()).toBe('true');
  // The renewal timer (due in 2.4 s) and the expiry timer did not hold the process.
  expect(performance.now() - started).toBeLessThan(TTL_SECONDS * 800);
});
