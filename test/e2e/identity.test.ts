import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { expectPagedAsWhole } from '../support/paging';

let server: TestServer;
let platformToken: string;

beforeAll(async () => {
  server = await startTestServer();
  platformToken = await server.platformAdminToken();
});

afterAll(async () => {
  await server?.stop();
});

const CREATE_TENANT = `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenant { slug timeZone locale } errors { code field } } }`;

describe('createTenant', () => {
  it('refuses bad input with every problem and its field, writing nothing', async () => {
    const result = await server.request(
      CREATE_TENANT,
      {
        input: {
          slug: 'Bad Slug',
          name: '',
          timeZone: 'Mars/Olympus',
          locale: 'fr',
          admin: { email: 'not-an-email', password: 'short', name: 'x'.repeat(201) },
        },
      },
      { token: platformToken },
    );
    expect(result.data.createTenant.tenant).toBeNull();
    expect(result.data.createTenant.errors.map((e: any) => e.field).sort()).toEqual(
      ['admin.email', 'admin.name', 'admin.password', 'locale', 'name', 'slug', 'timeZone'].sort(),
    );
    expect(result.data.createTenant.errors.every((e: any) => e.code === 'INVALID_INPUT')).toBe(true);
    expect(await server.ownerQuery('SELECT * FROM tenants')).toEqual([]);
    expect(await server.ownerQuery('SELECT * FROM users WHERE NOT is_platform_admin')).toEqual([]);
  });

  it('creates a tenant with its admin, audited; a second one with the slug is ALREADY_EXISTS', async () => {
    const input = {
      slug: 'acme',
      name: 'Acme',
      timeZone: 'Asia/Shanghai',
      locale: 'en',
      admin: { email: 'Boss@Acme.test', password: TEST_PASSWORD, name: 'Boss' },
    };
    const created = await server.request(CREATE_TENANT, { input }, { token: platformToken });
    expect(created.data.createTenant).toEqual({
      tenant: { slug: 'acme', timeZone: 'Asia/Shanghai', locale: 'en' },
      errors: [],
    });
    const audit = await server.ownerQuery(`SELECT action FROM audit_entries`);
    expect(audit).toEqual([{ action: 'tenant.created' }]);
    const again = await server.request(CREATE_TENANT, { input }, { token: platformToken });
    expect(again.data.createTenant.errors).toEqual([{ code: 'ALREADY_EXISTS', field: 'slug' }]);
    expect((await server.ownerQuery('SELECT count(*)::int AS n FROM tenants'))[0].n).toBe(1);
  });
});

