import { TokenService } from '../../server/src/auth/token';
import { TEST_TOKEN_SECRET } from '../support/test-database';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';

/** Each refused credential gets its documented error and changes nothing. */
let server: TestServer;
let tenant: { adminToken: string; adminEmail: string };
let agentToken: string;
let agentUserId: string;

const CREATE_DEPARTMENT = `mutation { createDepartment(input: { code: "probe", name: "Probe" }) { department { id } errors { code } } }`;

async function departmentCount(): Promise<number> {
  return (await server.ownerQuery('SELECT count(*)::int AS n FROM departments'))[0].n;
}

/** Refused credentials: a thrown UNAUTHENTICATED (HTTP 401), no data. */
async function expectRefused(token: string | undefined, code: 'UNAUTHENTICATED', message?: RegExp) {
  const before = await departmentCount();
  const mutation = await server.request(CREATE_DEPARTMENT, {}, { token });
  expect(mutation.status).toBe(401);
  expect(mutation.data).toBeNull();
  expect(mutation.errors?.map((e) => e.extensions?.code)).toEqual([code]);
  if (message) expect(mutation.errors?.[0].message).toMatch(message);
  expect(await departmentCount()).toBe(before);
}

/** A mutation refused for the viewer's roles: the payload's FORBIDDEN error, no thrown error. */
async function expectForbiddenValue(token: string, message: RegExp) {
  const before = await departmentCount();
  const mutation = await server.request(
    `mutation { createDepartment(input: { code: "probe", name: "Probe" }) { department { id } errors { code message field } } }`,
    {},
    { token },
  );
  expect(mutation.status).toBe(200);
  expect(mutation.errors).toBeUndefined();
  expect(mutation.data.createDepartment).toEqual({
    department: null,
    errors: [{ code: 'FORBIDDEN', message: expect.stringMatching(message), field: null }],
  });
  expect(await departmentCount()).toBe(before);
}

beforeAll(async () => {
  server = await startTestServer();
  tenant = await server.createTenant('auth-tenant');
  const invited = await server.request(
    `mutation { inviteUser(input: { email: "agent@auth.test", name: "Agent", roles: ["agent"] }) {
       membership { user { id } } temporaryPassword errors { code } } }`,
    {},
    { token: tenant.adminToken },
  );
  agentUserId = invited.data.inviteUser.membership.user.id;
  agentToken = await server.login('agent@auth.test', invited.data.inviteUser.temporaryPassword, 'auth-tenant');
});

afterAll(async () => {
  await server?.stop();
});

it('no token: UNAUTHENTICATED', async () => {
  await expectRefused(undefined, 'UNAUTHENTICATED', /Authentication required/);
  const me = await server.request(`{ me { user { id } } }`);
  expect(me.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

it('a malformed or forged token: UNAUTHENTICATED', async () => {
  await expectRefused('not-a-token', 'UNAUTHENTICATED', /invalid/);
  const forged = await new TokenService('another-secret-that-is-long-enough-000000', 3600).sign({
    userId: '00000000-0000-4000-8000-000000000000',
    tenantId: null,
  });
  await expectRefused(forged.token, 'UNAUTHENTICATED', /invalid/);
});

it('an expired token: UNAUTHENTICATED', async () => {
  const [admin] = await server.ownerQuery('SELECT id FROM users WHERE email = $1', [tenant.adminEmail]);
  const [t] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'auth-tenant'`);
  const expired = await new TokenService(TEST_TOKEN_SECRET, -10).sign({ userId: admin.id, tenantId: t.id });
  await expectRefused(expired.token, 'UNAUTHENTICATED', /expired/);
});

it('a revoked API key: UNAUTHENTICATED, while it worked before', async () => {
  const created = await server.request(
    `mutation { createApiKey(input: { name: "integration", roles: ["tenant-admin"] }) { apiKey { id } secret errors { code } } }`,
    {},
    { token: tenant.adminToken },
  );
  const { secret, apiKey } = created.data.createApiKey;
  expect(secret).toMatch(/^rdk_/);
  const works = await server.request(`{ tenant { slug } }`, {}, { token: secret });
  expect(works.data.tenant.slug).toBe('auth-tenant');
  const stored = await server.ownerQuery('SELECT secret_hash FROM api_keys');
  expect(stored.map((r) => r.secret_hash)).not.toContain(secret);

  const revoked = await server.request(
    `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { revokedAt } errors { code } } }`,
    { id: apiKey.id },
    { token: tenant.adminToken },
  );
  expect(revoked.data.revokeApiKey.apiKey.revokedAt).not.toBeNull();
  await expectRefused(secret, 'UNAUTHENTICATED', /revoked/);
  // A tampered secret for the same key id is refused as unknown.
  await expectRefused(`${secret.slice(0, -4)}AAAA`, 'UNAUTHENTICATED', /Unknown API key/);
});

it('a user without the role: the FORBIDDEN error value in the payload, nothing changed', async () => {
  await expectForbiddenValue(agentToken, /tenant-admin/);
  const createTenant = await server.request(
    `mutation { createTenant(input: { slug: "nope", name: "x", timeZone: "UTC", locale: "en",
       admin: { email: "n@o.test", password: "0123456789", name: "n" } }) { tenant { id } errors { code field } } }`,
    {},
    { token: tenant.adminToken },
  );
  expect(createTenant.errors).toBeUndefined();
  expect(createTenant.data.createTenant).toEqual({ tenant: null, errors: [{ code: 'FORBIDDEN', field: null }] });
  expect(await server.ownerQuery(`SELECT 1 FROM tenants WHERE slug = 'nope'`)).toEqual([]);
});

it('a removed member: their token stops working at once', async () => {
  const [t] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'auth-tenant'`);
  const [agent] = await server.ownerQuery(`SELECT id FROM users WHERE email = 'agent@auth.test'`);
  const token = (await new TokenService(TEST_TOKEN_SECRET, 3600).sign({ userId: agent.id, tenantId: t.id })).token;
  expect((await server.request(`{ me { user { email } } }`, {}, { token })).data.me.user.email).toBe('agent@auth.test');
  const removed = await server.request(
    `mutation ($u: ID!) { removeMember(input: { userId: $u }) { removedUserId errors { code } } }`,
    { u: agentUserId },
    { token: tenant.adminToken },
  );
  expect(removed.data.removeMember.errors).toEqual([]);
  const after = await server.request(`{ me { user { email } } }`, {}, { token });
  expect(after.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
});

it('a wrong password or unknown tenant: the same INVALID_CREDENTIALS, no token', async () => {
  for (const input of [
    { email: tenant.adminEmail, password: 'wrong-password', tenantSlug: 'auth-tenant' },
    { email: 'nobody@auth.test', password: TEST_PASSWORD, tenantSlug: 'auth-tenant' },
    { email: tenant.adminEmail, password: TEST_PASSWORD, tenantSlug: 'no-such-tenant' },
  ]) {
    const result = await server.request(
      `mutation ($input: LoginInput!) { login(input: $input) { token viewer { user { id } } errors { code message } } }`,
      { input },
    );
    expect(result.data.login).toEqual({
      token: null,
      viewer: null,
      errors: [{ code: 'INVALID_CREDENTIALS', message: 'Email, password or tenant is wrong' }],
    });
  }
});
