import { connectLive } from '../support/live-client';
import { fileComplaint } from '../support/complaint-fixtures';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { MovableTokenTime } from '../support/token-time';

/**
 * `switchTenant`: a signed-in user moves their sign-in to another tenant they belong to. The
 * new token is of the same sign-in: logout of any of its tokens ends all of them, and the
 * maximum session age still counts from the password check. Token time is moved through the
 * server's token time source.
 */
const TOKEN_TTL_SECONDS = 3600;
const SESSION_MAX_AGE_SECONDS = 4 * 3600;
const MINUTE = 60_000;

let server: TestServer;
const tokenTime = new MovableTokenTime();
let a: { slug: string; adminEmail: string; adminToken: string };
let b: { slug: string; adminEmail: string; adminToken: string };
let c: { slug: string; adminEmail: string; adminToken: string };
/** A member of tenants a and b (agent in a, supervisor in b), not of c. */
let person: { email: string; password: string; userId: string };

const SWITCH = `mutation ($input: SwitchTenantInput!) {
  switchTenant(input: $input) { token expiresAt viewer { user { id } tenant { slug } roles isPlatformAdmin } errors { code message field } }
}`;
const RENEW = `mutation { renewToken { token errors { code } } }`;
const LOGOUT = `mutation { logout { errors { code } } }`;
const TENANT = `{ tenant { slug } }`;
const COMPLAINTS = `{ complaints(first: 100) { totalCount edges { node { id } } } }`;

const tokenNow = () => tokenTime.nowMs();

async function switchTenant(token: string, tenantSlug: string | null | undefined) {
  const result = await server.request(SWITCH, { input: tenantSlug === undefined ? {} : { tenantSlug } }, { token });
  expect(result.errors).toBeUndefined();
  return result.data.switchTenant;
}

async function switched(token: string, tenantSlug: string | null): Promise<string> {
  const payload = await switchTenant(token, tenantSlug);
  expect(payload.errors).toEqual([]);
  return payload.token as string;
}

async function tenantOf(token: string): Promise<string | null> {
  return (await server.request(TENANT, {}, { token })).data?.tenant?.slug ?? null;
}

async function expectUnauthenticated(token: string, query = TENANT) {
  const result = await server.request(query, {}, { token });
  expect(result.status).toBe(401);
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
}

