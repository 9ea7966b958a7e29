import { Client } from 'pg';
import { connectLive } from '../support/live-client';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { MovableTokenTime } from '../support/token-time';

/**
 * Sessions: `renewToken` gives a sign-in a new token before the old one expires, up to the
 * maximum session age; `logout` ends a sign-in for all its tokens. Token lifetimes run on
 * technical time, moved here through the server's token time source.
 */
const TOKEN_TTL_SECONDS = 3600;
const SESSION_MAX_AGE_SECONDS = 4 * 3600;
const MINUTE = 60_000;

let server: TestServer;
const tokenTime = new MovableTokenTime();
let tenant: { slug: string; adminEmail: string };
let other: { slug: string; adminEmail: string };
let member: { email: string; password: string; userId: string; rowId: string };

const RENEW = `mutation { renewToken { token expiresAt viewer { user { id } tenant { slug } roles } errors { code message field } } }`;
const LOGOUT = `mutation { logout { errors { code message field } } }`;
const TENANT = `{ tenant { slug } }`;

const advanceTokenTime = (ms: number) => tokenTime.advance(ms);
const tokenNow = () => tokenTime.nowMs();

/** A fresh token of a tenant's administrator: tokens made at the start expire as token time moves on. */
const adminOf = (t: { slug: string; adminEmail: string }) => server.login(t.adminEmail, TEST_PASSWORD, t.slug);

async function tenantOf(token: string): Promise<string | null> {
  return (await server.request(TENANT, {}, { token })).data?.tenant?.slug ?? null;
}

async function expectUnauthenticated(token: string | undefined, query = TENANT) {
  const result = await server.request(query, {}, { token });
  expect(result.status).toBe(401);
  expect(result.data).toBeNull();
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}

async function renew(token: string) {
  const result = await server.request(RENEW, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data.renewToken;
}

async function invite(slug: string, email: string, roles: string[]) {
  const adminToken = await adminOf(slug === tenant.slug ? tenant : other);
  const invited = await server.request(
    `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { membership { user { id } } temporaryPassword errors { code } } }`,
    { input: { email, name: email.split('@')[0], roles } },
    { token: adminToken },
  );
  const payload = invited.data.inviteUser;
  expect(payload.errors).toEqual([]);
  const [{ id: rowId }] = await server.ownerQuery('SELECT id FROM users WHERE email = $1', [email]);
  return { email, password: payload.temporaryPassword as string, userId: payload.membership.user.id as string, rowId: rowId as string };
}

beforeAll(async () => {
  server = await startTestServer(
    { tokenTtlSeconds: TOKEN_TTL_SECONDS, sessionMaxAgeSeconds: SESSION_MAX_AGE_SECONDS },
    { tokenTime: tokenTime.source },
  );
  tenant = await server.createTenant('sessions-a');
  other = await server.createTenant('sessions-b');
  member = await invite(tenant.slug, 'agent@sessions-a.test', ['agent']);
});

afterAll(async () => {
  await server?.stop();
});

describe('renewToken', () => {
  it('issues a new token of the same user and tenant with a fresh lifetime; the old one works until its own expiry', async () => {
    const old = await server.login(member.email, member.password, tenant.slug);
    const oldExpiry = tokenNow() + TOKEN_TTL_SECONDS * 1000;
    advanceTokenTime(30 * MINUTE);
    const renewed = await renew(old);
    expect(renewed.errors).toEqual([]);
    expect(renewed.viewer).toEqual({ user: { id: member.userId }, tenant: { slug: tenant.slug }, roles: ['agent'] });
    expect(renewed.token).not.toBe(old);
    // A full lifetime from the renewal, not from the sign-in (JWT times are whole seconds).
    expect(Math.abs(Date.parse(renewed.expiresAt) - (tokenNow() + TOKEN_TTL_SECONDS * 1000))).toBeLessThan(2000);
    expect(await tenantOf(renewed.token)).toBe(tenant.slug);
    expect(await tenantOf(old)).toBe(tenant.slug);
    // Past the old token's expiry: it is refused, the renewed one still works.
    advanceTokenTime(oldExpiry - tokenNow() + MINUTE);
    await expectUnauthenticated(old);
    expect(await tenantOf(renewed.token)).toBe(tenant.slug);
    await expectUnauthenticated(old, RENEW);
  });

  it('is refused for a removed member: their token no longer authenticates (UNAUTHENTICATED)', async () => {
    const leaving = await invite(tenant.slug, 'leaving@sessions-a.test', ['agent']);
    const token = await server.login(leaving.email, leaving.password, tenant.slug);
    expect((await renew(token)).errors).toEqual([]);
    const removed = await server.request(
      `mutation ($u: ID!) { removeMember(input: { userId: $u }) { removedUserId errors { code } } }`,
      { u: leaving.userId },
      { token: await adminOf(tenant) },
    );
    expect(removed.data.removeMember.errors).toEqual([]);
    await expectUnauthenticated(token, RENEW);
  });

  it('is for login tokens: an API key gets the FORBIDDEN value, no credentials a thrown UNAUTHENTICATED', async () => {
    const created = await server.request(
      `mutation { createApiKey(input: { name: "integration", roles: ["agent"] }) { secret errors { code } } }`,
      {},
      { token: await adminOf(tenant) },
    );
    const key = created.data.createApiKey.secret as string;
    const byKey = await server.request(RENEW, {}, { token: key });
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data.renewToken).toEqual({
      token: null,
      expiresAt: null,
      viewer: null,
      errors: [{ code: 'FORBIDDEN', message: expect.stringContaining('API key'), field: null }],
    });
    const logoutByKey = await server.request(LOGOUT, {}, { token: key });
    expect(logoutByKey.errors).toBeUndefined();
    expect(logoutByKey.data.logout).toEqual({ errors: [{ code: 'FORBIDDEN', message: expect.stringContaining('API key'), field: null }] });
    // The key still works: nothing was ended.
    expect(await tenantOf(key)).toBe(tenant.slug);
    expect(await server.ownerQuery('SELECT * FROM ended_sessions WHERE user_id = $1', [member.rowId])).toEqual([]);
    await expectUnauthenticated(undefined, RENEW);
    await expectUnauthenticated(undefined, LOGOUT);
  });

  it('is refused with SESSION_EXPIRED once the sign-in is older than the maximum session age', async () => {
    let token = await server.login(member.email, member.password, tenant.slug);
    const signedInAt = tokenNow();
    // Renewed every 55 minutes, each time before the token expires, up to the maximum age.
    while (tokenNow() + 55 * MINUTE - signedInAt <= SESSION_MAX_AGE_SECONDS * 1000 - MINUTE) {
      advanceTokenTime(55 * MINUTE);
      const renewed = await renew(token);
      expect(renewed.errors).toEqual([]);
      token = renewed.token;
    }
    advanceTokenTime(signedInAt + SESSION_MAX_AGE_SECONDS * 1000 + MINUTE - tokenNow());
    // The token itself has not expired (it was renewed less than an hour ago) ...
    expect(await tenantOf(token)).toBe(tenant.slug);
    // ... but its sign-in is too old to renew it again.
    const refused = await server.request(RENEW, {}, { token });
    expect(refused.errors).toBeUndefined();
    expect(refused.data.renewToken).toEqual({
      token: null,
      expiresAt: null,
      viewer: null,
      errors: [{ code: 'SESSION_EXPIRED', message: expect.any(String), field: null }],
    });
    // A new sign-in starts a new session, renewable again.
    const fresh = await server.login(member.email, member.password, tenant.slug);
    expect((await renew(fresh)).errors).toEqual([]);
  });
});

