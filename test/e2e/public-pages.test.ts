import { NO_RATE_LIMITS, startTestServer, type TestServer } from '../support/test-server';
import { createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';

/**
 * What the complainants' public pages ask of the API: an organisation's public face
 * (`publicTenant`), the logo its administrator sets (`updateTenantBranding`), and a message a
 * complainant adds to their complaint (`addComplainantMessage`). Each answers for one
 * organisation only, and nothing of another leaks through a slug or a tracking code.
 */
let server: TestServer;
let retail: { slug: string; staff: Staff };
let other: { slug: string; staff: Staff };

const PUBLIC_TENANT = `query ($slug: String!) { publicTenant(slug: $slug) {
  slug name logoUrl locale timeZone demands { value label } intakeFields { key label required schema }
  uploadLimits { maxFileBytes maxFilesPerComplaint maxBytesPerComplaint allowedTypes } } }`;
const BRANDING = `mutation ($input: UpdateTenantBrandingInput!) {
  updateTenantBranding(input: $input) { tenant { slug logoUrl } errors { code field message } } }`;
const MESSAGE = `mutation ($input: AddComplainantMessageInput!) {
  addComplainantMessage(input: $input) { status { trackingCode status history { label status message } } errors { code field message } } }`;
const STATUS = `query ($slug: String!, $code: String!) { complaintStatus(tenantSlug: $slug, trackingCode: $code) {
  status history { label status message } } }`;
const TIMELINE = `query ($id: ID!) { complaint(id: $id) { version events(first: 100) { edges { node {
  kind kindLabel public changes actor { id } } } } } }`;

/** A small SVG logo, percent-encoded as the seed writes them. */
const LOGO = `data:image/svg+xml,${encodeURIComponent('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" fill="#0b6e4f"/></svg>')}`;
/** A 1×1 PNG, base64. */
const PNG_LOGO = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

const publicTenant = (slug: string, headers: Record<string, string> = {}) => server.request(PUBLIC_TENANT, { slug }, { headers });
const brand = (token: string, logoUrl: string | null) => server.request(BRANDING, { input: { logoUrl } }, { token });
const addMessage = (tenantSlug: string, trackingCode: string, message: string) =>
  server.request(MESSAGE, { input: { tenantSlug, trackingCode, message } });
const timeline = async (token: string, id: string) => {
  const result = await server.request(TIMELINE, { id }, { token });
  return { version: result.data.complaint.version, events: result.data.complaint.events.edges.map((edge: any) => edge.node) };
};

async function install(tenant: { staff: Staff }, pluginId: string) {
  const installed = await server.request(
    `mutation ($id: String!) { installPlugin(input: { pluginId: $id }) { errors { code message } } }`,
    { id: pluginId },
    { token: tenant.staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  retail = await createStaffedTenant(server, 'public-retail');
  other = await createStaffedTenant(server, 'public-other');
  await install(retail, 'retail');
});

afterAll(async () => {
  await server?.stop();
});

describe('publicTenant', () => {
  it("answers an organisation's name, language, time zone and its plugin's form, labelled in the language asked for", async () => {
    const zh = (await publicTenant('public-retail')).data.publicTenant;
    expect(zh).toMatchObject({
      slug: 'public-retail',
      name: 'Tenant public-retail',
      logoUrl: null,
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    // The tenant's own language when none is asked for; the retail plugin's intake fields.
    expect(zh.demands).toContainEqual({ value: 'REFUND', label: '退款' });
    expect(zh.intakeFields.find((field: any) => field.key === 'orderNumber')).toEqual({
      key: 'orderNumber',
      label: '订单号',
      required: false,
      schema: expect.objectContaining({ type: 'string', minLength: 1, maxLength: 64 }),
    });
    expect(zh.intakeFields.find((field: any) => field.key === 'isFood')).toMatchObject({ label: '食品', schema: { type: 'boolean' } });

    const en = (await publicTenant('public-retail', { 'accept-language': 'en' })).data.publicTenant;
    expect(en.demands).toContainEqual({ value: 'REFUND', label: 'Refund' });
    expect(en.intakeFields.find((field: any) => field.key === 'orderNumber').label).toBe('Order number');
    expect(en.intakeFields.map((field: any) => field.key)).toEqual(zh.intakeFields.map((field: any) => field.key));
  });

  it('tells the form what files it may attach: the configured limits (here the defaults)', async () => {
    const limits = {
      maxFileBytes: 10 * 1024 * 1024,
      maxFilesPerComplaint: 20,
      maxBytesPerComplaint: 100 * 1024 * 1024,
      allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif', 'application/pdf'],
    };
    expect((await publicTenant('public-retail')).data.publicTenant.uploadLimits).toEqual(limits);
    expect((await publicTenant('public-other')).data.publicTenant.uploadLimits).toEqual(limits);
  });

  it('answers a tenant without a plugin with the default form (no intake fields), and null for an unknown slug', async () => {
    const plain = (await publicTenant('public-other')).data.publicTenant;
    expect(plain).toMatchObject({ slug: 'public-other', name: 'Tenant public-other', intakeFields: [] });
    for (const slug of ['no-such-tenant', '', 'PUBLIC-RETAIL', "public-retail' OR 1=1"]) {
      const answer = await publicTenant(slug);
      expect({ slug, errors: answer.errors, data: answer.data }).toEqual({ slug, errors: undefined, data: { publicTenant: null } });
    }
  });
});

describe('updateTenantBranding', () => {
  it("sets the administrator's own tenant's logo, shown publicly, audited; null removes it; the other tenant keeps its own", async () => {
    expect((await brand(other.staff.admin, PNG_LOGO)).data.updateTenantBranding).toEqual({
      tenant: { slug: 'public-other', logoUrl: PNG_LOGO },
      errors: [],
    });
    expect((await brand(retail.staff.admin, LOGO)).data.updateTenantBranding).toEqual({
      tenant: { slug: 'public-retail', logoUrl: LOGO },
      errors: [],
    });
    expect((await publicTenant('public-retail')).data.publicTenant.logoUrl).toBe(LOGO);
    expect((await publicTenant('public-other')).data.publicTenant.logoUrl).toBe(PNG_LOGO);
    expect((await server.request(`{ tenant { logoUrl } }`, {}, { token: retail.staff.agent })).data.tenant.logoUrl).toBe(LOGO);
    const audited = await server.ownerQuery(
      `SELECT a.action, a.details FROM audit_entries a JOIN tenants t ON t.id = a.tenant_id
        WHERE t.slug = 'public-retail' AND a.action = 'tenant.branding-updated'`,
    );
    expect(audited).toEqual([{ action: 'tenant.branding-updated', details: { logoChars: LOGO.length } }]);

    expect((await brand(other.staff.admin, null)).data.updateTenantBranding.tenant.logoUrl).toBeNull();
    expect((await publicTenant('public-other')).data.publicTenant.logoUrl).toBeNull();
    expect((await publicTenant('public-retail')).data.publicTenant.logoUrl).toBe(LOGO);
  });

  it('refuses anyone but the tenant administrator, and any logo but a data:image URL, changing nothing', async () => {
    for (const token of [retail.staff.supervisor, retail.staff.agent, retail.staff.handler]) {
      expect((await brand(token, PNG_LOGO)).data.updateTenantBranding).toEqual({
        tenant: null,
        errors: [{ code: 'FORBIDDEN', field: null, message: expect.any(String) }],
      });
    }
    const refused = [
      'https://example.com/logo.png',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'data:image/svg+xml,<svg onload="alert(1)">',
      'data:image/png;base64,not base64!',
      `data:image/png;base64,${'A'.repeat(65_536)}`,
      '',
    ];
    for (const logoUrl of refused) {
      const answer = (await brand(retail.staff.admin, logoUrl)).data.updateTenantBranding;
      expect({ logoUrl: logoUrl.slice(0, 40), answer }).toEqual({
        logoUrl: logoUrl.slice(0, 40),
        answer: { tenant: null, errors: [{ code: 'INVALID_INPUT', field: 'logoUrl', message: expect.any(String) }] },
      });
    }
    expect((await publicTenant('public-retail')).data.publicTenant.logoUrl).toBe(LOGO);
  });
});

describe('addComplainantMessage', () => {
  let mine: any;
  let theirs: any;

  beforeAll(async () => {
    mine = await fileComplaint(server, retail.staff.agent);
    theirs = await fileComplaint(server, other.staff.agent);
  });

  it('adds the message to the public history and to the staff timeline as the complainant’s, bumping the version', async () => {
    const before = await timeline(retail.staff.supervisor, mine.id);
    const text = 'The store called me, but nobody came to collect the machine.\nPlease call after 6 pm.';
    const answer = (await addMessage('public-retail', mine.trackingCode.toLowerCase(), `  ${text}  `)).data.addComplainantMessage;
    expect(answer.errors).toEqual([]);
    expect(answer.status.history).toEqual([
      { label: '投诉已受理', status: 'RECEIVED', message: null },
      { label: '投诉人留言', status: 'RECEIVED', message: text },
    ]);
    expect((await server.request(STATUS, { slug: 'public-retail', code: mine.trackingCode })).data.complaintStatus.history).toEqual(
      answer.status.history,
    );
    const after = await timeline(retail.staff.supervisor, mine.id);
    expect(after.version).toBe(before.version + 1);
    expect(after.events.find((event: any) => event.kind === 'COMPLAINANT_MESSAGE')).toEqual({
      kind: 'COMPLAINANT_MESSAGE',
      kindLabel: '投诉人留言',
      public: true,
      changes: { message: text },
      actor: null,
    });
  });

  it('keeps text with HTML in it as it was written', async () => {
    const html = '<img src=x onerror="alert(1)"><b>bold</b> & <script>alert(2)</script>';
    const answer = (await addMessage('public-retail', mine.trackingCode, html)).data.addComplainantMessage;
    expect(answer.status.history.at(-1)).toEqual({ label: '投诉人留言', status: 'RECEIVED', message: html });
  });

  it("shows nothing of the staff's other events: only the complainant's own words are a message", async () => {
    const walked = await fileComplaint(server, other.staff.agent);
    await walkTo(server, other.staff, walked.id, 'ASSIGNED');
    const history = (await server.request(STATUS, { slug: 'public-other', code: walked.trackingCode })).data.complaintStatus.history;
    expect(history.map((entry: any) => entry.message)).toEqual([null, null, null, null]);
  });

  it("refuses another tenant's code, a wrong code and an unknown organisation alike, writing nothing", async () => {
    const rows = async () => server.ownerQuery(`SELECT count(*)::int AS n FROM complaint_events WHERE kind = 'COMPLAINANT_MESSAGE'`);
    const before = await rows();
    const notFound = {
      status: null,
      errors: [{ code: 'NOT_FOUND', field: 'trackingCode', message: 'No complaint with this tracking code' }],
    };
    for (const [slug, code] of [
      ['public-retail', theirs.trackingCode],
      ['public-other', mine.trackingCode],
      ['public-retail', '0000-0000-0000-0000'],
      ['public-retail', 'not a code'],
      ['no-such-tenant', mine.trackingCode],
    ]) {
      const answer = await addMessage(slug, code, 'Hello?');
      expect({ slug, code, answer: answer.data.addComplainantMessage }).toEqual({ slug, code, answer: notFound });
    }
    expect(await rows()).toEqual(before);
    const theirHistory = (await server.request(STATUS, { slug: 'public-other', code: theirs.trackingCode })).data.complaintStatus.history;
    expect(theirHistory.map((entry: any) => entry.message)).toEqual([null]);
  });

  it('refuses an empty or too long message, writing nothing', async () => {
    const before = await timeline(retail.staff.supervisor, mine.id);
    for (const message of ['', '   \n ', 'x'.repeat(2001)]) {
      const answer = (await addMessage('public-retail', mine.trackingCode, message)).data.addComplainantMessage;
      expect(answer).toEqual({ status: null, errors: [{ code: 'INVALID_INPUT', field: 'message', message: expect.any(String) }] });
    }
    expect(await timeline(retail.staff.supervisor, mine.id)).toEqual(before);
  });
});

describe('rate limits of the public pages', () => {
  let limited: TestServer;
  let code: string;
  let addresses = 0;
  const fresh = () => `10.7.0.${++addresses}`;

  beforeAll(async () => {
    limited = await startTestServer({
      trustProxy: 1,
      rateLimits: {
        ...NO_RATE_LIMITS,
        publicTenant: { perAddress: 3, perTenant: 5, windowSeconds: 600 },
        complainantMessage: { perAddress: 2, perTenant: 3, windowSeconds: 600 },
      },
    });
    const tenant = await createStaffedTenant(limited, 'limited');
    code = (await fileComplaint(limited, tenant.staff.agent)).trackingCode;
  });

  afterAll(async () => {
    await limited?.stop();
  });

  const from = (address: string) => ({ headers: { 'x-forwarded-for': address } });
  const codeOf = (answer: { errors?: { extensions?: { code?: string } }[] }) => answer.errors?.[0]?.extensions?.code ?? 'OK';

  it('publicTenant: per address, then per organisation, unknown slugs counted alike; RATE_LIMITED with HTTP 429', async () => {
    const address = fresh();
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await limited.request(PUBLIC_TENANT, { slug: 'limited' }, from(address)));
    expect(answers.map(codeOf)).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
    expect(answers[3].status).toBe(429);
    expect(answers[3].data).toEqual({ publicTenant: null });
    // Two more from elsewhere use up the organisation's five; a sixth from anywhere is refused.
    expect(codeOf(await limited.request(PUBLIC_TENANT, { slug: 'limited' }, from(fresh())))).toBe('OK');
    expect(codeOf(await limited.request(PUBLIC_TENANT, { slug: 'limited' }, from(fresh())))).toBe('OK');
    expect(codeOf(await limited.request(PUBLIC_TENANT, { slug: 'limited' }, from(fresh())))).toBe('RATE_LIMITED');
    // An unknown slug costs the asking address like a known one.
    const guesser = fresh();
    const guesses = [];
    for (const slug of ['nope-1', 'nope-2', 'nope-3', 'nope-4'])
      guesses.push(codeOf(await limited.request(PUBLIC_TENANT, { slug }, from(guesser))));
    expect(guesses).toEqual(['OK', 'OK', 'OK', 'RATE_LIMITED']);
  });

  it('addComplainantMessage: per address and per organisation; a refused message is not written', async () => {
    const send = (address: string, message: string) =>
      limited.request(MESSAGE, { input: { tenantSlug: 'limited', trackingCode: code, message } }, from(address));
    const address = fresh();
    const answers = [await send(address, 'one'), await send(address, 'two'), await send(address, 'three')];
    expect(answers.map(codeOf)).toEqual(['OK', 'OK', 'RATE_LIMITED']);
    expect(answers[2].status).toBe(429);
    expect(codeOf(await send(fresh(), 'four'))).toBe('OK');
    expect(codeOf(await send(fresh(), 'five'))).toBe('RATE_LIMITED');
    const history = (await limited.request(STATUS, { slug: 'limited', code })).data.complaintStatus.history;
    expect(history.map((entry: any) => entry.message).filter(Boolean)).toEqual(['one', 'two', 'four']);
  });
});
