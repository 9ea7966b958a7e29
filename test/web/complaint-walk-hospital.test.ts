import { describeInBrowser } from '../support/browser';
import { fileComplaint } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import {
  englishPage,
  installIndustryPlugin,
  openApproverPages,
  openComplaint,
  stillSameDocument,
  walkToClosedInUi,
} from './support/complaint-page';

/** The hospital plugin, walked through the console like the retail one. */
describeInBrowser('the complaint page under the hospital plugin', () => {
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startConsole();
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('hospital: a fee complaint is approved by the department head and the complaint office, then closed', async () => {
    const tenant: ConsoleTenant = await createConsoleTenant(rig.server, 'console-walk-hospital');
    const holders = await installIndustryPlugin(rig.server, tenant, 'hospital', ['department-head', 'complaint-office']);
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, {
      channel: 'SERVICE_DESK',
      description: 'Charged twice for an outpatient examination',
      demands: ['REFUND', 'EXPLANATION'],
      complainant: { name: 'Sun Wei', phone: '13900000011' },
      fields: { patientId: 'MZ-2026-0001', visitType: 'outpatient', receptionPoint: 'service-desk', departmentsInvolved: 1 },
    });
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor);
    await openComplaint(page, complaint.id);
    expect(await page.getByTestId('section-fields').locator('[data-field="visitType"]').textContent()).toBe('outpatient');
    const approvers = await openApproverPages(rig, holders, complaint.id);

    const approved = await walkToClosedInUi({
      main: page,
      ownerId: tenant.supervisor.userId,
      approvers,
      categoryCode: 'fees',
      resolution: { kind: 'REFUND', amount: 120 },
    });
    // The hospital plugin's chain: the department head, then the complaint office.
    expect(approved).toEqual(['department-head', 'complaint-office']);
    for (const approver of Object.values(approvers)) expect(await stillSameDocument(approver)).toBe(true);
    noErrors();
  });
});
