import { describeInBrowser } from '../support/browser';
import { fileComplaint } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant, type ConsoleUser } from './support/console-tenant';
import {
  englishPage,
  installIndustryPlugin,
  openApproverPages,
  openComplaint,
  stillSameDocument,
  walkToClosedInUi,
} from './support/complaint-page';

describeInBrowser('the complaint page under the retail plugin', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let holders: Record<string, ConsoleUser>;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-walk-retail');
    holders = await installIndustryPlugin(rig.server, tenant, 'retail', ['administration', 'general-manager']);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('walks a price-fraud complaint from receipt to closed; the administration and general manager approve on pages that got the step live', async () => {
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, {
      channel: 'VISIT',
      description: 'Shelf price 19.9, charged 39.9 at the till',
      demands: ['REFUND', 'COMPENSATION'],
      complainant: { name: 'Liu Fang', phone: '13800000011' },
      fields: { price: 39.9, storeCode: 'S-001', productCode: '6901234567890' },
    });
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor);
    await openComplaint(page, complaint.id);
    // The retail plugin's intake fields under their declared labels; its findings with their legal source.
    const fields = page.getByTestId('section-fields');
    expect(await fields.textContent()).toEqual(expect.stringContaining('Price paid'));
    expect(await fields.locator('[data-field="storeCode"]').textContent()).toBe('S-001');
    // The phone is masked until asked for.
    expect(await page.getByTestId('complainant-phone').textContent()).toBe('138****0011');

    // The two other approvers open the complaint now, long before any approval is asked of them.
    const approvers = await openApproverPages(rig, holders, complaint.id);

    const approved = await walkToClosedInUi({
      main: page,
      ownerId: tenant.supervisor.userId,
      approvers,
      categoryCode: 'price.fraud',
      resolution: { kind: 'COMPENSATION', amount: 6000 },
      beforeProposing: () => screenshot(page, 'complaint-action-drawer'),
    });
    // The chain the retail plugin asks for a compensation of 6000 in a price fraud.
    expect(approved).toEqual(['supervisor', 'administration', 'general-manager']);
    for (const role of ['administration', 'general-manager']) expect(await stillSameDocument(approvers[role])).toBe(true);

    const findings = page.getByTestId('section-findings');
    await findings.locator('[data-finding="retail.fraud-compensation"]').waitFor();
    expect(await findings.getByTestId('finding-cites').first().textContent()).toMatch(/^Source: .+/);
    await screenshot(page, 'complaint-page');

    const closed = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { status approvals { role decision decidedBy { name } } closing { summary } followUps { scores { dimension score } } } }`,
      { id: complaint.id },
      { token: tenant.staff.supervisor },
    );
    expect(closed.data.complaint).toEqual({
      status: 'CLOSED',
      approvals: [
        { role: 'supervisor', decision: 'APPROVE', decidedBy: { name: 'supervisor' } },
        { role: 'administration', decision: 'APPROVE', decidedBy: { name: 'administration' } },
        { role: 'general-manager', decision: 'APPROVE', decidedBy: { name: 'general-manager' } },
      ],
      closing: { summary: 'Refunded; the till price was corrected.' },
      followUps: [{ scores: [{ dimension: 'ATTITUDE', score: 5 }] }],
    });
    // The timeline holds every step, newest first, without reloading the page.
    const kinds = await page
      .locator('[data-testid="timeline"] [data-event-kind]')
      .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-event-kind')));
    expect(kinds.length).toBeGreaterThanOrEqual(12);
    noErrors();
  });
});
