import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, walkTo } from '../support/complaint-fixtures';
import { waitFor, waitForSubscribers } from '../support/live-client';
import { inbox } from '../support/notification-fixtures';
import { poll } from '../support/poll';
import { englishPage } from './support/complaint-page';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { expectAccessible, expectVisibleFocus, tabTo } from './support/public-pages';

/**
 * The bell as the member's stored inbox: a notification arriving live (a complaint assigned to
 * the signed-in handler through the API), opened and so read; mark all read; the member's
 * notification settings kept over a reload; and another tenant's member seeing none of it.
 */
describeInBrowser('the notification inbox in the console', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let other: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole({ jobPollIntervalMs: 200 });
    tenant = await createConsoleTenant(rig.server, 'console-inbox-a');
    other = await createConsoleTenant(rig.server, 'console-inbox-b');
  });
  afterAll(() => rig?.stop());

  /** Files a complaint in tenant A and has it assigned to A's handler by the supervisor: one notification for the handler. */
  async function assignedToHandler(): Promise<{ id: string; number: number }> {
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    return walkTo(rig.server, tenant.staff, filed.id, 'ASSIGNED');
  }

  const bellSays = (page: Page, unread: number) =>
    page.locator(`[data-testid="notification-bell"][aria-label="Notifications, ${unread} unread"]`).waitFor({ timeout: 15_000 });
  const notices = (page: Page) => page.locator('[data-testid="notification-list"] [data-testid="notice"]');

  it('shows a notification arriving live in the bell; opening it opens its complaint and marks it read', async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    const listening = rig.server.app.live.hub.subscriberCount;
    await signInAs(page, tenant.handler);
    // The queue's subscription and the bell's.
    await waitForSubscribers(rig.server.app.live.hub, listening + 2);
    await bellSays(page, 0);

    const assigned = await assignedToHandler();
    await bellSays(page, 1);
    await page.getByTestId('notification-bell').click();
    const notice = notices(page).filter({ hasText: `Complaint ${assigned.number} assigned to you` });
    await notice.waitFor();
    expect(await notice.getAttribute('data-event')).toBe('COMPLAINT_ASSIGNED');
    expect(await notice.getAttribute('data-read')).toBe('false');
    await screenshot(page, 'notification-inbox');

    await notice.getByRole('link').click();
    await page.waitForURL(new RegExp(`/complaints/${assigned.id}$`));
    await bellSays(page, 0);
    const [stored] = await inbox(rig.server, tenant.handler.token);
    expect(stored.complaint.id).toBe(assigned.id);
    expect(stored.readAt).not.toBeNull();
    noErrors();
  });

  it('marks every notification read at once, by keyboard', async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.handler);
    const first = await assignedToHandler();
    const second = await assignedToHandler();
    await bellSays(page, 2);

    // The bell opens with Enter; the panel takes the focus; "Mark all read" is reached with Tab.
    await page.getByTestId('notification-bell').focus();
    await page.keyboard.press('Enter');
    await notices(page)
      .filter({ hasText: `Complaint ${second.number} assigned to you` })
      .waitFor();
    // The panel takes the focus once its opening animation has ended.
    await page.waitForFunction(() => {
      const doc = (globalThis as any).document;
      return Boolean(doc.activeElement?.closest('[data-testid="notification-list"]'));
    });
    await tabTo(page, '[data-testid="notification-mark-all"]', 5);
    await expectVisibleFocus(page);
    // Unread first, newest first; the one read before comes last.
    expect(await notices(page).evaluateAll((rows) => rows.map((row) => row.getAttribute('data-read')))).toEqual(['false', 'false', 'true']);
    expect(await notices(page).nth(0).textContent()).toContain(`Complaint ${second.number} assigned to you`);
    expect(await notices(page).nth(1).textContent()).toContain(`Complaint ${first.number} assigned to you`);
    await page.keyboard.press('Enter');
    await bellSays(page, 0);
    await page.locator('[data-testid="notification-list"] [data-testid="notice"][data-read="false"]').waitFor({ state: 'detached' });
    expect(await notices(page).count()).toBe(3);
    // Escape closes the panel and gives the focus back to the bell.
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('notification-bell').evaluate((bell) => bell === (globalThis as any).document.activeElement)).toBe(true);

    const unread = await rig.server.request(`{ unreadNotificationCount }`, {}, { token: tenant.handler.token });
    expect(unread.data.unreadNotificationCount).toBe(0);
    noErrors();
  });

  it('keeps the member’s notification settings: per event and channel, and the language of their mail', async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.handler);
    // The user's name in the top bar opens their settings.
    await page.getByTestId('user-name').click();
    await page.waitForURL(/\/settings\/notifications$/);
    const form = page.getByTestId('notification-preferences');
    const emailAssigned = form.getByRole('checkbox', { name: 'By email: A complaint assigned to me' });
    const inAppPenalty = form.getByRole('checkbox', { name: 'In the console: A penalty charged to me' });
    // Everything on until turned off.
    expect(await emailAssigned.isChecked()).toBe(true);
    expect(await inAppPenalty.isChecked()).toBe(true);
    // Names, labels and roles; not contrast: the console keeps Ant Design's default palette.
    await expectAccessible(page, { except: ['color-contrast'] });

    await emailAssigned.uncheck();
    await inAppPenalty.uncheck();
    await page.getByTestId('mail-locale').click();
    await page.locator('.ant-select-item-option', { hasText: /^English$/ }).click();
    await page.getByTestId('save-preferences').click();
    await page.getByText('Your notification settings are saved.').waitFor();
    await screenshot(page, 'notification-settings');

    const stored = await rig.server.request(
      `{ notificationPreferences { locale events { event inApp email } } }`,
      {},
      { token: tenant.handler.token },
    );
    const prefs = stored.data.notificationPreferences;
    expect(prefs.locale).toBe('en');
    expect(prefs.events.find((entry: any) => entry.event === 'COMPLAINT_ASSIGNED')).toEqual({
      event: 'COMPLAINT_ASSIGNED',
      inApp: true,
      email: false,
    });
    expect(prefs.events.find((entry: any) => entry.event === 'PENALTY_CHARGED')).toEqual({
      event: 'PENALTY_CHARGED',
      inApp: false,
      email: true,
    });

    await page.reload();
    await form.waitFor();
    expect(await emailAssigned.isChecked()).toBe(false);
    expect(await inAppPenalty.isChecked()).toBe(false);
    expect(await form.getByRole('checkbox', { name: 'In the console: A complaint assigned to me' }).isChecked()).toBe(true);
    expect(await page.getByTestId('mail-locale').textContent()).toContain('English');
    noErrors();
  });

  it("shows a member of another organisation none of this one's notifications, stored or live", async () => {
    // Tenant A's handler has notifications by now; tenant B's has none.
    expect((await inbox(rig.server, tenant.handler.token)).length).toBeGreaterThan(0);
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    const listening = rig.server.app.live.hub.subscriberCount;
    await signInAs(page, other.handler);
    // The queue's watch and the bell's feed; an earlier test's page may still add its own bell's.
    const hub = rig.server.app.live.hub;
    await waitFor(() => hub.subscriberCount >= listening + 2, 10_000, 'the queue and the bell listening');
    await bellSays(page, 0);
    await page.getByTestId('notification-bell').click();
    await page.getByTestId('notification-list').getByText('No notifications').waitFor();
    await page.keyboard.press('Escape');

    // A notification for A's handler, then one for B's: B's bell shows its own only.
    const inA = await assignedToHandler();
    await poll(
      () => inbox(rig.server, tenant.handler.token),
      (items) => items.some((item) => item.complaint?.number === inA.number),
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    const filedInB = await fileComplaint(rig.server, other.staff.agent);
    const inB = await walkTo(rig.server, other.staff, filedInB.id, 'ASSIGNED');
    await bellSays(page, 1);
    await page.getByTestId('notification-bell').click();
    await notices(page).first().waitFor();
    expect(await notices(page).allTextContents()).toEqual([expect.stringContaining(`Complaint ${inB.number} assigned to you`)]);
    expect(await notices(page).first().getAttribute('data-complaint')).toBe(String(inB.number));

    // Read again from the server: the same.
    await page.reload();
    await bellSays(page, 1);
    await page.getByTestId('notification-bell').click();
    await notices(page).first().waitFor();
    expect(await notices(page).count()).toBe(1);
    expect(await page.locator('body').textContent()).not.toContain(`Complaint ${inA.number} assigned to you`);
    noErrors();
  });
});
