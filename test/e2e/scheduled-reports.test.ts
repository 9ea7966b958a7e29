import { startTestServer, type TestServer } from '../support/test-server';
import { createStaffedTenant, fileComplaint, inviteMember, type Staff } from '../support/complaint-fixtures';
import { MONTHLY_REPORTS_CRONTAB } from '../../server/src/jobs/job-queue';
import { waitForSubscribers, type LiveSubscription } from '../support/live-client';
import { LiveClients, MONTHLY_REPORT_PUBLISHED, payloadOf } from '../support/live-fixtures';

/**
 * The monthly report retail asks for (002 篇二十一 第二十七条): made by the platform when the
 * month ends in the tenant's time zone, due by the 10th of the next month, prepared by
 * administration for the general manager, who can open it; a tenant whose plugin plans no
 * report gets none, and a report someone generated is kept.
 */
let server: TestServer;
let origin: string;

interface RetailTenant {
  slug: string;
  tenantId: string;
  staff: Staff;
  generalManager: string;
  administration: string;
}

const REPORT = `id month generatedAt dueAt preparedBy addressedTo decidedBy generatedBy { id } csvUrl htmlUrl`;
const list = async (token: string) => {
  const result = await server.request(`{ monthlyReports { ${REPORT} } }`, {}, { token });
  expect(result.errors).toBeUndefined();
  return result.data.monthlyReports;
};
const generate = (month: string, token: string) =>
  server.request(
    `mutation ($input: GenerateMonthlyReportInput!) { generateMonthlyReport(input: $input) { report { ${REPORT} } errors { code field } } }`,
    { input: { month } },
    { token },
  );
const download = (path: string, token: string) => fetch(origin + path, { headers: { authorization: `Bearer ${token}` } });

async function retailTenant(slug: string): Promise<RetailTenant> {
  const { staff } = await createStaffedTenant(server, slug);
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "retail" }) { errors { code } } }`,
    {},
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  const generalManager = (await inviteMember(server, { slug, adminToken: staff.admin }, 'gm', ['general-manager'])).token;
  const administration = (await inviteMember(server, { slug, adminToken: staff.admin }, 'admin-hr', ['administration'])).token;
  const tenant = await server.request(`{ tenant { id } }`, {}, { token: staff.admin });
  const [row] = await server.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [slug]);
  expect(tenant.data.tenant.id).toBeTruthy();
  return { slug, tenantId: row.id, staff, generalManager, administration };
}

/** The moments around the end of November 2026 in Shanghai (UTC+8). */
const BEFORE_DECEMBER = new Date('2026-11-30T15:59:00Z');
const DECEMBER_FIRST = new Date('2026-11-30T16:30:00Z');

let scheduled: RetailTenant;
let generatedFirst: RetailTenant;
let plain: { slug: string; staff: Staff };

beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.url).origin;
  scheduled = await retailTenant('retail-scheduled');
  generatedFirst = await retailTenant('retail-generated');
  plain = await createStaffedTenant(server, 'plain-default');
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "default" }) { errors { code } } }`,
    {},
    { token: plain.staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  await fileComplaint(server, scheduled.staff.agent);
  await fileComplaint(server, scheduled.staff.agent);
});

afterAll(async () => {
  await server?.stop();
});

it('is registered with the job queue as an hourly cron task', async () => {
  expect(MONTHLY_REPORTS_CRONTAB).toMatch(/^\S+ \* \* \* \* monthly-reports$/);
  const known = await server.ownerQuery('SELECT identifier FROM graphile_worker._private_known_crontabs');
  expect(known.map((row) => row.identifier)).toContain('monthly-reports');
});

