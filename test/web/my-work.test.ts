import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { change, fileComplaint, walkTo } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { poll } from '../support/poll';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/**
 * My work and the notification bell: approvals waiting on the viewer's roles (the default
 * plugin asks a supervisor to approve every resolution), decided inline; the inbox's clock
 * alerts of the one who answers for the clock.
 */
describeInBrowser('My work and the notification centre', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole({ jobPollIntervalMs: 200 });
    tenant = await createConsoleTenant(rig.server, 'console-my-work');
  });
  afterAll(() => rig?.stop());

  /** A page in English: the user's choice, kept in the browser (the tenant's language is zh-CN). */
  async function englishPage(): Promise<Page> {
    const { context, page } = await rig.newPage();
    await context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.locale', 'en'));
    return page;
  }

  const approvalRows = (page: Page) => page.locator('[data-testid="approval-inbox"] tbody tr[data-number]');
  const shownNumbers = (page: Page) =>
    approvalRows(page).evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-number'))).sort((a, b) => a - b));
  async function untilShown(page: Page, expected: number[]): Promise<void> {
    const wanted = [...expected].sort((a, b) => a - b).join();
    expect(
      (
        await poll(
          () => shownNumbers(page),
          (numbers) => numbers.join() === wanted,
          { timeoutMs: 10_000, intervalMs: 100 },
        )
      ).join(),
    ).toBe(wanted);
  }
  const statusOf = async (id: string) =>
    (await rig.server.request(`query ($id: ID!) { complaint(id: $id) { status } }`, { id }, { token: tenant.staff.supervisor })).data
      .complaint.status as string;

  /** A complaint the handler investigates, ready for a resolution to be proposed. */
  async function investigated(): Promise<any> {
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    return walkTo(rig.server, tenant.staff, filed.id, 'INVESTIGATING');
  }

  async function propose(complaint: any): Promise<void> {
    const proposed = await change(rig.server, tenant.staff.handler, 'proposeResolution', {
      complaintId: complaint.id,
      expectedVersion: complaint.version,
      kind: 'APOLOGY',
      description: 'We apologise for the leak',
    });
    expect(proposed.errors).toEqual([]);
    expect(proposed.complaint.status).toBe('RESOLUTION_PROPOSED');
  }

  it('lists approvals waiting on my role, receives a new one live in the list and the bell, and decides inline', async () => {
    const waitingBefore = await investigated();
    await propose(waitingBefore);

    const page = await englishPage();
    const noErrors = expectNoConsoleErrors(page);
    const listening = rig.server.app.live.hub.subscriberCount;
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fmy-work' });
    await page.waitForURL(/\/my-work$/);
    await untilShown(page, [waitingBefore.number]);
    // The bell's inbox subscription and My work's approval requests.
    await waitForSubscribers(rig.server.app.live.hub, listening + 2);
    // The inbox kept the request of the approval that waited before the sign-in.
    const bell = page.getByTestId('notification-bell');
    await page.locator('[data-testid="notification-bell"][aria-label="Notifications, 1 unread"]').waitFor({ timeout: 10_000 });

    // The handler proposes another resolution: the supervisor sees it arrive without a reload.
    const arriving = await investigated();
    await propose(arriving);
    await untilShown(page, [waitingBefore.number, arriving.number]);
    await page.locator('[data-testid="notification-bell"][aria-label="Notifications, 2 unread"]').waitFor({ timeout: 10_000 });
    await bell.click();
    const notice = page.locator(
      `[data-testid="notification-list"] [data-testid="notice"][data-event="APPROVAL_REQUESTED"][data-complaint="${arriving.number}"]`,
    );
    await expect(notice.textContent()).resolves.toContain(`Approval needed: complaint ${arriving.number}`);
    await expect(notice.textContent()).resolves.toContain('Supervisor approval');
    await screenshot(page, 'notifications');
    await page.keyboard.press('Escape');
    await screenshot(page, 'my-work');

    // Approve the first inline; send the second back with a comment.
    const first = page.locator(`[data-testid="approval-inbox"] tr[data-number="${waitingBefore.number}"]`);
    await first.getByRole('button', { name: 'Approve' }).click();
    await untilShown(page, [arriving.number]);
    expect(await statusOf(waitingBefore.id)).toBe('APPROVED');

    const second = page.locator(`[data-testid="approval-inbox"] tr[data-number="${arriving.number}"]`);
    await second.getByLabel(`Comment on the decision for No. ${arriving.number}`).fill('Offer a repair as well');
    await second.getByRole('button', { name: 'Send back' }).click();
    await untilShown(page, []);
    expect(await statusOf(arriving.id)).toBe('SENT_BACK');
    noErrors();
  });

  it('offers no approval to a handler, whose role no step names', async () => {
    const waiting = await investigated();
    await propose(waiting);
    const page = await englishPage();
    await signInAs(page, tenant.handler, { path: '/sign-in?next=%2Fmy-work' });
    await page.getByText('No approval waits on you.').waitFor({ timeout: 10_000 });
    expect(await approvalRows(page).count()).toBe(0);
  });

  it("shows the clock's holder a deadline alert in My work and the bell when a complaint's acknowledgement clock runs out", async () => {
    const page = await englishPage();
    const noErrors = expectNoConsoleErrors(page);
    const listening = rig.server.app.live.hub.subscriberCount;
    // The agent who received the complaint answers for its clocks until someone owns it.
    await signInAs(page, tenant.agent, { path: '/sign-in?next=%2Fmy-work' });
    await waitForSubscribers(rig.server.app.live.hub, listening + 2);
    await page.getByText('No clock or escalation of yours to mind.').waitFor();

    // The queue fires clocks on the database's own time, not the business clock: the tenant's
    // default plugin is configured to give two seconds to acknowledge, and nobody does.
    const installed = await rig.server.request(
      `mutation ($config: JSON) { installPlugin(input: { pluginId: "default", config: $config }) { errors { code } } }`,
      { config: { 'default.deadlines': { acknowledgeHours: 0.0005 } } },
      { token: tenant.admin.token },
    );
    expect(installed.data.installPlugin.errors).toEqual([]);
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    const breach = page.locator(
      `[data-testid="my-alerts"] [data-testid="notice"][data-event="DEADLINE_BREACHED"][data-complaint="${filed.number}"]`,
    );
    await breach.waitFor({ timeout: 15_000 });
    await expect(breach.textContent()).resolves.toContain(`Deadline passed: Acknowledge, complaint ${filed.number}`);
    await expect(page.getByTestId('notification-bell').getAttribute('aria-label')).resolves.toMatch(/Notifications, [1-9]\d* unread/);
    await screenshot(page, 'my-work-alerts');

    // A notice opens its complaint and counts as read.
    await breach.getByRole('link').click();
    await page.waitForURL(new RegExp(`/complaints/${filed.id}$`));
    await page.goBack();
    await page.waitForURL(/\/my-work$/);
    await expect(breach.getAttribute('data-read')).resolves.toBe('true');
    noErrors();
  });
});
