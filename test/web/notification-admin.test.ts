import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, walkTo } from '../support/complaint-fixtures';
import { mailsTo, notificationConfig, outboxSettled } from '../support/notification-fixtures';
import { MailReceiver } from '../support/notification-receivers';
import { poll } from '../support/poll';
import { englishPage } from './support/complaint-page';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { expectAccessible } from './support/public-pages';

/**
 * Administration → Notifications against a real SMTP server on 127.0.0.1: a template adjusted
 * (and the mail that follows it), a refused one with the server's reasons beside its fields,
 * the mail log with a message's text and a failed one sent again, the outbox's counts with
 * failures marked; another tenant's administrator sees none of it.
 */
describeInBrowser('Administration → Notifications', () => {
  let mail: MailReceiver;
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let other: ConsoleTenant;
  const SLUG = 'console-notify-admin';

  beforeAll(async () => {
    mail = await new MailReceiver().start();
    // Two attempts, then FAILED: a refusing mail server makes a failure quickly.
    rig = await startConsole(notificationConfig(mail, { maxAttempts: 2 }));
    tenant = await createConsoleTenant(rig.server, SLUG);
    other = await createConsoleTenant(rig.server, `${SLUG}-b`);
  });
  afterAll(async () => {
    await rig?.stop();
    await mail?.stop();
  });

  async function assignedToHandler(): Promise<{ id: string; number: number }> {
    const filed = await fileComplaint(rig.server, tenant.staff.agent);
    return walkTo(rig.server, tenant.staff, filed.id, 'ASSIGNED');
  }

  /** The message an Ant Design form shows under the field with this id ('' when none). */
  const fieldError = (page: Page, id: string) =>
    page
      .locator('.ant-form-item')
      .filter({ has: page.locator(`#${id}`) })
      .locator('.ant-form-item-explain-error')
      .allTextContents()
      .then((texts) => texts.join(' '));

  const template = async (token: string) =>
    (await rig.server.request(`{ notificationTemplates(event: COMPLAINT_ASSIGNED, locale: "en") { subject customized } }`, {}, { token }))
      .data.notificationTemplates[0];

  it("adjusts a template, which the next mail follows; a refused one shows the server's reasons beside its fields", async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.admin, { path: '/sign-in?next=%2Fadmin%2Fnotifications' });
    const editor = page.getByTestId('template-form');
    await editor.waitFor();
    // The first event in English (the console's language): the variables the API lists for it.
    expect(await page.getByTestId('template-event').textContent()).toContain('A complaint assigned to me');
    const variables = await page.getByTestId('template-variables').textContent();
    for (const variable of ['{{complaint.number}}', '{{complaint.description}}', '{{assignedBy}}']) expect(variables).toContain(variable);
    expect(await page.getByTestId('template-state').textContent()).toBe('As shipped');
    await expectAccessible(page, { except: ['color-contrast'] });

    await page.getByTestId('template-subject').fill('Yours now: complaint {{complaint.number}}');
    await page.getByTestId('save-template').click();
    await page.getByText('The template is saved.').waitFor();
    await page.getByTestId('template-state').filter({ hasText: 'Adjusted here' }).waitFor();
    expect(await template(tenant.admin.token)).toEqual({ subject: 'Yours now: complaint {{complaint.number}}', customized: true });

    // The handler reads mail in English: the next assignment's mail follows the adjusted subject.
    const english = await rig.server.request(
      `mutation { setNotificationPreferences(input: { locale: "en" }) { errors { code } } }`,
      {},
      { token: tenant.handler.token },
    );
    expect(english.data.setNotificationPreferences.errors).toEqual([]);
    const assigned = await assignedToHandler();
    const received = await mailsTo(mail, tenant.handler.email);
    expect(received.at(-1)!.subject).toBe(`Yours now: complaint ${assigned.number}`);

    // An unknown variable in the subject and an unescaped value in the HTML: refused, each beside its field.
    await page.getByTestId('template-subject').fill('{{secret}}');
    await page.getByTestId('template-html').fill('<p>{{{complaint.description}}}</p>');
    await page.getByTestId('save-template').click();
    await page.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await fieldError(page, 'subject')).toContain('Unknown variable secret');
    expect(await fieldError(page, 'html')).toContain('Unescaped values are not allowed');
    expect(await fieldError(page, 'text')).toBe('');
    await screenshot(page, 'admin-notification-templates');
    expect(await template(tenant.admin.token)).toEqual({ subject: 'Yours now: complaint {{complaint.number}}', customized: true });
    noErrors();
  });

  it('shows the mail log with a message’s text, sends a failed one again, and marks failures in the outbox', async () => {
    await outboxSettled(rig.server);
    // The mail server refuses both attempts of the next message: it fails for good.
    mail.refuse(2);
    const assigned = await assignedToHandler();
    const failed = await poll(
      () =>
        rig.server.request(
          `{ sentMail(filter: { status: [FAILED] }) { edges { node { id to attempts } } } }`,
          {},
          { token: tenant.admin.token },
        ),
      (answer) => answer.data.sentMail.edges.length === 1,
      { timeoutMs: 15_000, intervalMs: 100 },
    );
    expect(failed.data.sentMail.edges.map((edge: any) => edge.node)).toEqual([
      { id: expect.any(String), to: tenant.handler.email, attempts: 2 },
    ]);
    const sentBefore = mail.to(tenant.handler.email).length;

    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.admin, { path: '/sign-in?next=%2Fadmin%2Fnotifications' });
    const failedCount = page.getByTestId('outbox-mail-FAILED');
    await failedCount.waitFor();
    expect(await failedCount.getAttribute('data-count')).toBe('1');
    expect(await failedCount.getAttribute('class')).toContain('ant-tag-red');
    expect(await page.getByTestId('outbox-webhooks-FAILED').getAttribute('class')).not.toContain('ant-tag-red');

    await page.getByRole('tab', { name: 'Mail log' }).click();
    const failedRow = page.locator('[data-testid="mail-log"] tr[data-status="FAILED"]');
    await failedRow.waitFor();
    expect(await failedRow.textContent()).toContain(tenant.handler.email);
    await failedRow.getByRole('button', { name: `View the mail to ${tenant.handler.email}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('mail-text').waitFor();
    expect(await dialog.getByTestId('mail-text').textContent()).toContain(
      `Complaint ${assigned.number} of Tenant ${SLUG} has been assigned to you`,
    );
    await screenshot(page, 'admin-notification-mail');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await failedRow.getByTestId('retry-mail').click();
    await page.getByText(`The mail to ${tenant.handler.email} is sent again.`).waitFor();
    await page.locator('[data-testid="mail-log"] tr[data-status="FAILED"]').waitFor({ state: 'detached', timeout: 15_000 });
    const again = await mailsTo(mail, tenant.handler.email, sentBefore + 1);
    expect(again.at(-1)!.subject).toBe(`Yours now: complaint ${assigned.number}`);
    await page.locator('[data-testid="mail-log"] tr[data-status="SENT"]').first().waitFor({ timeout: 15_000 });
    await page.getByTestId('outbox').getByRole('button', { name: 'Reload' }).click();
    await page.locator('[data-testid="outbox-mail-FAILED"][data-count="0"]').waitFor();
    noErrors();
  });

  it("shows another organisation's administrator none of this one's mail or templates", async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, other.admin, { path: '/sign-in?next=%2Fadmin%2Fnotifications' });
    await page.getByTestId('template-state').filter({ hasText: 'As shipped' }).waitFor();
    expect(await page.getByTestId('template-subject').inputValue()).toBe('Complaint {{complaint.number}} assigned to you');
    for (const status of ['PENDING', 'SENT', 'KEPT', 'FAILED']) {
      expect(await page.getByTestId(`outbox-mail-${status}`).getAttribute('data-count')).toBe('0');
    }
    await page.getByRole('tab', { name: 'Mail log' }).click();
    await page.getByTestId('mail-log').getByText('No mail yet.').waitFor();
    expect(await page.getByTestId('mail-log').textContent()).not.toContain(`@${SLUG}.test`);
    noErrors();
  });
});
