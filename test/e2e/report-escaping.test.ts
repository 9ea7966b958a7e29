import { startTestServer, type TestServer } from '../support/test-server';
import { createStaffedTenant, fileComplaint, SAMPLE_COMPLAINT, type Staff } from '../support/complaint-fixtures';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * Text people typed (a complainant's name, an asset's name and model) reaches the printable
 * monthly report escaped: markup in it is shown as text, never run by the reader's browser.
 */
const SCRIPT = '<script>alert("x")</script>';
const ESCAPED = '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;';

let server: TestServer;
let staff: Staff;

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'escaping'));
  for (const i of [1, 2]) {
    const complaint = await fileComplaint(server, staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: `${SCRIPT} & Sons`, phone: '13900000001' },
      asset: { name: `Dryer ${SCRIPT}`, serialNumber: `SN-${i}`, model: `<img src=x onerror="alert(${i})">` },
    });
    await server.ownerQuery('UPDATE complaints SET received_at = $2 WHERE id = $1', [
      fromGlobalId(complaint.id, 'Complaint')!.id,
      '2026-10-15T10:00:00+08:00',
    ]);
  }
});

afterAll(async () => {
  await server?.stop();
});

it('shows markup typed into a complaint as text in the HTML report', async () => {
  const generated = await server.request(
    `mutation ($input: GenerateMonthlyReportInput!) { generateMonthlyReport(input: $input) { report { htmlUrl } errors { code } } }`,
    { input: { month: '2026-10' } },
    { token: staff.supervisor },
  );
  expect(generated.data.generateMonthlyReport.errors).toEqual([]);
  const response = await fetch(new URL(generated.data.generateMonthlyReport.report.htmlUrl, server.url), {
    headers: { authorization: `Bearer ${staff.supervisor}` },
  });
  expect(response.status).toBe(200);
  const html = await response.text();
  expect(html).not.toContain('<script');
  expect(html).not.toContain('<img');
  // The customer hotspot row, with its count, and the asset rows, each shown as typed.
  expect(html).toContain(`<td>${ESCAPED} &amp; Sons</td><td>2</td>`);
  expect(html).toContain(`<td>Dryer ${ESCAPED}</td>`);
  expect(html).toContain('<td>&lt;img src=x onerror=&quot;alert(1)&quot;&gt;</td>');
});
