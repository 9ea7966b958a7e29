import {
  AuthError,
  ComplaintStatusDocument,
  ComplaintTimelineDocument,
  ComplaintsDocument,
  CreateApiKeyDocument,
  CreateDepartmentDocument,
  CurrentTenantDocument,
  GraphQLRequestError,
  LoginDocument,
  MeDocument,
  RevokeApiKeyDocument,
  TransportError,
  complaintWorkflow,
  createClient,
  fileComplaint,
  submitComplaint,
  answerSatisfactionSurvey,
  type ComplaintDetailFragment,
  type FileComplaintRequest,
  type MutationResult,
  type RedressClient,
} from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { TEST_PASSWORD, startTestServer, type TestServer } from '../support/test-server';

/** The SDK against a real server over HTTP: the common flows and every kind of error. */
let server: TestServer;
let staff: Staff;
let tenantSlug: string;
const client = (token?: string): RedressClient => createClient({ url: server.url, ...(token ? { token } : {}) });

const SAMPLE: FileComplaintRequest = {
  channel: 'PHONE',
  description: 'The dishwasher bought last week leaves the plates greasy.',
  demands: ['REPAIR'],
  complainant: { name: '李四', phone: '13900139000' },
};

function expectOk<T>(result: MutationResult<T>): Omit<T, 'errors'> {
  if (!result.ok) throw new Error(`expected success, got ${JSON.stringify(result.errors)}`);
  return result.data;
}

beforeAll(async () => {
  server = await startTestServer();
  ({ staff, slug: tenantSlug } = await createStaffedTenant(server, 'sdk-flows'));
  expectOk(await client(staff.admin).mutate(CreateDepartmentDocument, { input: { code: 'quality', name: 'Quality' } }));
});

afterAll(async () => {
  await server?.stop();
});

describe('login and queries', () => {
  it('logs in and reads the viewer with typed data', async () => {
    const tenant = await server.createTenant('sdk-login');
    const login = await client().mutate(LoginDocument, {
      input: { email: tenant.adminEmail, password: TEST_PASSWORD, tenantSlug: 'sdk-login' },
    });
    const { token } = expectOk(login);
    const me = await client(token!).query(MeDocument);
    expect(me.me.tenant?.slug).toBe('sdk-login');
    expect(me.me.roles).toContain('tenant-admin');
  });

  it('authenticates an integration with an API key', async () => {
    const created = expectOk(await client(staff.admin).mutate(CreateApiKeyDocument, { input: { name: 'crm', roles: ['agent'] } }));
    const integration = createClient({ url: server.url, apiKey: created.secret! });
    const tenant = await integration.query(CurrentTenantDocument);
    expect(tenant.tenant.slug).toBe(tenantSlug);
    expectOk(await client(staff.admin).mutate(RevokeApiKeyDocument, { input: { id: created.apiKey!.id } }));
    await expect(integration.query(CurrentTenantDocument)).rejects.toMatchObject({ name: 'AuthError', code: 'UNAUTHENTICATED' });
  });

  it('returns a wrong password as a typed payload error, not an exception', async () => {
    const result = await client().mutate(LoginDocument, {
      input: { email: 'nobody@sdk-flows.test', password: 'wrong', tenantSlug },
    });
    expect(result.ok).toBe(false);
    expect(result.errors?.[0].code).toBe('INVALID_CREDENTIALS');
  });
});

