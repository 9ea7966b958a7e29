import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { change, fileComplaint, walkTo } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

const PENALTY = `id status reviewComment subject { __typename ... on User { id } ... on Department { id } }`;

/**
 * The penalty ledger under the retail plugin: a loss at close charges the responsible person
 * and a refusal to receive charges the receiving employee. A supervisor reviews entries, never
 * their own; everyone else sees only their own entries.
 */
describeInBrowser('the penalty ledger', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let handlerPenaltyId: string;
  let supervisorPenaltyId: string;

  const penaltiesOf = async (userId: string): Promise<any[]> =>
    (
      await rig.server.request(
        `query ($filter: PenaltyFilter) { penalties(filter: $filter, first: 50) { edges { node { ${PENALTY} } } } }`,
        { filter: { userId } },
        { token: tenant.admin.token },
      )
    ).data.penalties.edges.map((edge: any) => edge.node);

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-penalties');
    const installed = await rig.server.request(
      `mutation { installPlugin(input: { pluginId: "retail" }) { errors { code } } }`,
      {},
      { token: tenant.admin.token },
    );
    expect(installed.data.installPlugin.errors).toEqual([]);

    const filed = await fileComplaint(rig.server, tenant.staff.agent, {
      channel: 'VISIT',
      description: 'Charged twice at the till',
      demands: ['REFUND'],
      complainant: { name: '王女士', phone: '13800000077' },
    });
    await walkTo(rig.server, tenant.staff, filed.id, 'CLOSED', {
      inputs: {
        assessComplaint: { categoryCode: 'price.difference' },
        recordInvestigation: { cause: 'Till error', responsibleUserId: tenant.handler.userId },
        proposeResolution: { description: 'Apologise and refund' },
        respondToComplainant: { message: 'Refunded' },
        closeComplaint: { summary: 'Till fixed', lossAmount: 2000, lossCurrency: 'CNY' },
      },
    });
    const refused = await fileComplaint(rig.server, tenant.staff.agent);
    const recorded = await change(rig.server, tenant.staff.agent, 'recordRefusalToReceive', {
      complaintId: refused.id,
      expectedVersion: refused.version,
      employeeId: tenant.supervisor.userId,
      note: 'Sent the customer away at the desk',
    });
    expect(recorded.errors).toEqual([]);
    [handlerPenaltyId] = (await penaltiesOf(tenant.handler.userId)).map((p) => p.id);
    [supervisorPenaltyId] = (await penaltiesOf(tenant.supervisor.userId)).map((p) => p.id);
    expect(handlerPenaltyId && supervisorPenaltyId).toBeTruthy();
  });
  afterAll(() => rig?.stop());

  async function englishPage(): Promise<Page> {
    const { context, page } = await rig.newPage();
    await context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.locale', 'en'));
    return page;
  }
  const row = (page: Page, id: string) => page.locator(`[data-testid="penalty-ledger"] tr[data-penalty="${id}"]`);
  const rowIds = (page: Page) =>
    page
      .locator('[data-testid="penalty-ledger"] tbody tr[data-penalty]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-penalty')));

  it('lets a supervisor confirm an entry with a reason, the reason required beside its field', async () => {
    const page = await englishPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fpenalties' });
    await row(page, handlerPenaltyId).waitFor();
    await expect(row(page, handlerPenaltyId).textContent()).resolves.toContain(tenant.handler.name);
    await expect(row(page, handlerPenaltyId).getByTestId('penalty-status').textContent()).resolves.toBe('Waiting for review');
    await screenshot(page, 'penalties');

    await row(page, handlerPenaltyId).getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    // No reason: the server's error stands beside the field and nothing changes.
    await dialog.locator('.ant-form-item-explain-error').waitFor();
    expect((await penaltiesOf(tenant.handler.userId))[0].status).toBe('PENDING');
    await dialog.getByLabel('Why').fill('The till check was skipped');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await row(page, handlerPenaltyId).getByTestId('penalty-status').filter({ hasText: 'Confirmed' }).waitFor();
    expect((await penaltiesOf(tenant.handler.userId))[0]).toMatchObject({
      status: 'CONFIRMED',
      reviewComment: 'The till check was skipped',
    });
    noErrors();
  });

  it("refuses a supervisor's review of their own penalty, shown as a message; an administrator waives it", async () => {
    const page = await englishPage();
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fpenalties%3Fstatus%3DPENDING' });
    await row(page, supervisorPenaltyId).waitFor();
    expect(await rowIds(page)).not.toContain(handlerPenaltyId); // confirmed: not PENDING
    await row(page, supervisorPenaltyId).getByRole('button', { name: 'Waive' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Why').fill('It was mine to waive');
    await dialog.getByRole('button', { name: 'Waive' }).click();
    await page.locator('.ant-message-error').waitFor();
    expect((await penaltiesOf(tenant.supervisor.userId))[0].status).toBe('PENDING');

    const admin = await englishPage();
    await signInAs(admin, tenant.admin, { path: '/sign-in?next=%2Fpenalties' });
    await row(admin, supervisorPenaltyId).getByRole('button', { name: 'Waive' }).click();
    const adminDialog = admin.getByRole('dialog');
    await adminDialog.getByLabel('Why').fill('The customer had been served by a colleague');
    await adminDialog.getByRole('button', { name: 'Waive' }).click();
    await row(admin, supervisorPenaltyId).getByTestId('penalty-status').filter({ hasText: 'Waived' }).waitFor();
    expect((await penaltiesOf(tenant.supervisor.userId))[0]).toMatchObject({
      status: 'WAIVED',
      reviewComment: 'The customer had been served by a colleague',
    });
  });

  it("filters the ledger by the department that bears an entry, from the URL's filter", async () => {
    const all = (
      await rig.server.request(`{ penalties(first: 50) { edges { node { ${PENALTY} } } } }`, {}, { token: tenant.admin.token })
    ).data.penalties.edges.map((edge: any) => edge.node);
    const borne = all.filter((p: any) => p.subject.__typename === 'Department');
    expect(borne).toHaveLength(1); // the department head's share of the loss at close
    const page = await englishPage();
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fpenalties' });
    await row(page, handlerPenaltyId).waitFor();
    await page.goto(`/penalties?department=${borne[0].subject.id}`);
    await row(page, borne[0].id).waitFor();
    expect(await rowIds(page)).toEqual([borne[0].id]);
  });

  it('shows a handler only their own entries', async () => {
    const page = await englishPage();
    await signInAs(page, tenant.handler, { path: '/sign-in?next=%2Fpenalties' });
    await row(page, handlerPenaltyId).waitFor();
    expect(await rowIds(page)).toEqual([handlerPenaltyId]);
  });
});
