import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint } from '../support/complaint-fixtures';
import { verifySignature, WebhookReceiver } from '../support/notification-receivers';
import { outboxSettled, webhooksReceived } from '../support/notification-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/**
 * Administration → Webhooks against a real HTTP receiver on 127.0.0.1: an endpoint added with
 * its secret shown once (the one that signs), a complaint event delivered and in the log, sent
 * again; a new secret with the previous one still signing for the configured overlap; deleted
 * after confirmation; another tenant's administrator sees none of it.
 */
describeInBrowser('Administration → Webhooks', () => {
  let hooks: WebhookReceiver;
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let other: ConsoleTenant;
  let secret = '';

  beforeAll(async () => {
    hooks = await new WebhookReceiver().start();
    rig = await startConsole({
      jobPollIntervalMs: 100,
      // The receiver is on the loopback address; two hours of overlap after a new secret.
      notifications: { webhookAllowPrivateAddresses: true, retryBaseMs: 100, retryMaxMs: 400, webhookSecretOverlapSeconds: 7200 },
    });
    tenant = await createConsoleTenant(rig.server, 'console-webhooks-a');
    other = await createConsoleTenant(rig.server, 'console-webhooks-b');
  });
  afterAll(async () => {
    await rig?.stop();
    await hooks?.stop();
  });

  async function adminPage(who = tenant) {
    const { context, page } = await rig.newPage({ permissions: ['clipboard-read', 'clipboard-write'] });
    await context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.locale', 'en'));
    await signInAs(page, who.admin, { path: '/sign-in?next=%2Fadmin%2Fwebhooks' });
    await page.getByTestId('webhook-form').waitFor();
    return page;
  }

  const endpointRow = (page: Page) => page.locator(`[data-testid="webhook-endpoints"] tr[data-url="${hooks.url('/console')}"]`);
  const deliveryRows = (page: Page) => page.locator('[data-testid="webhook-deliveries"] tbody tr[data-status]');
  const forComplaint = (trackingCode: string) =>
    hooks.accepted().filter((request) => request.json?.data?.complaint?.trackingCode === trackingCode);

  it('adds an endpoint, shows its secret once, and logs a complaint event delivered to it; sends it again', async () => {
    const page = await adminPage();
    const noErrors = expectNoConsoleErrors(page);
    // Choose the event type from the server's list; families and "every event" are offered too.
    await page.getByTestId('webhook-events').click();
    await page.locator('.ant-select-item-option', { hasText: 'Every complaint event (complaint.*)' }).waitFor();
    await page.locator('.ant-select-item-option', { hasText: /^complaint\.filed$/ }).click();
    await page.keyboard.press('Escape');

    // A malformed address: refused beside the field, nothing added.
    await page.getByTestId('webhook-url').fill('not an address');
    await page.getByTestId('create-webhook').click();
    const urlError = page
      .locator('.ant-form-item')
      .filter({ has: page.locator('#url') })
      .locator('.ant-form-item-explain-error');
    await urlError.waitFor();
    expect(await urlError.textContent()).not.toBe('');
    const none = await rig.server.request(`{ webhookEndpoints { id } }`, {}, { token: tenant.admin.token });
    expect(none.data.webhookEndpoints).toEqual([]);

    await page.getByTestId('webhook-url').fill(hooks.url('/console'));
    await page.getByTestId('webhook-description').fill('Service desk');
    await page.getByTestId('create-webhook').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('webhook-secret').waitFor();
    secret = (await dialog.getByTestId('webhook-secret').textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await dialog.getByRole('button', { name: 'Copy' }).click();
    expect(await page.evaluate('navigator.clipboard.readText()')).toBe(secret);
    await screenshot(page, 'admin-webhook-secret');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await endpointRow(page).waitFor();
    expect(await endpointRow(page).textContent()).toContain('complaint.filed');
    expect(await endpointRow(page).textContent()).toContain('Service desk');
    // Shown once: neither the page nor the page read again shows it.
    expect(await page.locator('body').textContent()).not.toContain(secret);
    await page.reload();
    await endpointRow(page).waitFor();
    expect(await page.locator('body').textContent()).not.toContain(secret);

    // A complaint filed through the API reaches the receiver, signed with the secret shown.
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    await webhooksReceived(hooks, 1);
    const [request] = forComplaint(filed.trackingCode);
    expect(request.headers['redress-event-type']).toBe('complaint.filed');
    expect(verifySignature(request.headers['redress-signature'] as string, request.body, secret)).toBe(true);

    await endpointRow(page).getByTestId('show-deliveries').click();
    const delivered = deliveryRows(page).filter({ has: page.getByText('complaint.filed') });
    await page.locator('[data-testid="webhook-deliveries"] tr[data-status="DELIVERED"][data-replay="false"]').waitFor({ timeout: 15_000 });
    expect(await delivered.count()).toBe(1);
    expect(await delivered.getByTestId('delivery-response').textContent()).toBe('204');
    expect(await delivered.getByTestId('delivery-status').textContent()).toBe('Delivered');
    expect(await delivered.locator('td').nth(4).textContent()).toBe('1');

    // Sent again: a new delivery of the log, the same event id for the receiver.
    await delivered.getByTestId('replay-delivery').click();
    await page.getByText('The event is sent again as a new delivery.').waitFor();
    await page.locator('[data-testid="webhook-deliveries"] tr[data-status="DELIVERED"][data-replay="true"]').waitFor({ timeout: 15_000 });
    await webhooksReceived(hooks, 2);
    const both = forComplaint(filed.trackingCode);
    expect(both).toHaveLength(2);
    expect(both[1].headers['redress-event-id']).toBe(both[0].headers['redress-event-id']);
    await screenshot(page, 'admin-webhook-deliveries');
    noErrors();
  });

  it('makes a new secret, shown once, and says how long the previous one still signs', async () => {
    const page = await adminPage();
    const noErrors = expectNoConsoleErrors(page);
    await endpointRow(page).waitFor();
    await endpointRow(page).getByTestId('rotate-secret').click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'New secret' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('webhook-secret').waitFor();
    const rotated = (await dialog.getByTestId('webhook-secret').textContent())!.trim();
    expect(rotated).toMatch(/^whsec_/);
    expect(rotated).not.toBe(secret);
    // WEBHOOK_SECRET_OVERLAP_SECONDS is 7200 here.
    expect(await dialog.getByTestId('previous-secret-signs').textContent()).toContain('(about 2 hours from now)');
    await dialog.getByRole('button', { name: 'I have copied it' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await endpointRow(page).textContent()).toContain('Previous secret signs until');

    // The next event is signed with both: receivers switch without missing one.
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    await webhooksReceived(hooks, 3);
    const [request] = forComplaint(filed.trackingCode);
    expect(verifySignature(request.headers['redress-signature'] as string, request.body, rotated)).toBe(true);
    expect(verifySignature(request.headers['redress-signature'] as string, request.body, secret)).toBe(true);
    noErrors();
  });

  it("shows another organisation's administrator none of this one's endpoints or deliveries", async () => {
    const page = await adminPage(other);
    const noErrors = expectNoConsoleErrors(page);
    await page.getByTestId('webhook-endpoints').getByText('No endpoint yet.').waitFor();
    expect(await page.locator('body').textContent()).not.toContain(hooks.url('/console'));
    await page.goto('/admin/notifications');
    await page.getByTestId('outbox-webhooks-DELIVERED').waitFor();
    expect(await page.getByTestId('outbox-webhooks-DELIVERED').getAttribute('data-count')).toBe('0');
    noErrors();
  });

  it('deletes an endpoint after confirmation; it receives nothing more', async () => {
    const page = await adminPage();
    const noErrors = expectNoConsoleErrors(page);
    await endpointRow(page).getByTestId('delete-webhook').click();
    await page.locator('.ant-popconfirm').getByText('Its delivery log stays.').waitFor();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('The endpoint is deleted.').waitFor();
    await page.getByTestId('webhook-endpoints').getByText('No endpoint yet.').waitFor();
    const left = await rig.server.request(`{ webhookEndpoints { id } }`, {}, { token: tenant.admin.token });
    expect(left.data.webhookEndpoints).toEqual([]);
    // A complaint filed now writes no delivery to it (deliveries are written with the event).
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    await outboxSettled(rig.server);
    expect(forComplaint(filed.trackingCode)).toEqual([]);
    noErrors();
  });
});
