import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery } from 'graphql';
import { Client } from 'pg';
import { change, fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { pngImage, staged } from '../support/evidence-files';
import { liveIsolationCases } from '../support/live-isolation-cases';
import { notificationIsolationCases, notificationSetupOfB, type NotificationsOfB } from '../support/notification-isolation-cases';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { fromGlobalId } from '../../server/src/graphql/relay';
import { DEMO_PLATFORM_ADMIN } from '../../server/src/seed/demo-seed';

/**
 * No request of tenant A reads or changes anything of tenant B: every query and mutation
 * is tried by A's administrator with B's ids, and the database itself is tried without
 * the application's tenant filter.
 */
let server: TestServer;
let a: { adminToken: string; adminEmail: string };
let b: {
  adminToken: string;
  adminEmail: string;
  departmentId: string;
  memberId: string;
  memberEmail: string;
  apiKeyId: string;
  apiKeySecret: string;
  tenantId: string;
  complaintId: string;
  trackingCode: string;
  assetId: string;
  penaltyId: string;
  followUpTaskId: string;
  warningRecordId: string;
  report: { id: string; csvUrl: string; htmlUrl: string };
  /** B's pending invitation of a person with an account elsewhere. */
  invitationId: string;
  /** A file B's administrator staged and has not attached. */
  uploadId: string;
  notifications: NotificationsOfB;
};

/** B's logo; A's administrator brands A with another. */
const B_LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><rect width="8" height="8"/></svg>')}`;
const A_LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>')}`;

/** Every table with a tenant_id column, read from the catalog so that new tables are covered. */
let TENANT_TABLES: string[] = [];

async function snapshotOfTenant(slug: string): Promise<unknown> {
  const [tenant] = await server.ownerQuery('SELECT * FROM tenants WHERE slug = $1', [slug]);
  const tables: Record<string, unknown> = { tenant };
  for (const table of TENANT_TABLES) {
    tables[table] = await server.ownerQuery(`SELECT * FROM ${table} WHERE tenant_id = $1 ORDER BY 1, 2`, [tenant.id]);
  }
  tables.users = await server.ownerQuery(
    'SELECT u.* FROM users u JOIN memberships m ON m.user_id = u.id WHERE m.tenant_id = $1 ORDER BY u.id',
    [tenant.id],
  );
  return tables;
}

beforeAll(async () => {
  // Nothing is sent (no delivery workers), so B's outbox rows stay as they are during each case.
  server = await startTestServer({ notifications: { concurrency: 0, webhookAllowPrivateAddresses: true } });
  TENANT_TABLES = (
    await server.ownerQuery(
      `SELECT table_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name = 'tenant_id' ORDER BY table_name`,
    )
  ).map((row) => row.table_name);
  a = await server.createTenant('tenant-a');
  const created = await server.createTenant('tenant-b');
  const dept = await server.request(
    `mutation { createDepartment(input: { code: "b-secret", name: "B secret dept" }) { department { id } errors { code } } }`,
    {},
    { token: created.adminToken },
  );
  const invited = await server.request(
    `mutation ($d: ID) { inviteUser(input: { email: "member@b.test", name: "B member", roles: ["agent"], departmentId: $d }) {
       membership { user { id } } errors { code } } }`,
    { d: dept.data.createDepartment.department.id },
    { token: created.adminToken },
  );
  const key = await server.request(
    `mutation { createApiKey(input: { name: "b-integration", roles: ["agent"] }) { apiKey { id } secret errors { code } } }`,
    {},
    { token: created.adminToken },
  );
  const tenant = await server.request(`{ tenant { id } }`, {}, { token: created.adminToken });
  const installed = await server.request(
    `mutation ($config: JSON) { installPlugin(input: { pluginId: "default", config: $config }) { errors { code } } }`,
    { config: { 'default.deadlines': { closeDays: 5 } } },
    { token: created.adminToken },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  const closed = await server.request(
    `mutation { addCalendarClosure(input: { date: "2026-12-24", reason: "B stock-taking" }) { errors { code } } }`,
    {},
    { token: created.adminToken },
  );
  expect(closed.data.addCalendarClosure.errors).toEqual([]);
  const complaint = await fileComplaint(server, created.adminToken);
  const asset = await server.request(
    `query ($id: ID!) { complaint(id: $id) { asset { id } } }`,
    { id: complaint.id },
    { token: created.adminToken },
  );
  const refusal = await change(server, created.adminToken, 'recordRefusalToReceive', {
    complaintId: complaint.id,
    expectedVersion: complaint.version,
    employeeId: invited.data.inviteUser.membership.user.id,
    note: 'Refused at the desk',
  });
  expect(refusal.errors).toEqual([]);
  const penalty = await server.request(`{ penalties { edges { node { id } } } }`, {}, { token: created.adminToken });
  // An overdue follow-up task of B, written directly: its complaint need not be walked to execution for this.
  await server.ownerQuery(
    `INSERT INTO follow_up_tasks (tenant_id, complaint_id, sequence, assignee_id, due_at, decided_by)
     SELECT tenant_id, id, 1, received_by, app_now() - interval '1 day', 'default@1.0.0' FROM complaints WHERE id = $1`,
    [fromGlobalId(complaint.id, 'Complaint')!.id],
  );
  await server.ownerQuery(
    `INSERT INTO warning_records (tenant_id, complaint_id, subject_role, subject_department_id, major, cause, deadlines_missed,
       penalty_points, closed_at)
     SELECT tenant_id, id, 'RESPONSIBLE_DEPARTMENT', $2, false, 'B secret cause', 0, 0, app_now() FROM complaints WHERE id = $1`,
    [fromGlobalId(complaint.id, 'Complaint')!.id, fromGlobalId(dept.data.createDepartment.department.id, 'Department')!.id],
  );
  const warning = await server.request(`{ warningRecords { edges { node { id } } } }`, {}, { token: created.adminToken });
  const report = await server.request(
    `mutation ($month: String!) { generateMonthlyReport(input: { month: $month }) { report { id csvUrl htmlUrl } errors { code } } }`,
    { month: server.clock.now().toISOString().slice(0, 7) },
    { token: created.adminToken },
  );
  const branded = await server.request(
    `mutation ($logo: String) { updateTenantBranding(input: { logoUrl: $logo }) { errors { code } } }`,
    { logo: B_LOGO },
    { token: created.adminToken },
  );
  expect(branded.data.updateTenantBranding.errors).toEqual([]);
  const survey = await server.request(
    `mutation { configureSurvey(input: { scaleMax: 7, threshold: 4 }) { errors { code } } }`,
    {},
    { token: created.adminToken },
  );
  expect(survey.data.configureSurvey.errors).toEqual([]);
  const followUp = await server.request(`{ followUps { edges { node { id } } } }`, {}, { token: created.adminToken });
  // The platform administrator has an account (seeded by createTenant) and is no member of B.
  const invitation = await server.request(
    `mutation ($email: String!) { inviteUser(input: { email: $email, name: "Outsider", roles: ["agent"] }) { invitation { id } errors { code } } }`,
    { email: DEMO_PLATFORM_ADMIN.email },
    { token: created.adminToken },
  );
  b = {
    ...created,
    departmentId: dept.data.createDepartment.department.id,
    memberId: invited.data.inviteUser.membership.user.id,
    memberEmail: 'member@b.test',
    apiKeyId: key.data.createApiKey.apiKey.id,
    apiKeySecret: key.data.createApiKey.secret,
    tenantId: tenant.data.tenant.id,
    complaintId: complaint.id,
    trackingCode: complaint.trackingCode,
    assetId: asset.data.complaint.asset.id,
    penaltyId: penalty.data.penalties.edges[0].node.id,
    followUpTaskId: followUp.data.followUps.edges[0].node.id,
    warningRecordId: warning.data.warningRecords.edges[0].node.id,
    report: report.data.generateMonthlyReport.report,
    invitationId: invitation.data.inviteUser.invitation.id,
    uploadId: await staged(server, await pngImage(8, 8), { token: created.adminToken }),
    notifications: await notificationSetupOfB(server, created.adminToken, invited.data.inviteUser.membership.user.id),
  };
});

afterAll(async () => {
  await server?.stop();
});

type Check = (before: unknown) => Promise<void>;

/** One entry per operation of the schema; the coverage test below fails when one is missing. */
const cases: Record<string, Check> = {
  // Subscriptions, over graphql-ws.
  ...liveIsolationCases(() => ({ server, a, b })),
  ...notificationIsolationCases(() => ({ server, a, b })),
  async login() {
    const result = await server.request(`mutation ($input: LoginInput!) { login(input: $input) { token errors { code } } }`, {
      input: { email: a.adminEmail, password: TEST_PASSWORD, tenantSlug: 'tenant-b' },
    });
    expect(result.data.login.token).toBeNull();
    expect(result.data.login.errors[0].code).toBe('INVALID_CREDENTIALS');
  },
  async renewToken() {
    const result = await server.request(
      `mutation { renewToken { token viewer { tenant { slug } } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.renewToken).toMatchObject({ viewer: { tenant: { slug: 'tenant-a' } }, errors: [] });
    const renewed = await server.request(`{ tenant { slug } }`, {}, { token: result.data.renewToken.token });
    expect(renewed.data.tenant.slug).toBe('tenant-a');
  },
  async switchTenant() {
    // A's administrator is no member of B: the same NOT_FOUND as for an unknown slug, no token.
    const result = await server.request(
      `mutation { switchTenant(input: { tenantSlug: "tenant-b" }) { token viewer { tenant { slug } } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.switchTenant).toEqual({ token: null, viewer: null, errors: [{ code: 'NOT_FOUND' }] });
    const own = await server.request(
      `mutation { switchTenant(input: { tenantSlug: "tenant-a" }) { token errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(own.data.switchTenant.errors).toEqual([]);
    expect((await server.request(`{ tenant { slug } }`, {}, { token: own.data.switchTenant.token })).data.tenant.slug).toBe('tenant-a');
  },
  async logout() {
    // A session of A's own (logging out a.adminToken would end it for the other cases).
    const token = await server.login(a.adminEmail, TEST_PASSWORD, 'tenant-a');
    const result = await server.request(`mutation { logout { errors { code } } }`, {}, { token });
    expect(result.data.logout).toEqual({ errors: [] });
    expect((await server.request(`{ tenant { slug } }`, {}, { token })).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const [{ id: tenantA }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'tenant-a'`);
    const ended = await server.ownerQuery('SELECT DISTINCT tenant_id FROM ended_sessions');
    expect(ended).toEqual([{ tenant_id: tenantA }]);
    expect((await server.request(`{ tenant { slug } }`, {}, { token: b.adminToken })).data.tenant.slug).toBe('tenant-b');
  },
  async me() {
    const result = await server.request(`{ me { tenant { slug } memberships { tenant { slug } } } }`, {}, { token: a.adminToken });
    expect(result.data.me.tenant.slug).toBe('tenant-a');
    expect(result.data.me.memberships.map((m: any) => m.tenant.slug)).toEqual(['tenant-a']);
  },
  async tenant() {
    const result = await server.request(`{ tenant { slug calendar { closures { date } } } }`, {}, { token: a.adminToken });
    expect(result.data.tenant).toEqual({ slug: 'tenant-a', calendar: { closures: [] } });
  },
  async members() {
    const result = await server.request(
      `{ members(first: 100) { totalCount edges { node { user { email } } } } }`,
      {},
      { token: a.adminToken },
    );
    const emails = result.data.members.edges.map((e: any) => e.node.user.email);
    expect(emails).toEqual([a.adminEmail]);
    expect(result.data.members.totalCount).toBe(1);
  },
  async departments() {
    const result = await server.request(
      `{ departments(first: 100) { totalCount edges { node { id code } } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.departments.edges.map((e: any) => e.node.id)).not.toContain(b.departmentId);
    expect(result.data.departments.totalCount).toBe(result.data.departments.edges.length);
  },
  async apiKeys() {
    const result = await server.request(`{ apiKeys(first: 100) { edges { node { id } } } }`, {}, { token: a.adminToken });
    expect(result.data.apiKeys.edges.map((e: any) => e.node.id)).not.toContain(b.apiKeyId);
  },
  async node() {
    for (const id of [b.departmentId, b.memberId, b.tenantId, b.apiKeyId, b.complaintId, b.assetId]) {
      const result = await server.request(`query ($id: ID!) { node(id: $id) { id } }`, { id }, { token: a.adminToken });
      expect(result.errors).toBeUndefined();
      expect(result.data.node).toBeNull();
    }
  },
  async createTenant() {
    const result = await server.request(
      `mutation { createTenant(input: { slug: "tenant-b", name: "x", timeZone: "UTC", locale: "en",
         admin: { email: "x@y.test", password: "0123456789", name: "x" } }) { tenant { id } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.createTenant).toEqual({ tenant: null, errors: [{ code: 'FORBIDDEN' }] });
  },
  async inviteUser() {
    const result = await server.request(
      `mutation ($d: ID) { inviteUser(input: { email: "new@a.test", name: "New", roles: ["agent"], departmentId: $d }) {
         membership { user { id } } errors { code field } } }`,
      { d: b.departmentId },
      { token: a.adminToken },
    );
    expect(result.data.inviteUser.membership).toBeNull();
    expect(result.data.inviteUser.errors).toEqual([{ code: 'NOT_FOUND', field: 'departmentId' }]);
    // Inviting B's member by email only asks them: A learns nothing of them (not B's name
    // for them), no membership in A exists until they accept, and B's is untouched.
    const again = await server.request(
      `mutation { inviteUser(input: { email: "member@b.test", name: "Renamed", roles: ["agent"] }) {
         membership { user { name } } invitation { name email } temporaryPassword errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(again.data.inviteUser).toEqual({
      membership: null,
      invitation: { name: 'Renamed', email: 'member@b.test' },
      temporaryPassword: null,
      errors: [],
    });
    expect(JSON.stringify(again)).not.toContain('B member');
    const inA = await server.ownerQuery(
      `SELECT 1 FROM memberships WHERE user_id = (SELECT id FROM users WHERE email = 'member@b.test')
         AND tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`,
    );
    expect(inA).toEqual([]);
    await server.ownerQuery(
      `DELETE FROM membership_invitations WHERE user_id = (SELECT id FROM users WHERE email = 'member@b.test')
         AND tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`,
    );
  },
  async setMemberRoles() {
    const result = await server.request(
      `mutation ($u: ID!) { setMemberRoles(input: { userId: $u, roles: ["tenant-admin"] }) { membership { roles } errors { code field } } }`,
      { u: b.memberId },
      { token: a.adminToken },
    );
    expect(result.data.setMemberRoles.errors).toEqual([{ code: 'NOT_FOUND', field: 'userId' }]);
  },
  async removeMember() {
    const result = await server.request(
      `mutation ($u: ID!) { removeMember(input: { userId: $u }) { removedUserId errors { code field } } }`,
      { u: b.memberId },
      { token: a.adminToken },
    );
    expect(result.data.removeMember.errors).toEqual([{ code: 'NOT_FOUND', field: 'userId' }]);
  },
  async createDepartment() {
    const result = await server.request(
      `mutation ($p: ID) { createDepartment(input: { code: "child", name: "Child", parentId: $p }) { department { id } errors { code field } } }`,
      { p: b.departmentId },
      { token: a.adminToken },
    );
    expect(result.data.createDepartment.errors).toEqual([{ code: 'NOT_FOUND', field: 'parentId' }]);
  },
  async createApiKey() {
    const result = await server.request(
      `mutation { createApiKey(input: { name: "a-key", roles: ["agent"] }) { secret errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    const secret = result.data.createApiKey.secret;
    const tenant = await server.request(`{ tenant { slug } departments { edges { node { id } } } }`, {}, { token: secret });
    expect(tenant.data.tenant.slug).toBe('tenant-a');
    expect(tenant.data.departments.edges.map((e: any) => e.node.id)).not.toContain(b.departmentId);
  },
  async acceptInvitation() {
    const result = await server.request(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { membership { tenant { slug } } errors { code field } } }`,
      { id: b.invitationId },
      { token: a.adminToken },
    );
    expect(result.data.acceptInvitation).toEqual({ membership: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
    const mine = await server.request(`{ me { pendingInvitations { id } } }`, {}, { token: a.adminToken });
    expect(mine.data.me.pendingInvitations).toEqual([]);
  },
  async declineInvitation() {
    const result = await server.request(
      `mutation ($id: ID!) { declineInvitation(input: { id: $id }) { declinedId errors { code field } } }`,
      { id: b.invitationId },
      { token: a.adminToken },
    );
    expect(result.data.declineInvitation).toEqual({ declinedId: null, errors: [{ code: 'NOT_FOUND', field: 'id' }] });
  },
  async revokeApiKey() {
    const result = await server.request(
      `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id } errors { code field } } }`,
      { id: b.apiKeyId },
      { token: a.adminToken },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.revokeApiKey.errors).toEqual([{ code: 'NOT_FOUND', field: 'id' }]);
    const stillWorks = await server.request(`{ tenant { slug } }`, {}, { token: b.apiKeySecret });
    expect(stillWorks.data.tenant.slug).toBe('tenant-b');
  },
  async complaints() {
    await fileComplaint(server, a.adminToken);
    const result = await server.request(`{ complaints(first: 100) { totalCount edges { node { id } } } }`, {}, { token: a.adminToken });
    expect(result.data.complaints.edges.map((e: any) => e.node.id)).not.toContain(b.complaintId);
    expect(result.data.complaints.totalCount).toBe(result.data.complaints.edges.length);
    const byCode = await server.request(
      `query ($text: String) { complaints(filter: { text: $text }) { totalCount } }`,
      { text: b.trackingCode },
      { token: a.adminToken },
    );
    expect(byCode.data.complaints.totalCount).toBe(0);
  },
  async complaint() {
    const result = await server.request(`query ($id: ID!) { complaint(id: $id) { id } }`, { id: b.complaintId }, { token: a.adminToken });
    expect(result.errors).toBeUndefined();
    expect(result.data.complaint).toBeNull();
  },
  async complaintVocabulary() {
    const result = await server.request(`{ complaintVocabulary { categories { code } } }`, {}, { token: a.adminToken });
    expect(result.data.complaintVocabulary.categories.length).toBeGreaterThan(0);
  },
  async serverTime() {
    // The business clock is the platform's, the same for every tenant: nothing of B in it.
    const before = server.clock.now().getTime();
    const result = await server.request(`{ serverTime }`, {}, { token: a.adminToken });
    const after = server.clock.now().getTime();
    expect(result.errors).toBeUndefined();
    expect(Object.keys(result.data)).toEqual(['serverTime']);
    expect(Date.parse(result.data.serverTime)).toBeGreaterThanOrEqual(before);
    expect(Date.parse(result.data.serverTime)).toBeLessThanOrEqual(after);
  },
  async complaintStatus() {
    const result = await server.request(
      `query ($code: String!) { complaintStatus(tenantSlug: "tenant-a", trackingCode: $code) { status } }`,
      { code: b.trackingCode },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.complaintStatus).toBeNull();
  },
  async publicTenant() {
    // A slug names one organisation: A's public face holds nothing of B's (name, logo).
    const result = await server.request(`{ publicTenant(slug: "tenant-a") { slug name logoUrl } }`);
    expect(result.data.publicTenant).toEqual({ slug: 'tenant-a', name: 'Tenant tenant-a', logoUrl: null });
  },
  async updateTenantBranding() {
    // A's administrator brands A only; B's logo stays B's.
    const result = await server.request(
      `mutation ($logo: String) { updateTenantBranding(input: { logoUrl: $logo }) { tenant { slug logoUrl } errors { code } } }`,
      { logo: A_LOGO },
      { token: a.adminToken },
    );
    expect(result.data.updateTenantBranding).toEqual({ tenant: { slug: 'tenant-a', logoUrl: A_LOGO }, errors: [] });
    expect((await server.request(`{ publicTenant(slug: "tenant-b") { logoUrl } }`)).data.publicTenant).toEqual({ logoUrl: B_LOGO });
    await server.ownerQuery(`UPDATE tenants SET logo_url = NULL WHERE slug = 'tenant-a'`);
  },
  async addComplainantMessage() {
    // B's tracking code under A's name is no complaint at all.
    const result = await server.request(
      `mutation ($input: AddComplainantMessageInput!) { addComplainantMessage(input: $input) { status { status } errors { code field } } }`,
      { input: { tenantSlug: 'tenant-a', trackingCode: b.trackingCode, message: 'Planted' } },
    );
    expect(result.data.addComplainantMessage).toEqual({ status: null, errors: [{ code: 'NOT_FOUND', field: 'trackingCode' }] });
  },
  async answerSatisfactionSurvey() {
    // B's tracking code under A's name is no complaint at all.
    const result = await server.request(
      `mutation ($input: AnswerSatisfactionSurveyInput!) { answerSatisfactionSurvey(input: $input) { status { status } errors { code field } } }`,
      { input: { tenantSlug: 'tenant-a', trackingCode: b.trackingCode, scores: [{ dimension: 'ATTITUDE', score: 1 }] } },
    );
    expect(result.data.answerSatisfactionSurvey).toEqual({ status: null, errors: [{ code: 'NOT_FOUND', field: 'trackingCode' }] });
  },
  async submitComplaint() {
    const result = await server.request(
      `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code } } }`,
      {
        input: {
          tenantSlug: 'tenant-a',
          description: 'x',
          demands: [],
          complainant: { name: 'A', phone: '13800000000' },
          asset: { name: 'TV', serialNumber: 'WM-2026-0001' },
        },
      },
    );
    expect(result.data.submitComplaint.errors).toEqual([]);
  },
  async addEvidence() {
    const own = await staged(server, await pngImage(8, 8), { token: a.adminToken });
    const intoB = await change(server, a.adminToken, 'addEvidence', { complaintId: b.complaintId, uploads: [{ uploadId: own }] });
    expect(intoB.errors.map((e) => [e.code, e.field])).toEqual([['NOT_FOUND', 'complaintId']]);
    const aComplaint = await fileComplaint(server, a.adminToken);
    const bFile = await change(server, a.adminToken, 'addEvidence', { complaintId: aComplaint.id, uploads: [{ uploadId: b.uploadId }] });
    expect(bFile.errors.map((e) => [e.code, e.field])).toEqual([['UPLOAD_NOT_FOUND', 'uploads.0.uploadId']]);
  },
  async addComplainantEvidence() {
    const mutation = `mutation ($input: AddComplainantEvidenceInput!) { addComplainantEvidence(input: $input) { status { status } errors { code field } } }`;
    const underA = await server.request(mutation, {
      input: {
        tenantSlug: 'tenant-a',
        trackingCode: b.trackingCode,
        uploads: [{ uploadId: await staged(server, await pngImage(8, 8), { tenant: 'tenant-a' }) }],
      },
    });
    expect(underA.data.addComplainantEvidence).toEqual({ status: null, errors: [{ code: 'NOT_FOUND', field: 'trackingCode' }] });
    // A file staged with A's name is nothing in B, even with B's own tracking code.
    const fromA = await server.request(mutation, {
      input: {
        tenantSlug: 'tenant-b',
        trackingCode: b.trackingCode,
        uploads: [{ uploadId: await staged(server, await pngImage(8, 8), { tenant: 'tenant-a' }) }],
      },
    });
    expect(fromA.data.addComplainantEvidence.errors).toEqual([{ code: 'UPLOAD_NOT_FOUND', field: 'uploads.0.uploadId' }]);
  },
  async fileComplaint() {
    const foreignDepartment = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input: { ...SAMPLE_COMPLAINT, respondent: { kind: 'DEPARTMENT', name: 'x', departmentId: b.departmentId } } },
      { token: a.adminToken },
    );
    expect(foreignDepartment.data.fileComplaint.errors).toEqual([{ code: 'NOT_FOUND', field: 'respondent.departmentId' }]);
    const foreignParent = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input: { ...SAMPLE_COMPLAINT, asset: { name: 'Part', parentId: b.assetId } } },
      { token: a.adminToken },
    );
    expect(foreignParent.data.fileComplaint.errors).toEqual([{ code: 'NOT_FOUND', field: 'asset.parentId' }]);
    // B's serial number names a new asset of A's, never B's asset.
    const sameSerial = await fileComplaint(server, a.adminToken);
    const asset = await server.request(
      `query ($id: ID!) { complaint(id: $id) { asset { id } } }`,
      { id: sameSerial.id },
      { token: a.adminToken },
    );
    expect(asset.data.complaint.asset.id).not.toBe(b.assetId);
  },
  ...Object.fromEntries(
    (
      [
        ['acknowledgeComplaint', {}],
        ['assessComplaint', { decision: 'ACCEPT', categoryCode: 'product' }],
        ['assignComplaint', { departmentId: null, ownerId: null, note: 'x' }],
        ['recordInvestigation', { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' }],
        ['proposeResolution', { kind: 'APOLOGY', description: 'Sorry' }],
        ['decideApproval', { decision: 'APPROVE' }],
        ['markResolutionExecuted', {}],
        ['respondToComplainant', { channel: 'PHONE', message: 'Done' }],
        ['recordFollowUp', { scores: [{ dimension: 'PRICE', score: 3 }] }],
        ['closeComplaint', { summary: 'Done' }],
        ['reopenComplaint', { reason: 'Again' }],
        ['escalateComplaint', { reason: 'Urgent' }],
        ['withdrawComplaint', { reason: 'Gone' }],
        ['addNote', { body: 'Planted' }],
        ['updateComplaintFields', { fields: { orderNumber: 'X-1' } }],
        ['pauseClock', { reason: 'Waiting' }],
        ['resumeClock', {}],
        ['recordRefusalToReceive', { employeeId: 'VXNlcjowMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDA', note: 'x' }],
      ] as const
    ).map(([mutation, input]) => [
      mutation,
      async () => {
        const result = await change(server, a.adminToken, mutation, { complaintId: b.complaintId, expectedVersion: 1, ...input });
        expect(result.graphqlErrors).toBeUndefined();
        expect(result.complaint).toBeNull();
        const codes = result.errors.map((e) => e.code);
        expect(codes.length).toBeGreaterThan(0);
        expect(codes.every((code) => code === 'NOT_FOUND' || code === 'INVALID_INPUT')).toBe(true);
      },
    ]),
  ),
  async penalties() {
    // Neither B's ids as filters nor the unfiltered ledger show A anything of B.
    for (const filter of [{}, { complaintId: b.complaintId }, { userId: b.memberId }, { departmentId: b.departmentId }]) {
      const result = await server.request(
        `query ($filter: PenaltyFilter) { penalties(filter: $filter) { totalCount edges { node { id } } } }`,
        { filter },
        { token: a.adminToken },
      );
      expect(result.data.penalties.edges.map((e: any) => e.node.id)).not.toContain(b.penaltyId);
      if (Object.keys(filter).length) expect(result.data.penalties.totalCount).toBe(0);
    }
  },
  async followUps() {
    // Neither B's ids as filters nor the unfiltered queue show A anything of B.
    for (const filter of [
      {},
      { overdue: true },
      { assigneeId: b.memberId },
      { includeClosed: true, dueBefore: server.clock.now().toISOString() },
    ]) {
      const result = await server.request(
        `query ($filter: FollowUpFilter) { followUps(filter: $filter) { totalCount edges { node { id } } } }`,
        { filter },
        { token: a.adminToken },
      );
      expect(result.data.followUps.edges.map((e: any) => e.node.id)).not.toContain(b.followUpTaskId);
      expect(result.data.followUps.totalCount).toBe(0);
    }
  },
  async warningRecords() {
    const filters = [
      {},
      { departmentId: b.departmentId },
      { userId: b.memberId },
      { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
    ];
    for (const filter of filters) {
      const result = await server.request(
        `query ($filter: WarningRecordFilter) { warningRecords(filter: $filter) { totalCount edges { node { id cause } } } }`,
        { filter },
        { token: a.adminToken },
      );
      expect(result.data.warningRecords.edges.map((e: any) => e.node.id)).not.toContain(b.warningRecordId);
      expect(result.data.warningRecords.totalCount).toBe(0);
    }
  },
  async complaintStatistics() {
    // Every statistic counts A's complaints only: the total equals A's own rows of the period.
    const filter = {
      from: new Date(server.clock.now().getTime() - 300 * 86_400_000).toISOString(),
      to: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
    };
    const [{ own }] = await server.ownerQuery(
      `SELECT count(*)::int AS own FROM complaints WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`,
    );
    for (const groupBy of [[], ['DEPARTMENT', 'CATEGORY', 'CHANNEL', 'PRIORITY', 'MONTH']]) {
      const result = await server.request(
        `query ($filter: StatisticsFilter!, $groupBy: [StatisticsDimension!]) {
           complaintStatistics(filter: $filter, groupBy: $groupBy) { key count satisfaction { dimension } } }`,
        { filter, groupBy },
        { token: a.adminToken },
      );
      const rows = result.data.complaintStatistics;
      expect(rows.reduce((n: number, row: any) => n + row.count, 0)).toBe(own);
      expect(JSON.stringify(rows)).not.toContain('b-secret');
    }
  },
  async complaintHotspots() {
    const filter = {
      from: new Date(server.clock.now().getTime() - 300 * 86_400_000).toISOString(),
      to: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
    };
    const result = await server.request(
      `query ($filter: StatisticsFilter!) { complaintHotspots(filter: $filter, limit: 100) {
         assets { assetId serialNumber count } products { model count } customers { customerId phone count } } }`,
      { filter },
      { token: a.adminToken },
    );
    const [{ own }] = await server.ownerQuery(
      `SELECT count(*)::int AS own FROM complaints WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`,
    );
    const hotspots = result.data.complaintHotspots;
    expect(hotspots.assets.map((x: any) => x.assetId)).not.toContain(b.assetId);
    expect(hotspots.customers.reduce((n: number, x: any) => n + x.count, 0)).toBe(own);
  },
  async penaltyTotals() {
    const filter = {
      from: new Date(server.clock.now().getTime() - 300 * 86_400_000).toISOString(),
      to: new Date(server.clock.now().getTime() + 86_400_000).toISOString(),
    };
    const result = await server.request(
      `query ($filter: StatisticsFilter!) { penaltyTotals(filter: $filter) { subject { ... on User { id } ... on Department { id } } count } }`,
      { filter },
      { token: a.adminToken },
    );
    expect(result.data.penaltyTotals).toEqual([]);
  },
  async monthlyReports() {
    const result = await server.request(`{ monthlyReports { id } }`, {}, { token: a.adminToken });
    expect(result.data.monthlyReports.map((r: any) => r.id)).not.toContain(b.report.id);
    // B's downloads answer A's token as unknown.
    for (const path of [b.report.csvUrl, b.report.htmlUrl]) {
      const response = await fetch(new URL(server.url).origin + path, { headers: { authorization: `Bearer ${a.adminToken}` } });
      expect(response.status).toBe(404);
    }
  },
  async generateMonthlyReport() {
    const result = await server.request(
      `mutation ($month: String!) { generateMonthlyReport(input: { month: $month }) { report { id csvUrl } errors { code } } }`,
      { month: server.clock.now().toISOString().slice(0, 7) },
      { token: a.adminToken },
    );
    const report = result.data.generateMonthlyReport.report;
    expect(report.id).not.toBe(b.report.id);
    const csv = await (
      await fetch(new URL(server.url).origin + report.csvUrl, { headers: { authorization: `Bearer ${a.adminToken}` } })
    ).text();
    expect(csv).not.toContain('b-secret');
    // …while B's own report of the month names it (its warning record): the check above can fail.
    const theirs = await (
      await fetch(new URL(server.url).origin + b.report.csvUrl, { headers: { authorization: `Bearer ${b.adminToken}` } })
    ).text();
    expect(theirs).toContain('b-secret');
    await server.ownerQuery(`DELETE FROM monthly_reports WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`);
  },
  async surveySettings() {
    // B's scale (7, threshold 4) is not A's.
    const result = await server.request(`{ surveySettings { scaleMax threshold } }`, {}, { token: a.adminToken });
    expect(result.data.surveySettings).toEqual({ scaleMax: 5, threshold: 3 });
  },
  async configureSurvey() {
    const result = await server.request(
      `mutation { configureSurvey(input: { scaleMax: 10, threshold: 8 }) { settings { scaleMax } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.configureSurvey.errors).toEqual([]);
    await server.ownerQuery(`DELETE FROM survey_settings WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`);
  },
  async reviewPenalty() {
    const result = await server.request(
      `mutation ($input: ReviewPenaltyInput!) { reviewPenalty(input: $input) { penalty { id } errors { code } } }`,
      { input: { id: b.penaltyId, decision: 'WAIVE', comment: 'Planted' } },
      { token: a.adminToken },
    );
    expect(result.data.reviewPenalty).toEqual({ penalty: null, errors: [{ code: 'NOT_FOUND' }] });
  },
  async addCalendarClosure() {
    // A may close the date B closed: closures are per tenant, and B's stays as it was.
    const result = await server.request(
      `mutation { addCalendarClosure(input: { date: "2026-12-24", reason: "A inventory" }) { calendar { closures { date reason } } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.addCalendarClosure).toEqual({ calendar: { closures: [{ date: '2026-12-24', reason: 'A inventory' }] }, errors: [] });
    await server.ownerQuery(`DELETE FROM calendar_closures WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`);
  },
  async removeCalendarClosure() {
    const result = await server.request(
      `mutation { removeCalendarClosure(input: { date: "2026-12-24" }) { removedDate errors { code field } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.removeCalendarClosure).toEqual({ removedDate: null, errors: [{ code: 'NOT_FOUND', field: 'date' }] });
  },
  async holidaySchedules() {
    // Platform data, the same for every tenant: nothing of B in it.
    const result = await server.request(`{ holidaySchedules(region: "CN") { region year } }`, {}, { token: a.adminToken });
    expect(result.data.holidaySchedules).toContainEqual({ region: 'CN', year: 2026 });
  },
  async calendarCoverage() {
    const result = await server.request(`{ calendarCoverage { region openProvisionalClocks } }`, {}, { token: a.adminToken });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  },
  async tenants() {
    // The platform's list of tenants: platform administrators only.
    const result = await server.request(`{ tenants { slug } }`, {}, { token: a.adminToken });
    expect(result.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(result.data).toBeNull();
  },
  async setHolidaySchedule() {
    const result = await server.request(
      `mutation { setHolidaySchedule(input: { region: "CN", year: 2099, holidays: [], workingDays: [], source: "A" }) { errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.setHolidaySchedule).toEqual({ errors: [{ code: 'FORBIDDEN' }] });
    expect(await server.ownerQuery(`SELECT year FROM holiday_schedules WHERE year = 2099`)).toEqual([]);
  },
  async availablePlugins() {
    const result = await server.request(`{ availablePlugins { id } tenant { plugins { pluginId } } }`, {}, { token: a.adminToken });
    expect(result.data.availablePlugins.map((p: any) => p.id)).toContain('default');
    expect(result.data.tenant.plugins).toEqual([]);
  },
  async installPlugin() {
    const result = await server.request(
      `mutation { installPlugin(input: { pluginId: "default" }) { tenant { slug plugins { pluginId } } errors { code } } }`,
      {},
      { token: a.adminToken },
    );
    expect(result.data.installPlugin.tenant).toEqual({ slug: 'tenant-a', plugins: [{ pluginId: 'default' }] });
    await server.ownerQuery(`DELETE FROM tenant_plugins WHERE tenant_id = (SELECT id FROM tenants WHERE slug = 'tenant-a')`);
  },
  ...Object.fromEntries(
    (
      [
        ['configurePlugin', { pluginId: 'default', config: {} }],
        ['upgradePlugin', { pluginId: 'default', version: '1.0.0' }],
        ['uninstallPlugin', { pluginId: 'default' }],
      ] as const
    ).map(([mutation, input]) => [
      mutation,
      async () => {
        // B has the default plugin installed; A has none, so A's change finds nothing to change.
        const type = `${mutation[0].toUpperCase()}${mutation.slice(1)}Input`;
        const result = await server.request(
          `mutation ($input: ${type}!) { ${mutation}(input: $input) { errors { code field } } }`,
          { input },
          { token: a.adminToken },
        );
        expect(result.data[mutation].errors).toEqual([{ code: 'PLUGIN_CONFLICT', field: 'pluginId' }]);
      },
    ]),
  ),
  async assignComplaint() {
    const foreign = await change(server, a.adminToken, 'assignComplaint', {
      complaintId: b.complaintId,
      expectedVersion: 1,
      departmentId: b.departmentId,
    });
    expect(foreign.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    // A's own complaint cannot be handed to B's member or department.
    let own = await fileComplaint(server, a.adminToken);
    own = (await change(server, a.adminToken, 'acknowledgeComplaint', { complaintId: own.id, expectedVersion: own.version })).complaint;
    own = (
      await change(server, a.adminToken, 'assessComplaint', {
        complaintId: own.id,
        expectedVersion: own.version,
        decision: 'ACCEPT',
        categoryCode: 'price',
      })
    ).complaint;
    for (const [field, value] of [
      ['ownerId', b.memberId],
      ['departmentId', b.departmentId],
    ]) {
      const result = await change(server, a.adminToken, 'assignComplaint', {
        complaintId: own.id,
        expectedVersion: own.version,
        [field]: value,
      });
      expect(result.errors.map((e) => ({ code: e.code, field: e.field }))).toEqual([{ code: 'NOT_FOUND', field }]);
    }
  },
};

describe('every operation, by tenant A against tenant B', () => {
  it('covers every query and mutation of the schema', async () => {
    const result = await server.request<IntrospectionQuery>(getIntrospectionQuery());
    const schema = buildClientSchema(result.data);
    const operations = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
      ...Object.keys(schema.getSubscriptionType()?.getFields() ?? {}),
    ];
    expect(operations.filter((name) => !(name in cases))).toEqual([]);
  });

  it.each(Object.keys(cases))('%s reads nothing of B and changes nothing of B', async (operation) => {
    const before = await snapshotOfTenant('tenant-b');
    await cases[operation](before);
    expect(await snapshotOfTenant('tenant-b')).toEqual(before);
  });
});

describe('the database enforces isolation without the application', () => {
  let client: Client;
  beforeAll(async () => {
    client = new Client({ connectionString: server.runtimeUrl });
    await client.connect();
  });
  afterAll(async () => {
    await client.end();
  });

  it('runs as a role that is not a superuser, has no BYPASSRLS and owns no table', async () => {
    const [role] = (
      await client.query(
        `SELECT rolsuper, rolbypassrls,
                EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owns
           FROM pg_roles WHERE rolname = current_user`,
      )
    ).rows;
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, owns: false });
  });

  it('sees no tenant data at all when no tenant is set', async () => {
    for (const table of ['tenants', 'users', ...TENANT_TABLES]) {
      const { rows } = await client.query(`SELECT count(*)::int AS n FROM ${table}`);
      expect({ table, n: rows[0].n }).toEqual({ table, n: 0 });
    }
    const all = await server.ownerQuery('SELECT count(*)::int AS n FROM departments');
    expect(all[0].n).toBeGreaterThan(0);
  });

  it('with tenant A set, sees only A and cannot write into B', async () => {
    const [{ id: tenantA }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'tenant-a'`);
    const [{ id: tenantB }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'tenant-b'`);
    await client.query('BEGIN');
    try {
      await client.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantA]);
      for (const table of TENANT_TABLES) {
        const { rows } = await client.query(`SELECT DISTINCT tenant_id FROM ${table}`);
        expect(rows.every((r) => r.tenant_id === tenantA)).toBe(true);
      }
      const { rows: tenants } = await client.query('SELECT id FROM tenants');
      expect(tenants).toEqual([{ id: tenantA }]);
      const updated = await client.query(`UPDATE departments SET name = 'hijacked' WHERE tenant_id = $1`, [tenantB]);
      expect(updated.rowCount).toBe(0);
      await client.query('SAVEPOINT s');
      await expect(
        client.query(`INSERT INTO departments (tenant_id, code, name) VALUES ($1, 'planted', 'Planted')`, [tenantB]),
      ).rejects.toThrow(/row-level security/);
      await client.query('ROLLBACK TO SAVEPOINT s');
      await expect(client.query('DELETE FROM audit_entries')).rejects.toThrow(/permission denied/);
    } finally {
      await client.query('ROLLBACK');
    }
    // The setting was transaction-local: the same connection sees nothing again.
    const { rows } = await client.query('SELECT count(*)::int AS n FROM departments');
    expect(rows[0].n).toBe(0);
  });
});
