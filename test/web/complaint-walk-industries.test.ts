import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant, type ConsoleUser } from './support/console-tenant';
import {
  englishPage,
  installIndustryPlugin,
  markDocument,
  openComplaint,
  stillSameDocument,
  walkToClosedInUi,
} from './support/complaint-page';

/** The hospital and automotive dealer plugins, walked through the console like the retail one. */
describeInBrowser('the complaint page under the hospital and automotive dealer plugins', () => {
  let rig: ConsoleRig;

  beforeAll(async () => {
    rig = await startConsole();
  });

  afterAll(async () => {
    await rig?.stop();
  });

  async function approverPages(holders: Record<string, ConsoleUser>, complaintId: string): Promise<Record<string, Page>> {
    const pages: Record<string, Page> = {};
    for (const [role, user] of Object.entries(holders)) {
      const { page } = await englishPage(rig);
      await signInAs(page, user);
      await openComplaint(page, complaintId);
      await markDocument(page);
      pages[role] = page;
    }
    return pages;
  }

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
    const approvers = await approverPages(holders, complaint.id);

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
    const approvers = await approverPages(holders, complaint.id);

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
