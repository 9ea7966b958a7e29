import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { AuthError, MeDocument, createClient, signIn, type RedressClient, type SessionExpiry } from '@redress/client-sdk';
import { waitFor } from '../support/live-client';
import { TEST_PASSWORD, startTestServer, type TestServer } from '../support/test-server';

/**
 * signIn against a real server: a session that renews its token before it runs out, ends on
 * logout, and tells the app when it is over. Tokens live 3 seconds here.
 */
const ROOT = path.resolve(__dirname, '../..');
const TTL_SECONDS = 3;
let server: TestServer;
let tenant: { slug: string; adminEmail: string };

beforeAll(async () => {
  server = await startTestServer({ tokenTtlSeconds: TTL_SECONDS });
  tenant = await server.createTenant('sdk-session');
});

afterAll(async () => {
  await server?.stop();
});

/** A client logging the operations it sends; `refuse` makes the named ones fail as if the network were down. */
function client(log: string[] = [], refuse: ReadonlySet<string> = new Set()): RedressClient {
  return createClient({
    url: server.url,
    fetch: async (url, init) => {
      const name = (JSON.parse(init.body) as { operationName?: string }).operationName ?? '';
      log.push(name);
      if (refuse.has(name)) throw new TypeError('fetch failed');
      return fetch(url, init);
    },
  });
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
