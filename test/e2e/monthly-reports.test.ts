import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * The monthly report of October 2026, a month that opens with the National Day holiday
 * (1–7 October): complaints received on the holiday count in it, the month's edges are
 * taken in the tenant's time zone, the report is stored, served as CSV and HTML with charts
 * under the same credentials, and generating it again gives the same numbers.
 */
let server: TestServer;
let staff: Staff;
let other: Staff;
let origin: string;

interface Spec {
  receivedAt: string;
  acknowledgedAt?: string;
  channel: 'PHONE' | 'VISIT' | 'LETTER';
}
const SPECS: Spec[] = [
  { receivedAt: '2026-09-30T23:30:00+08:00', channel: 'PHONE' }, // September in Shanghai
  { receivedAt: '2026-10-01T10:00:00+08:00', channel: 'VISIT' }, // National Day
  { receivedAt: '2026-10-03T12:00:00+08:00', acknowledgedAt: '2026-10-08T09:00:00+08:00', channel: 'PHONE' }, // answered after the holiday
  { receivedAt: '2026-10-31T23:30:00+08:00', channel: 'LETTER' },
  { receivedAt: '2026-11-01T00:10:00+08:00', channel: 'PHONE' }, // still 31 October in UTC, but November in Shanghai
];
const october = SPECS.filter((s) => s.receivedAt.startsWith('2026-10'));

const GENERATE = `mutation ($input: GenerateMonthlyReportInput!) {
  generateMonthlyReport(input: $input) { report { id month generatedAt csvUrl htmlUrl } errors { code field message } } }`;
const generate = (month: string, token = staff.supervisor) => server.request(GENERATE, { input: { month } }, { token });
const download = (path: string, token?: string, headers: Record<string, string> = {}) =>
  fetch(origin + path, { headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

/** The value of one line of the long CSV table. */
function csvValue(csv: string, section: string, key: string, measure: string): string | undefined {
  const line = csv.split(/\r?\n/).find((l) => l.startsWith(`${section},${key},${measure},`));
  return line?.slice(`${section},${key},${measure},`.length);
}

beforeAll(async () => {
  server = await startTestServer();
  origin = new URL(server.url).origin;
  ({ staff } = await createStaffedTenant(server, 'monthly'));
  ({ staff: other } = await createStaffedTenant(server, 'monthly-other'));
  for (const [i, spec] of SPECS.entries()) {
    const c = await fileComplaint(server, staff.agent, {
      channel: spec.channel,
      description: 'Monthly sample',
      demands: ['REPAIR'],
      complainant: { name: '孙八', phone: `1330000000${i}` },
    });
    if (spec.acknowledgedAt) {
      const acked = await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: c.id, expectedVersion: c.version });
      expect(acked.errors).toEqual([]);
    }
    await server.ownerQuery('UPDATE complaints SET received_at = $2, acknowledged_at = $3 WHERE id = $1', [
      fromGlobalId(c.id, 'Complaint')!.id,
      spec.receivedAt,
      spec.acknowledgedAt ?? null,
    ]);
  }
  // The other tenant's October complaint is not in this tenant's report.
  const theirs = await fileComplaint(server, other.agent);
  await server.ownerQuery('UPDATE complaints SET received_at = $2 WHERE id = $1', [
    fromGlobalId(theirs.id, 'Complaint')!.id,
    '2026-10-02T10:00:00+08:00',
  ]);
});

afterAll(async () => {
  await server?.stop();
});