describe('moving a complaint through its stages', () => {
  it('files a complaint and walks it to closing with the workflow', async () => {
    const filed = expectOk(await fileComplaint(client(staff.agent), SAMPLE));
    let complaint: ComplaintDetailFragment = filed.complaint;
    expect(complaint.status).toBe('RECEIVED');
    expect(filed.event?.kind).toBe('FILED');

    const as = (token: string) => complaintWorkflow(client(token));
    const advance = async (result: Promise<MutationResult<{ complaint: ComplaintDetailFragment }>>, status: string) => {
      const { complaint: next } = expectOk(await result);
      expect(next.status).toBe(status);
      expect(next.version).toBe(complaint.version + 1);
      complaint = next;
    };
    await advance(as(staff.agent).acknowledge(complaint), 'ACKNOWLEDGED');
    await advance(as(staff.supervisor).assess(complaint, { decision: 'ACCEPT', categoryCode: 'product.quality' }), 'ACCEPTED');
    await advance(as(staff.supervisor).assign(complaint, { ownerId: staff.handlerId }), 'ASSIGNED');
    expect(complaint.owner?.id).toBe(staff.handlerId);
    await advance(
      as(staff.handler).recordInvestigation(complaint, {
        cause: 'Clogged spray arm',
        course: 'Installed without removing the transport lock',
        conclusion: 'Installation fault',
        countermeasures: 'Clean and reinstall',
        prevention: 'Installer checklist',
      }),
      'INVESTIGATING',
    );
    await advance(
      as(staff.handler).proposeResolution(complaint, { kind: 'REPAIR', amount: 200, currency: 'CNY', description: 'Free service visit' }),
      'RESOLUTION_PROPOSED',
    );
    await advance(as(staff.supervisor).decideApproval(complaint, { decision: 'APPROVE' }), 'APPROVED');
    await advance(as(staff.handler).markResolutionExecuted(complaint, { note: 'Visited' }), 'EXECUTED');
    await advance(as(staff.agent).respond(complaint, { channel: 'PHONE', message: 'Repaired' }), 'RESPONDED');
    await advance(as(staff.agent).recordFollowUp(complaint, { scores: [{ dimension: 'ATTITUDE', score: 5 }] }), 'FOLLOW_UP');
    await advance(as(staff.supervisor).close(complaint, { summary: 'Installer checklist updated' }), 'CLOSED');
    expect(complaint.closing?.summary).toBe('Installer checklist updated');

    const timeline = await client(staff.supervisor).query(ComplaintTimelineDocument, { id: complaint.id, first: 50 });
    expect(timeline.complaint?.events.edges.map((edge) => edge.node.kind)).toEqual([
      'FILED',
      'ACKNOWLEDGED',
      'ACCEPTED',
      'ASSIGNED',
      'INVESTIGATION_RECORDED',
      'RESOLUTION_PROPOSED',
      'APPROVAL_DECIDED',
      'EXECUTED',
      'RESPONDED',
      'FOLLOW_UP_RECORDED',
      'CLOSED',
    ]);
  });

  it('returns STALE_VERSION and ILLEGAL_TRANSITION as typed values', async () => {
    const { complaint } = expectOk(await fileComplaint(client(staff.agent), SAMPLE));
    const workflow = complaintWorkflow(client(staff.agent));
    expectOk(await workflow.addNote(complaint, { body: 'first' }));
    const stale = await workflow.addNote(complaint, { body: 'from an old screen' });
    expect(stale).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'STALE_VERSION' })] });
    const current = { id: complaint.id, version: complaint.version + 1 };
    const illegal = await workflow.close(current, { summary: 'too early' });
    expect(illegal.ok).toBe(false);
    expect(illegal.errors?.[0].code).toBe('ILLEGAL_TRANSITION');
  });

  it('lists complaints with a typed filter', async () => {
    const { complaint } = expectOk(await fileComplaint(client(staff.agent), { ...SAMPLE, description: 'Oven door glass cracked' }));
    const list = await client(staff.supervisor).query(ComplaintsDocument, { filter: { text: 'Oven', status: ['RECEIVED'] }, first: 10 });
    expect(list.complaints.totalCount).toBe(1);
    expect(list.complaints.edges[0].node).toMatchObject({ id: complaint.id, status: 'RECEIVED', complainant: { name: '李四' } });
  });
});

describe('public intake', () => {
  it('submits without an account and follows the complaint by its tracking code', async () => {
    const anonymous = client();
    const submitted = expectOk(
      await submitComplaint(anonymous, {
        tenantSlug,
        description: 'Delivery came two weeks late',
        demands: ['APOLOGY'],
        complainant: { name: '王五', email: 'wang@example.com' },
      }),
    );
    const status = await anonymous.query(ComplaintStatusDocument, { tenantSlug, trackingCode: submitted.trackingCode });
    expect(status.complaintStatus).toMatchObject({ trackingCode: submitted.trackingCode, status: 'RECEIVED', survey: { open: false } });
    // Not answered yet: the survey is refused as a typed error, not an exception.
    const early = await answerSatisfactionSurvey(anonymous, {
      tenantSlug,
      trackingCode: submitted.trackingCode,
      scores: [{ dimension: 'ATTITUDE', score: 5 }],
    });
    expect(early).toEqual({ ok: false, errors: [expect.objectContaining({ code: 'ILLEGAL_TRANSITION' })] });
  });
});

describe('typed exceptions', () => {
  it('throws AuthError UNAUTHENTICATED without credentials and for a bad token', async () => {
    await expect(client().query(MeDocument)).rejects.toMatchObject({ name: 'AuthError', code: 'UNAUTHENTICATED' });
    const error = await client('not-a-token')
      .query(MeDocument)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('UNAUTHENTICATED');
  });

  // A viewer lacking the role is a GraphQLRequestError FORBIDDEN, not an AuthError: test/sdk/sdk-http.test.ts.

  it('answers null, not an error, for a tracking code that does not exist', async () => {
    const answer = await client().query(ComplaintStatusDocument, { tenantSlug, trackingCode: 'NONE-NONE-NONE-NONE' });
    expect(answer.complaintStatus).toBeNull();
  });

  it('throws GraphQLRequestError with the code for other GraphQL errors', async () => {
    const error = await client(staff.agent)
      .query(ComplaintsDocument, { first: 1000 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GraphQLRequestError);
    expect((error as GraphQLRequestError).code).toBe('BAD_USER_INPUT');
  });

  it('throws TransportError when the server cannot be reached or does not answer GraphQL', async () => {
    const unreachable = createClient({ url: 'http://127.0.0.1:1/graphql' });
    await expect(unreachable.query(MeDocument)).rejects.toBeInstanceOf(TransportError);
    const notGraphQL = createClient({ url: server.url.replace(/\/graphql$/, '/no-such-path') });
    const error = await notGraphQL.query(MeDocument).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).status).toBe(404);
  });

  it('asks a token function again after UNAUTHENTICATED, and uses the fresh token', async () => {
    const tokens = ['expired-token', staff.agent];
    const refreshing = createClient({ url: server.url, token: () => tokens.shift() ?? null });
    const me = await refreshing.query(MeDocument);
    expect(me.me.roles).toEqual(['agent']);
    expect(tokens).toEqual([]);
  });

  it('refuses a document of the wrong kind before sending it', async () => {
    await expect(client(staff.agent).query(LoginDocument as never)).rejects.toThrow(/query\(\) takes a query document/);
  });
});