describe('logout', () => {
  it('ends the sign-in: its token and tokens renewed from it are refused over HTTP and on new WebSocket connections', async () => {
    const first = await server.login(member.email, member.password, tenant.slug);
    const renewed = (await renew(first)).token as string;
    const another = await server.login(member.email, member.password, tenant.slug);
    const live = await connectLive(server.url, { authorization: `Bearer ${renewed}` });
    await live.close();

    const result = await server.request(LOGOUT, {}, { token: first });
    expect(result.errors).toBeUndefined();
    expect(result.data.logout).toEqual({ errors: [] });

    await expectUnauthenticated(first);
    await expectUnauthenticated(renewed);
    await expectUnauthenticated(renewed, LOGOUT);
    await expect(connectLive(server.url, { authorization: `Bearer ${first}` })).rejects.toMatchObject({ code: 4403 });
    await expect(connectLive(server.url, { authorization: `Bearer ${renewed}` })).rejects.toMatchObject({ code: 4403 });
    // Another sign-in of the same user is not touched.
    expect(await tenantOf(another)).toBe(tenant.slug);
    const stillLive = await connectLive(server.url, { authorization: `Bearer ${another}` });
    await stillLive.close();
  });

  it('ends only a session of the token’s own tenant and user: a user in two tenants keeps the other one', async () => {
    // The same person, member of both tenants, signed in to each.
    const invited = await server.request(
      `mutation ($email: String!) { inviteUser(input: { email: $email, name: "Both", roles: ["agent"] }) { invitation { id } errors { code } } }`,
      { email: member.email },
      { token: await adminOf(other) },
    );
    const inA = await server.login(member.email, member.password, tenant.slug);
    const accepted = await server.request(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { errors { code } } }`,
      { id: invited.data.inviteUser.invitation.id },
      { token: inA },
    );
    expect(accepted.data.acceptInvitation.errors).toEqual([]);
    const inB = await server.login(member.email, member.password, other.slug);

    expect((await server.request(LOGOUT, {}, { token: inB })).data.logout).toEqual({ errors: [] });
    await expectUnauthenticated(inB);
    expect(await tenantOf(inA)).toBe(tenant.slug);
    const [{ id: tenantB }] = await server.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [other.slug]);
    const rows = await server.ownerQuery('SELECT tenant_id, user_id FROM ended_sessions WHERE tenant_id = $1', [tenantB]);
    expect(rows).toEqual([{ tenant_id: tenantB, user_id: member.rowId }]);
  });

  it('works alike for a platform-level sign-in (no tenant): renewed, then ended', async () => {
    const platform = await server.platformAdminToken();
    const renewed = await renew(platform);
    expect(renewed).toMatchObject({ viewer: { tenant: null }, errors: [] });
    const ME = `{ me { isPlatformAdmin } }`;
    expect((await server.request(ME, {}, { token: renewed.token })).data.me.isPlatformAdmin).toBe(true);
    expect((await server.request(LOGOUT, {}, { token: platform })).data.logout).toEqual({ errors: [] });
    await expectUnauthenticated(platform, ME);
    await expectUnauthenticated(renewed.token, ME);
    const [{ n }] = await server.ownerQuery('SELECT count(*)::int AS n FROM ended_sessions WHERE tenant_id IS NULL');
    expect(n).toBe(1);
  });

  it('is kept by the database to the session’s own tenant and user: no other tenant’s or user’s session can be ended', async () => {
    const [{ id: tenantA }] = await server.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [tenant.slug]);
    const [{ id: tenantB }] = await server.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [other.slug]);
    const [{ id: adminA }] = await server.ownerQuery('SELECT id FROM users WHERE email = $1', [tenant.adminEmail]);
    const client = new Client({ connectionString: server.runtimeUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantA, member.rowId]);
      const insert = (tenantId: string, userId: string) =>
        client.query(
          `INSERT INTO ended_sessions (session_id, tenant_id, user_id, expires_at) VALUES (gen_random_uuid(), $1, $2, now() + interval '1 hour')`,
          [tenantId, userId],
        );
      for (const [tenantId, userId] of [
        [tenantB, member.rowId],
        [tenantA, adminA],
      ]) {
        await client.query('SAVEPOINT s');
        await expect(insert(tenantId, userId)).rejects.toThrow(/row-level security/);
        await client.query('ROLLBACK TO SAVEPOINT s');
      }
      // What tenant A's scope sees of ended sessions is tenant A's only.
      const { rows } = await client.query('SELECT DISTINCT tenant_id FROM ended_sessions');
      expect(rows.every((row) => row.tenant_id === tenantA)).toBe(true);
      await expect(client.query('DELETE FROM ended_sessions')).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('ROLLBACK');
      await client.end();
    }
  });

  it('purges ended sessions once no token of them could be valid, on a later logout', async () => {
    const token = await server.login(member.email, member.password, tenant.slug);
    expect((await server.request(LOGOUT, {}, { token })).data.logout).toEqual({ errors: [] });
    const [row] = await server.ownerQuery(
      `SELECT session_id, expires_at FROM ended_sessions WHERE user_id = $1 ORDER BY ended_at DESC LIMIT 1`,
      [member.rowId],
    );
    // Kept as long as the last renewal's token could live: the maximum session age and one token lifetime.
    expect(Date.parse(row.expires_at)).toBeGreaterThan(tokenNow() + (SESSION_MAX_AGE_SECONDS + TOKEN_TTL_SECONDS) * 1000 - 2 * MINUTE);
    // Made to have expired, it is gone after the next logout, of any tenant.
    await server.ownerQuery(`UPDATE ended_sessions SET expires_at = now() - interval '1 second' WHERE session_id = $1`, [row.session_id]);
    const elsewhere = await server.login(other.adminEmail, TEST_PASSWORD, other.slug);
    expect((await server.request(LOGOUT, {}, { token: elsewhere })).data.logout).toEqual({ errors: [] });
    expect(await server.ownerQuery('SELECT 1 FROM ended_sessions WHERE session_id = $1', [row.session_id])).toEqual([]);
  });

  it('costs an authenticated request no statement: the login token is checked in the statement that opens the transaction', async () => {
    const token = await server.login(tenant.adminEmail, TEST_PASSWORD, tenant.slug);
    const key = (await server.request(`mutation { createApiKey(input: { name: "counting", roles: ["agent"] }) { secret } }`, {}, { token }))
      .data.createApiKey.secret as string;
    const statements = async (credential: string) => {
      const result = await server.request(TENANT, {}, { token: credential });
      expect(result.data.tenant.slug).toBe(tenant.slug);
      return result.extensions!.sqlStatements!;
    };
    // A login token adds no statement: the membership re-read (which also answers whether the
    // session was ended) is the statement that opens the transaction with its settings and reads
    // the tenant: START TRANSACTION, that statement, COMMIT. An API key is checked before the
    // transaction, in a statement of its own.
    expect(await statements(token)).toBe(3);
    expect(await statements(key)).toBe(4);
  });
});