describe('members and roles', () => {
  let admin: { adminToken: string; adminEmail: string };
  let newcomerPassword: string;
  beforeAll(async () => {
    admin = await server.createTenant('members');
  });

  it('invites a new person with a one-time password, who can then log in', async () => {
    const invited = await server.request(
      `mutation { inviteUser(input: { email: "new@members.test", name: "Newcomer", roles: ["agent", "agent"] }) {
         membership { roles user { email } } temporaryPassword errors { code } } }`,
      {},
      { token: admin.adminToken },
    );
    expect(invited.data.inviteUser.membership).toEqual({ roles: ['agent'], user: { email: 'new@members.test' } });
    newcomerPassword = invited.data.inviteUser.temporaryPassword;
    const token = await server.login('new@members.test', newcomerPassword, 'members');
    const me = await server.request(`{ me { roles tenant { slug } } }`, {}, { token });
    expect(me.data.me).toEqual({ roles: ['agent'], tenant: { slug: 'members' } });
  });

  it('refuses unknown roles and a second invitation of the same person', async () => {
    const unknownRole = await server.request(
      `mutation { inviteUser(input: { email: "x@members.test", name: "X", roles: ["emperor"] }) { errors { code field } } }`,
      {},
      { token: admin.adminToken },
    );
    expect(unknownRole.data.inviteUser.errors).toEqual([{ code: 'INVALID_INPUT', field: 'roles' }]);
    const twice = await server.request(
      `mutation { inviteUser(input: { email: "new@members.test", name: "Again", roles: [] }) { errors { code field } } }`,
      {},
      { token: admin.adminToken },
    );
    expect(twice.data.inviteUser.errors).toEqual([{ code: 'ALREADY_EXISTS', field: 'email' }]);
    expect(await server.ownerQuery(`SELECT 1 FROM users WHERE email = 'x@members.test'`)).toEqual([]);
  });

  it('sets roles and department, and keeps at least one administrator', async () => {
    const dept = await server.request(
      `mutation { createDepartment(input: { code: "service", name: "Service" }) { department { id code } errors { code } } }`,
      {},
      { token: admin.adminToken },
    );
    const members = await server.request(`{ members { edges { node { user { id email } } } } }`, {}, { token: admin.adminToken });
    const newcomer = members.data.members.edges.find((e: any) => e.node.user.email === 'new@members.test').node.user;
    const me = members.data.members.edges.find((e: any) => e.node.user.email === admin.adminEmail).node.user;
    const set = await server.request(
      `mutation ($u: ID!, $d: ID) { setMemberRoles(input: { userId: $u, roles: ["supervisor", "handler"], departmentId: $d }) {
         membership { roles department { code } } errors { code } } }`,
      { u: newcomer.id, d: dept.data.createDepartment.department.id },
      { token: admin.adminToken },
    );
    expect(set.data.setMemberRoles.membership).toEqual({ roles: ['handler', 'supervisor'], department: { code: 'service' } });
    const demote = await server.request(
      `mutation ($u: ID!) { setMemberRoles(input: { userId: $u, roles: ["agent"] }) { membership { roles } errors { code field } } }`,
      { u: me.id },
      { token: admin.adminToken },
    );
    expect(demote.data.setMemberRoles.errors).toEqual([{ code: 'INVALID_INPUT', field: 'roles' }]);
    const audit = await server.ownerQuery(`SELECT action FROM audit_entries WHERE action LIKE 'member.%' ORDER BY id`);
    expect(audit.map((r) => r.action)).toEqual(['member.invited', 'member.roles-set']);
  });

  it('a person in two tenants logs in to each and sees both memberships', async () => {
    const other = await server.createTenant('other-org');
    const invited = await server.request(
      `mutation { inviteUser(input: { email: "new@members.test", name: "Ignored", roles: ["agent"] }) { temporaryPassword errors { code } } }`,
      {},
      { token: other.adminToken },
    );
    expect(invited.data.inviteUser).toEqual({ temporaryPassword: null, errors: [] });
    // A person with an account is asked, not added: they accept from the tenant they are in.
    const first = await server.login('new@members.test', newcomerPassword, 'members');
    const pending = await server.request(`{ me { pendingInvitations { id tenant { slug } roles } } }`, {}, { token: first });
    expect(pending.data.me.pendingInvitations).toEqual([{ id: expect.any(String), tenant: { slug: 'other-org' }, roles: ['agent'] }]);
    const accepted = await server.request(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { membership { tenant { slug } roles } errors { code } } }`,
      { id: pending.data.me.pendingInvitations[0].id },
      { token: first },
    );
    expect(accepted.data.acceptInvitation).toEqual({ membership: { tenant: { slug: 'other-org' }, roles: ['agent'] }, errors: [] });
    for (const slug of ['members', 'other-org']) {
      const token = await server.login('new@members.test', newcomerPassword, slug);
      const me = await server.request(`{ me { tenant { slug } memberships { tenant { slug } } } }`, {}, { token });
      expect(me.data.me.tenant.slug).toBe(slug);
      expect(me.data.me.memberships.map((m: any) => m.tenant.slug).sort()).toEqual(['members', 'other-org']);
    }
  });

  it('pages through members with cursors', async () => {
    const first = await server.request(
      `{ members(first: 1) { totalCount edges { cursor node { user { email } } } pageInfo { hasNextPage endCursor } } }`,
      {},
      { token: admin.adminToken },
    );
    expect(first.data.members.totalCount).toBe(2);
    expect(first.data.members.pageInfo.hasNextPage).toBe(true);
    const second = await server.request(
      `query ($after: String) { members(first: 1, after: $after) { edges { node { user { email } } } pageInfo { hasNextPage hasPreviousPage } } }`,
      { after: first.data.members.pageInfo.endCursor },
      { token: admin.adminToken },
    );
    expect(second.data.members.pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: true });
    expect(second.data.members.edges[0].node.user.email).not.toBe(first.data.members.edges[0].node.user.email);
    const tooMany = await server.request(`{ members(first: 1000) { totalCount } }`, {}, { token: admin.adminToken });
    expect(tooMany.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const badCursor = await server.request(`{ members(after: "garbage") { totalCount } }`, {}, { token: admin.adminToken });
    expect(badCursor.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('paging departments and API keys', () => {
  it('reads each list one row at a time in the order of the whole, each row once', async () => {
    const tenant = await server.createTenant('paged-lists');
    for (const code of ['north', 'south', 'east']) {
      const created = await server.request(
        `mutation ($code: String!) { createDepartment(input: { code: $code, name: $code }) { errors { code } } }`,
        { code },
        { token: tenant.adminToken },
      );
      expect(created.data.createDepartment.errors).toEqual([]);
    }
    for (const name of ['one', 'two', 'three']) {
      const created = await server.request(
        `mutation ($name: String!) { createApiKey(input: { name: $name, roles: ["agent"] }) { errors { code } } }`,
        { name },
        { token: tenant.adminToken },
      );
      expect(created.data.createApiKey.errors).toEqual([]);
    }
    for (const field of ['departments', 'apiKeys']) {
      const whole = await server.request(`{ ${field}(first: 100) { edges { node { id } } } }`, {}, { token: tenant.adminToken });
      const all = whole.data[field].edges.map((edge: any) => edge.node.id);
      expect(all).toHaveLength(3);
      await expectPagedAsWhole(server, tenant.adminToken, field, all, 1);
    }
  });
});

describe('platform login', () => {
  it('without a tenant works for platform administrators only', async () => {
    const me = await server.request(`{ me { isPlatformAdmin tenant { slug } } }`, {}, { token: platformToken });
    expect(me.data.me).toEqual({ isPlatformAdmin: true, tenant: null });
    const tenantQuery = await server.request(`{ tenant { slug } }`, {}, { token: platformToken });
    expect(tenantQuery.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const staff = await server.request(
      `mutation { login(input: { email: "new@members.test", password: "whatever-it-is" }) { token errors { code field } } }`,
    );
    expect(staff.data.login.token).toBeNull();
  });
});

describe('limits', () => {
  it('refuses over-deep queries before running them', async () => {
    const deep = `{ me { memberships { tenant { plugins { pluginId } } user { id } } } }`;
    expect((await server.request(deep, {}, { token: platformToken })).errors).toBeUndefined();
    const aliases = Array.from({ length: 20 }, (_, i) => `a${i}: me { isPlatformAdmin }`).join(' ');
    const result = await server.request(`{ ${aliases} }`, {}, { token: platformToken });
    expect(result.errors?.[0].message).toMatch(/alias/i);
  });
});
