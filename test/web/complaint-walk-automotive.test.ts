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

/** The automotive dealer plugin, walked through the console like the retail one. */
describeInBrowser('the complaint page under the automotive dealer plugin', () => {
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startConsole();
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('automotive dealer: a transmission failure in week one is major; the service manager and the general manager approve', async () => {
    const tenant: ConsoleTenant = await createConsoleTenant(rig.server, 'console-walk-motors');
    const holders = await installIndustryPlugin(rig.server, tenant, 'automotive-dealer', ['service-manager', 'general-manager']);
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, {
      channel: 'VISIT',
      description: 'Gearbox fails to engage third gear',
      demands: ['EXCHANGE'],
      complainant: { name: 'Jordan Smith', phone: '15500000011' },
      asset: { name: 'Sedan', serialNumber: 'LSVAU2180N2123456', model: 'Model S' },
      // Delivered three days before the test server's today (2026-11-25).
      fields: {
        vin: 'LSVAU2180N2123456',
        deliveryDate: '2026-11-22',
        faultFoundOn: '2026-11-25',
        mileageKm: 420,
        failedAssembly: 'transmission',
      },
    });
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor);
    await openComplaint(page, complaint.id);
    await page.getByTestId('complaint-major').waitFor();
    const approvers = await openApproverPages(rig, holders, complaint.id);

    const approved = await walkToClosedInUi({
      main: page,
      ownerId: tenant.supervisor.userId,
      approvers,
      categoryCode: 'product-quality',
      resolution: { kind: 'EXCHANGE', amount: null },
    });
    expect(approved).toEqual(['service-manager', 'general-manager']);
    for (const approver of Object.values(approvers)) expect(await stillSameDocument(approver)).toBe(true);
    noErrors();
  });
});