describe('made on schedule', () => {
  let made: { tenantId: string; month: string }[];
  const clients = new LiveClients(() => server.url);
  const live: Record<string, LiveSubscription> = {};

  beforeAll(async () => {
    // The month has not ended in Shanghai yet; October ended before the plugin was installed.
    expect(await server.app.reports.makeDue(BEFORE_DECEMBER)).toEqual([]);
    const kept = await generate('2026-11', generatedFirst.administration);
    expect(kept.data.generateMonthlyReport.errors).toEqual([]);
    const subscribers = {
      generalManager: scheduled.generalManager,
      agent: scheduled.staff.agent,
      otherTenant: generatedFirst.generalManager,
    };
    for (const [who, token] of Object.entries(subscribers)) live[who] = await (await clients.as(token)).subscribe(MONTHLY_REPORT_PUBLISHED);
    await waitForSubscribers(server.app.live.hub, 3);
    made = await server.app.reports.makeDue(DECEMBER_FIRST);
  });

  afterAll(async () => {
    await clients.closeAll();
  });

  it('tells the general manager at once, and nobody who may not open it', async () => {
    const delivered = payloadOf(await live.generalManager.nth(0), 'monthlyReportPublished');
    expect(delivered).toEqual({
      kind: 'CHANGE',
      report: { id: expect.any(String), month: '2026-11', addressedTo: ['general-manager'], generatedBy: null },
    });
    await live.agent.expectNoMoreThan(0);
    await live.otherTenant.expectNoMoreThan(0);
  });

  it('makes November for the retail tenant once it ends in its time zone, and for no one else', () => {
    expect(made).toEqual([{ tenantId: scheduled.tenantId, month: '2026-11' }]);
  });

  it('is due by the end of 10 December, prepared by administration for the general manager', async () => {
    const [report] = await list(scheduled.generalManager);
    expect(report).toMatchObject({
      month: '2026-11',
      dueAt: '2026-12-10T16:00:00.000Z',
      preparedBy: 'administration',
      addressedTo: ['general-manager'],
      decidedBy: 'retail@1.0.0',
      generatedBy: null,
    });
    const html = await download(report.htmlUrl, scheduled.generalManager);
    expect(html.status).toBe(200);
    const page = await html.text();
    expect(page).toContain('由行政人事部填报，呈报总经理，应于2026-12-10前完成。');
    const english = await (
      await fetch(origin + report.htmlUrl, { headers: { authorization: `Bearer ${scheduled.generalManager}`, 'accept-language': 'en' } })
    ).text();
    expect(english).toContain('Prepared by Administration and HR, for General manager, due by 2026-12-10.');
    expect(page).toContain('<svg');
    const csv = await download(report.csvUrl, scheduled.generalManager);
    expect(await csv.text()).toMatch(/^total,all,count,2$/m);
  });

  it('keeps a report someone generated, and makes nothing twice', async () => {
    const [kept] = await list(generatedFirst.generalManager);
    expect(kept.generatedBy).not.toBeNull();
    const before = await list(scheduled.staff.supervisor);
    expect(await server.app.reports.makeDue(DECEMBER_FIRST)).toEqual([]);
    expect(await server.app.reports.makeDue(new Date('2026-12-09T00:00:00Z'))).toEqual([]);
    expect(await list(scheduled.staff.supervisor)).toEqual(before);
  });

  it('makes nothing for a tenant whose plugin plans no report', async () => {
    expect(await list(plain.staff.supervisor)).toEqual([]);
  });
});

describe('who opens and generates a planned report', () => {
  it('shows it to the roles it names and to managers, to nobody else', async () => {
    const [report] = await list(scheduled.staff.supervisor);
    expect((await list(scheduled.administration)).map((r: any) => r.id)).toEqual([report.id]);
    expect(await list(scheduled.staff.agent)).toEqual([]);
    expect(await list(scheduled.staff.handler)).toEqual([]);
    expect((await download(report.htmlUrl, scheduled.staff.agent)).status).toBe(403);
    expect((await download(report.csvUrl, scheduled.staff.handler)).status).toBe(403);
    // Another tenant's general manager learns nothing of it.
    expect((await download(report.csvUrl, generatedFirst.generalManager)).status).toBe(404);
  });

  it('lets the role that prepares it generate it again, and nobody below the managers otherwise', async () => {
    const again = await generate('2026-11', scheduled.administration);
    expect(again.data.generateMonthlyReport.errors).toEqual([]);
    const report = again.data.generateMonthlyReport.report;
    expect(report).toMatchObject({ month: '2026-11', preparedBy: 'administration', generatedBy: { id: expect.any(String) } });
    const badMonth = await generate('2026-13', scheduled.administration);
    expect(badMonth.data.generateMonthlyReport).toEqual({ report: null, errors: [{ code: 'INVALID_INPUT', field: 'month' }] });
    for (const token of [scheduled.generalManager, scheduled.staff.agent, scheduled.staff.handler]) {
      const refused = await generate('2026-11', token);
      expect(refused.errors).toBeUndefined();
      expect(refused.data.generateMonthlyReport).toEqual({ report: null, errors: [{ code: 'FORBIDDEN', field: null }] });
    }
    expect((await list(scheduled.staff.supervisor))[0].generatedAt).toBe(report.generatedAt);
  });

  it('plans nothing for a report of a tenant without a plan, whoever generates it', async () => {
    const result = await generate('2026-11', plain.staff.supervisor);
    expect(result.data.generateMonthlyReport).toEqual({
      report: expect.objectContaining({ dueAt: null, preparedBy: null, addressedTo: [], decidedBy: null }),
      errors: [],
    });
  });
});