/** The payload's claims, read without verifying (the server verified them when it signed). */
function claimsOf(token: string): { sid: string; sia: number; tid: string | null; sub: string } {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

const signIn = (slug: string) => server.login(person.email, person.password, slug);
/** A fresh administrator token: tokens made at the start expire as token time moves on. */
const adminOf = (t: { slug: string; adminEmail: string }) => server.login(t.adminEmail, TEST_PASSWORD, t.slug);

beforeAll(async () => {
  server = await startTestServer(
    { tokenTtlSeconds: TOKEN_TTL_SECONDS, sessionMaxAgeSeconds: SESSION_MAX_AGE_SECONDS },
    { tokenTime: tokenTime.source },
  );
  a = await server.createTenant('switch-a');
  b = await server.createTenant('switch-b');
  c = await server.createTenant('switch-c');
  const invited = await server.request(
    `mutation { inviteUser(input: { email: "both@switch.test", name: "Both", roles: ["agent"] }) {
      membership { user { id } } temporaryPassword errors { code } } }`,
    {},
    { token: a.adminToken },
  );
  expect(invited.data.inviteUser.errors).toEqual([]);
  person = {
    email: 'both@switch.test',
    password: invited.data.inviteUser.temporaryPassword,
    userId: invited.data.inviteUser.membership.user.id,
  };
  const toB = await server.request(
    `mutation { inviteUser(input: { email: "both@switch.test", name: "Both", roles: ["supervisor"] }) { invitation { id } errors { code } } }`,
    {},
    { token: b.adminToken },
  );
  expect(toB.data.inviteUser.errors).toEqual([]);
  const accepted = await server.request(
    `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { errors { code } } }`,
    { id: toB.data.inviteUser.invitation.id },
    { token: await signIn(a.slug) },
  );
  expect(accepted.data.acceptInvitation.errors).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
});

it('gives a token of the same user in another tenant of theirs, with that membership’s roles, of the same sign-in', async () => {
  const inA = await signIn(a.slug);
  const payload = await switchTenant(inA, b.slug);
  expect(payload).toEqual({
    token: expect.any(String),
    expiresAt: expect.any(String),
    viewer: { user: { id: person.userId }, tenant: { slug: b.slug }, roles: ['supervisor'], isPlatformAdmin: false },
    errors: [],
  });
  expect(Math.abs(Date.parse(payload.expiresAt) - (tokenNow() + TOKEN_TTL_SECONDS * 1000))).toBeLessThan(2000);
  expect(await tenantOf(payload.token)).toBe(b.slug);
  const me = await server.request(`{ me { roles tenant { slug } } }`, {}, { token: payload.token });
  expect(me.data.me).toEqual({ roles: ['supervisor'], tenant: { slug: b.slug } });
  // The same sign-in: session id and sign-in instant carried over.
  expect(claimsOf(payload.token)).toMatchObject({ sid: claimsOf(inA).sid, sia: claimsOf(inA).sia, sub: claimsOf(inA).sub });
  // The original token keeps working in its own tenant, and switching back works.
  expect(await tenantOf(inA)).toBe(a.slug);
  expect(await tenantOf(await switched(payload.token, a.slug))).toBe(a.slug);
});

it('answers an unknown tenant and a tenant the user does not belong to with the same NOT_FOUND value, changing nothing', async () => {
  const inA = await signIn(a.slug);
  const notMember = await switchTenant(inA, c.slug);
  const unknown = await switchTenant(inA, 'no-such-tenant');
  const expected = {
    token: null,
    expiresAt: null,
    viewer: null,
    errors: [{ code: 'NOT_FOUND', message: expect.any(String), field: 'tenantSlug' }],
  };
  expect(notMember).toEqual(expected);
  expect(unknown).toEqual(expected);
  expect(notMember.errors[0].message).toBe(unknown.errors[0].message);
  expect(await tenantOf(inA)).toBe(a.slug);
});

it('gives a platform-level token (no tenant) only to platform administrators', async () => {
  const inA = await signIn(a.slug);
  for (const slug of [null, undefined]) {
    const refused = await switchTenant(inA, slug);
    expect(refused).toEqual({ token: null, expiresAt: null, viewer: null, errors: [expect.objectContaining({ code: 'FORBIDDEN' })] });
  }
  const platform = await server.platformAdminToken();
  const payload = await switchTenant(platform, null);
  expect(payload.errors).toEqual([]);
  expect(payload.viewer).toMatchObject({ tenant: null, isPlatformAdmin: true });
  expect((await server.request(`{ me { isPlatformAdmin } }`, {}, { token: payload.token })).data.me.isPlatformAdmin).toBe(true);
  // The platform administrator is no member of the tenants: the same NOT_FOUND as anyone.
  expect((await switchTenant(platform, a.slug)).errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
});

it('is for login tokens: an API key gets the FORBIDDEN value', async () => {
  const created = await server.request(
    `mutation { createApiKey(input: { name: "switching", roles: ["agent"] }) { secret errors { code } } }`,
    {},
    { token: await adminOf(a) },
  );
  const key = created.data.createApiKey.secret as string;
  expect(await switchTenant(key, b.slug)).toEqual({
    token: null,
    expiresAt: null,
    viewer: null,
    errors: [{ code: 'FORBIDDEN', message: expect.stringContaining('API key'), field: null }],
  });
});

it('is refused without credentials (UNAUTHENTICATED)', async () => {
  const result = await server.request(SWITCH, { input: { tenantSlug: b.slug } });
  expect(result.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
});

it('is ended with the sign-in: logout of the original token ends the switched one, over HTTP and WebSocket, and back', async () => {
  const inA = await signIn(a.slug);
  const inB = await switched(inA, b.slug);
  const renewedInB = (await server.request(RENEW, {}, { token: inB })).data.renewToken.token as string;
  const otherSignIn = await signIn(b.slug);
  expect((await server.request(LOGOUT, {}, { token: inA })).data.logout).toEqual({ errors: [] });
  await expectUnauthenticated(inA);
  await expectUnauthenticated(inB);
  await expectUnauthenticated(renewedInB);
  await expectUnauthenticated(inB, RENEW);
  await expect(connectLive(server.url, { authorization: `Bearer ${inB}` })).rejects.toMatchObject({ code: 4403 });
  // Another sign-in of the same person is not touched.
  expect(await tenantOf(otherSignIn)).toBe(b.slug);

  // Logging out the switched token ends the original too.
  const again = await signIn(a.slug);
  const againInB = await switched(again, b.slug);
  expect((await server.request(LOGOUT, {}, { token: againInB })).data.logout).toEqual({ errors: [] });
  await expectUnauthenticated(again);
  await expectUnauthenticated(againInB);
});

it('counts the maximum session age from the original sign-in: neither switching nor renewing a switched token extends it', async () => {
  let token = await signIn(a.slug);
  const signedInAt = tokenNow();
  // Switching back and forth, each time before the token expires, up to the maximum age.
  let slug = a.slug;
  while (tokenNow() + 55 * MINUTE - signedInAt <= SESSION_MAX_AGE_SECONDS * 1000 - MINUTE) {
    tokenTime.advance(55 * MINUTE);
    slug = slug === a.slug ? b.slug : a.slug;
    token = await switched(token, slug);
  }
  tokenTime.advance(signedInAt + SESSION_MAX_AGE_SECONDS * 1000 + MINUTE - tokenNow());
  // The token has not expired yet, but its sign-in is too old for another one.
  expect(await tenantOf(token)).toBe(slug);
  const refused = await switchTenant(token, slug === a.slug ? b.slug : a.slug);
  expect(refused).toEqual({ token: null, expiresAt: null, viewer: null, errors: [expect.objectContaining({ code: 'SESSION_EXPIRED' })] });
  expect((await server.request(RENEW, {}, { token })).data.renewToken.errors).toEqual([{ code: 'SESSION_EXPIRED' }]);
});

it('keeps the switched token to the new tenant: it sees that tenant’s data and none of the old one’s', async () => {
  const inA = await signIn(a.slug);
  const ofA = await fileComplaint(server, await adminOf(a));
  const ofB = await fileComplaint(server, await adminOf(b));
  const inB = await switched(inA, b.slug);
  const seen = await server.request(COMPLAINTS, {}, { token: inB });
  const ids = seen.data.complaints.edges.map((e: { node: { id: string } }) => e.node.id);
  expect(ids).toContain(ofB.id);
  expect(ids).not.toContain(ofA.id);
  expect(seen.data.complaints.totalCount).toBe(ids.length);
  const foreign = await server.request(`query ($id: ID!) { complaint(id: $id) { id } }`, { id: ofA.id }, { token: inB });
  expect(foreign.data?.complaint ?? null).toBeNull();
  // The original token still sees tenant a's.
  const inOld = await server.request(COMPLAINTS, {}, { token: inA });
  expect(inOld.data.complaints.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(ofA.id);
});

it('refuses an administrator of one tenant a switch to another tenant they do not belong to', async () => {
  const adminOfA = await adminOf(a);
  expect((await switchTenant(adminOfA, b.slug)).errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND' })]);
});