describe('the monthly report', () => {
  let report: any;
  let csv: string;

  beforeAll(async () => {
    const result = await generate('2026-10');
    expect(result.data.generateMonthlyReport.errors).toEqual([]);
    report = result.data.generateMonthlyReport.report;
    const response = await download(report.csvUrl, staff.supervisor);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    csv = await response.text();
  });

  it('counts the complaints of the month in the tenant’s time zone, holiday ones included', async () => {
    expect(report.month).toBe('2026-10');
    expect(csvValue(csv, 'total', 'all', 'count')).toBe(String(october.length));
    const perChannel = (channel: string) => october.filter((s) => s.channel === channel).length;
    for (const channel of ['PHONE', 'VISIT', 'LETTER']) {
      expect(csvValue(csv, 'channel', channel, 'count')).toBe(String(perChannel(channel)));
    }
    const acked = october.filter((s) => s.acknowledgedAt);
    const hours = (Date.parse(acked[0].acknowledgedAt!) - Date.parse(acked[0].receivedAt)) / 3_600_000;
    expect(Number(csvValue(csv, 'total', 'all', 'hoursToAcknowledge.median'))).toBe(hours);
    expect(csvValue(csv, 'report', 'period', 'from')).toBe('2026-09-30T16:00:00.000Z');
    expect(csvValue(csv, 'report', 'period', 'to')).toBe('2026-10-31T16:00:00.000Z');
  });

  it('is listed, and generating it again gives the same numbers and the same report', async () => {
    const again = await generate('2026-10');
    expect(again.data.generateMonthlyReport.report.id).toBe(report.id);
    const second = await (await download(report.csvUrl, staff.supervisor)).text();
    expect(second).toBe(csv);
    const listed = await server.request(`{ monthlyReports { id month csvUrl htmlUrl } }`, {}, { token: staff.admin });
    expect(listed.data.monthlyReports).toEqual([{ id: report.id, month: '2026-10', csvUrl: report.csvUrl, htmlUrl: report.htmlUrl }]);
  });

  it('prints as an HTML page with server-drawn SVG charts', async () => {
    const response = await download(report.htmlUrl, staff.supervisor);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(html).not.toContain('<script');
    // In the tenant's language, with the stored codes shown by their labels.
    expect(html).toContain('<html lang="zh-CN">');
    for (const words of ['投诉来源', '各部门时限执行情况', '顾客满意度', '重复出现的问题', '来访', '信函']) expect(html).toContain(words);
    expect(html).not.toContain('>VISIT<');
  });

  it('speaks the language the reader asks for', async () => {
    const html = await (await download(report.htmlUrl, staff.supervisor, { 'accept-language': 'en' })).text();
    expect(html).toContain('<html lang="en">');
    for (const words of [
      'Where complaints come from',
      'Which departments run late',
      'What customers think',
      'What keeps recurring',
      'Visit in person',
      'Letter',
    ]) {
      expect(html).toContain(words);
    }
  });

  it('is served only with the credentials of a manager of its tenant', async () => {
    expect((await download(report.csvUrl)).status).toBe(401);
    expect((await download(report.csvUrl, 'not-a-token')).status).toBe(401);
    expect((await download(report.csvUrl, staff.agent)).status).toBe(403);
    expect((await download(report.htmlUrl, other.supervisor)).status).toBe(404);
    expect((await download('/reports/nothing.csv', staff.supervisor)).status).toBe(404);
    const refused = await generate('2026-10', staff.agent);
    expect(refused.errors).toBeUndefined();
    expect(refused.data.generateMonthlyReport).toEqual({
      report: null,
      errors: [{ code: 'FORBIDDEN', field: null, message: expect.any(String) }],
    });
    const list = await server.request(`{ monthlyReports { id } }`, {}, { token: other.supervisor });
    expect(list.data.monthlyReports).toEqual([]);
  });

  it('refuses a malformed or future month and writes nothing', async () => {
    const [{ before }] = await server.ownerQuery('SELECT count(*)::int AS before FROM monthly_reports');
    for (const month of ['2026-13', 'October', '2999-01']) {
      const result = await generate(month);
      expect(result.data.generateMonthlyReport).toEqual({
        report: null,
        errors: [expect.objectContaining({ code: 'INVALID_INPUT', field: 'month' })],
      });
    }
    const [{ after }] = await server.ownerQuery('SELECT count(*)::int AS after FROM monthly_reports');
    expect(after).toBe(before);
  });
});
