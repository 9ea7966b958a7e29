import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { change, fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { poll } from '../support/poll';
import { expectNoConsoleErrors, queueNumbers, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant, type ConsoleUser } from './support/console-tenant';

const DAY_MS = 24 * 3600 * 1000;

describeInBrowser('the complaint queue', () => {
  let rig: ConsoleRig;
  let tenantA: ConsoleTenant;
  let tenantB: ConsoleTenant;
  const filedA: { id: string; number: number; version: number }[] = [];

  beforeAll(async () => {
    rig = await startConsole();
    tenantA = await createConsoleTenant(rig.server, 'console-queue-a');
    tenantB = await createConsoleTenant(rig.server, 'console-queue-b');
    for (const name of ['Li Lei', 'Han Meimei', 'Wang Fang']) {
      filedA.push(
        await fileComplaint(rig.server, tenantA.staff.agent, { ...SAMPLE_COMPLAINT, complainant: { name, phone: '13800138000' } }),
      );
    }
    await fileComplaint(rig.server, tenantB.staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Only In Tenant B', phone: '13900139000' },
    });
    // One of A's complaints is acknowledged: it is not RECEIVED any more.
    const acknowledged = await change(rig.server, tenantA.staff.agent, 'acknowledgeComplaint', {
      complaintId: filedA[2].id,
      expectedVersion: filedA[2].version,
    });
    if (!acknowledged.complaint) throw new Error(JSON.stringify(acknowledged));
  });

  afterAll(async () => {
    await rig?.stop();
  });

  /** Signs in again where a reload asked for it (until sessions resume across reloads), and comes back. */
  async function afterReload(page: Page, user: ConsoleUser): Promise<void> {
    await page.waitForLoadState();
    if (new URL(page.url()).pathname === '/sign-in') await signInAs(page, user);
  }

  const rows = (page: Page) => page.locator('[data-testid="queue"] tbody tr[data-number]');

  it("lists the tenant's complaints, filtered and ordered from the URL, kept over a reload; never another tenant's", async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenantA.supervisor);
    await rows(page).first().waitFor();
    await untilNumbers(page, (numbers) => numbers.length === 3);
    // Newest received first by default.
    expect(await queueNumbers(page)).toEqual(filedA.map((complaint) => complaint.number).reverse());
    expect(await page.locator('[data-testid="queue"]').textContent()).not.toContain('Only In Tenant B');
    // The complainant's phone beside the name, its middle digits hidden (13800138000).
    const complainantCell = rows(page).first().locator('td').nth(4);
    expect(await complainantCell.locator('.queue-phone').textContent()).toBe('138****8000');
    expect(await page.locator('[data-testid="queue"]').textContent()).not.toContain('13800138000');
    await screenshot(page, 'queue');

    // Status filter through the page: into the URL.
    await page.getByTestId('filter-status').click();
    await page.locator('.ant-select-item-option', { hasText: /^(已受理|Received)$/ }).click();
    await page.keyboard.press('Escape');
    await page.waitForURL(/status=RECEIVED/);
    await untilNumbers(page, (numbers) => numbers.length === 2);
    expect((await queueNumbers(page)).sort()).toEqual([filedA[0].number, filedA[1].number].sort());

    // Order from the URL, kept over a reload.
    await page.goto('/complaints?status=RECEIVED&order=NUMBER.ASC');
    await untilNumbers(page, (numbers) => numbers.join() === [filedA[0].number, filedA[1].number].join());
    await page.reload();
    await afterReload(page, tenantA.supervisor);
    await page.waitForURL(/\/complaints\?status=RECEIVED&order=NUMBER\.ASC$/);
    await untilNumbers(page, (numbers) => numbers.join() === [filedA[0].number, filedA[1].number].join());
    noErrors();

    // Tenant B's own user sees only B's complaint.
    const other = await rig.newPage();
    await signInAs(other.page, tenantB.agent);
    await untilNumbers(other.page, (numbers) => numbers.length === 1);
    expect(await other.page.locator('[data-testid="queue"]').textContent()).toContain('Only In Tenant B');
    expect(await other.page.locator('[data-testid="queue"]').textContent()).not.toContain('Li Lei');
  });

  it('shows a complaint filed elsewhere at once, and lets an acknowledged one leave a RECEIVED queue', async () => {
    const { page } = await rig.newPage();
    const listening = rig.server.app.live.hub.subscriberCount;
    await signInAs(page, tenantA.agent, { path: '/sign-in?next=%2Fcomplaints%3Fstatus%3DRECEIVED' });
    await untilNumbers(page, (numbers) => numbers.length === 2);
    // The queue's subscription, and the notification bell's (the inbox).
    await waitForSubscribers(rig.server.app.live.hub, listening + 2);

    const filed = await fileComplaint(rig.server, tenantA.staff.supervisor, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Zhao Live', phone: '13700137000' },
    });
    await untilNumbers(page, (numbers) => numbers.includes(filed.number));
    await page.locator(`tr[data-number="${filed.number}"].queue-row-changed`).waitFor({ timeout: 5000 });

    const acknowledged = await change(rig.server, tenantA.staff.supervisor, 'acknowledgeComplaint', {
      complaintId: filed.id,
      expectedVersion: filed.version,
    });
    expect(acknowledged.errors).toEqual([]);
    await untilNumbers(page, (numbers) => !numbers.includes(filed.number));
  });

  it('opened with a stored session, keeps the watch it started at load once the session has resumed', async () => {
    const { page } = await rig.newPage();
    await signInAs(page, tenantA.agent);
    await rows(page).first().waitFor();
    const sent: string[] = [];
    let queueReads = 0;
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    page.on('request', (request) => {
      if (request.url().endsWith('/graphql') && (request.postData() ?? '').includes('query Complaints(')) queueReads++;
    });
    const listening = rig.server.app.live.hub.subscriberCount;
    await page.reload();
    await rows(page).first().waitFor();
    await page.getByTestId('user-name').filter({ hasText: tenantA.agent.name }).waitFor();
    await page.waitForLoadState('networkidle');
    // One read and one subscription: the resume ending does not stop the watch and start another
    // (whose subscription could miss a change made between its read and its registration).
    expect(queueReads).toBe(1);
    expect(sent.filter((payload) => payload.includes('"subscribe"') && payload.includes('ComplaintChanged'))).toHaveLength(1);
    expect(sent.filter((payload) => payload.includes('"complete"'))).toEqual([]);

    // The reloaded page's two subscriptions in place of the first page's two.
    await waitForSubscribers(rig.server.app.live.hub, listening);
    const filed = await fileComplaint(rig.server, tenantA.staff.supervisor, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'After Reload', phone: '13700137001' },
    });
    await untilNumbers(page, (numbers) => numbers.includes(filed.number));
  });

  it('moves with j and k and opens the current complaint with Enter', async () => {
    const { page } = await rig.newPage();
    await signInAs(page, tenantA.supervisor, { path: '/sign-in?next=%2Fcomplaints%3Forder%3DNUMBER.ASC' });
    await untilNumbers(page, (numbers) => numbers.length >= 3);
    const numbers = await queueNumbers(page);
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(await page.locator('tr.queue-row-current').getAttribute('data-number')).toBe(String(numbers[1]));
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/complaints\/[^/?]+$/);
    await expect(page.getByTestId('complaint-title').textContent()).resolves.toMatch(new RegExp(`\\b${numbers[1]}\\b`));
  });

  it("colours each row's next clock by the server's time: breached, and paused", async () => {
    const running = await fileComplaint(rig.server, tenantA.staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Breach Case', phone: '13600136000' },
    });
    const waiting = await fileComplaint(rig.server, tenantA.staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Paused Case', phone: '13500135000' },
    });
    const paused = await change(rig.server, tenantA.staff.supervisor, 'pauseClock', {
      complaintId: waiting.id,
      expectedVersion: waiting.version,
      reason: 'Waiting for the receipt',
    });
    expect(paused.errors).toEqual([]);
    // Fresh complaints have plenty of time; thirty days on the server's clock, every running clock is past due.
    const { page } = await rig.newPage();
    await signInAs(page, tenantA.supervisor);
    await page.locator(`tr[data-number="${running.number}"] [data-clock-state]`).waitFor();
    expect(await page.locator(`tr[data-number="${running.number}"] [data-clock-state]`).getAttribute('data-clock-state')).toBe('ok');

    rig.server.clock.advance(30 * DAY_MS);
    const later = await rig.newPage();
    await signInAs(later.page, tenantA.supervisor);
    const clockOf = (complaint: { number: number }) => later.page.locator(`tr[data-number="${complaint.number}"] [data-clock-state]`);
    await clockOf(running).waitFor();
    expect(await clockOf(running).getAttribute('data-clock-state')).toBe('breached');
    expect(await clockOf(waiting).getAttribute('data-clock-state')).toBe('paused');
    await screenshot(later.page, 'queue-clocks');
  });
});

/** Waits until the queue's complaint numbers, top to bottom, satisfy `done`. */
function untilNumbers(page: Page, done: (numbers: number[]) => boolean): Promise<number[]> {
  return poll(() => queueNumbers(page), done, { timeoutMs: 10_000, intervalMs: 100 });
}
