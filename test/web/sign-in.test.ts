import { describeInBrowser } from '../support/browser';
import { fileComplaint } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/** Tokens of this file's server live 20 s: long enough to sign in and look, short enough to watch one run out. */
const TOKEN_TTL_SECONDS = 20;

describeInBrowser('signing in to the console', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole({ tokenTtlSeconds: TOKEN_TTL_SECONDS });
    tenant = await createConsoleTenant(rig.server, 'console-sign-in');
    await fileComplaint(rig.server, tenant.staff.agent);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('refuses a wrong password with the message beside the form, then signs in to the queue', async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page, [/Failed to load resource/]);
    await page.goto('/');
    await page.waitForURL(/\/sign-in\?next=%2F$/);
    await screenshot(page, 'sign-in');
    await page.locator('#tenantSlug').fill(tenant.agent.tenantSlug);
    await page.locator('#email').fill(tenant.agent.email);
    await page.locator('#password').fill('not-the-password');
    await page.locator('button[type="submit"]').click();
    await expect(page.getByTestId('sign-in-error').textContent()).resolves.toContain('The organisation, email or password is not correct.');
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signInAs(page, tenant.agent);
    await page.waitForURL(/\/complaints$/);
    await page.locator('[data-testid="queue"] tbody tr[data-number]').first().waitFor();
    noErrors();

    // Signing out ends the session on the server: its token no longer answers.
    const token = await currentToken(page);
    await page.getByRole('button', { name: /Sign out|退出登录/ }).click();
    await page.waitForURL(/\/sign-in/);
    expect((await rig.server.request('{ me { user { id } } }', {}, { token })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    await page.goto('/complaints');
    await page.waitForURL(/\/sign-in\?next=%2Fcomplaints$/);
  });

  it('sends an ended session back to sign-in and returns to the page the user was on', async () => {
    const { page } = await rig.newPage();
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fcomplaints%3Fstatus%3DRECEIVED' });
    await page.waitForURL(/\/complaints\?status=RECEIVED$/);
    await page.locator('[data-testid="queue"] tbody tr[data-number]').first().waitFor();
    // The session is ended on the server, as by a sign-out elsewhere. The console finds out at
    // the latest when its token is next used: the live queue's next event (a complaint filed
    // now), or the renewal at 80% of this server's short token lifetime.
    await rig.server.request('mutation { logout { errors { code } } }', {}, { token: await currentToken(page) });
    await fileComplaint(rig.server, tenant.staff.agent);
    await page.waitForURL(/\/sign-in\?next=%2Fcomplaints%3Fstatus%3DRECEIVED/, { timeout: (TOKEN_TTL_SECONDS + 10) * 1000 });
    await page.getByTestId('expired').waitFor();

    await signInAs(page, tenant.supervisor);
    await page.waitForURL(/\/complaints\?status=RECEIVED$/);
  });

  it("shows the tenant's language until the user picks another: page words and server labels, kept for next time", async () => {
    // The browser asks for English; the tenant's language (zh-CN) wins until the user chooses.
    const { page } = await rig.newPage({ locale: 'en-US' });
    await signInAs(page, tenant.agent);
    await page.getByRole('heading', { name: '投诉队列' }).waitFor();
    const status = page.locator('[data-testid="queue"] tbody tr[data-number] td').nth(2);
    await page.locator('[data-testid="queue"] tbody tr[data-number]').first().waitFor();
    const chinese = await status.textContent();
    expect(chinese).toMatch(/[\u4e00-\u9fff]/);

    await page.getByTestId('language').click();
    await page.locator('.ant-select-item-option', { hasText: 'English' }).click();
    await page.getByRole('heading', { name: 'Complaint queue' }).waitFor();
    // The status label comes from the server, now in English.
    await status.filter({ hasText: /^Received$/ }).waitFor();
    expect(await page.evaluate(() => (globalThis as any).localStorage.getItem('redress.locale'))).toBe('en');

    // The choice is kept: another visit in this browser opens in English, and so does the
    // sign-in page after signing out. (With the session kept, /sign-in itself goes on to the
    // queue once the session is resumed, so the visit opens the queue.)
    await page.goto('/complaints');
    await page.getByRole('heading', { name: 'Complaint queue' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in/);
    await page.getByRole('heading', { name: 'Sign in to Redress' }).waitFor();
  });

  it('keeps the session across a reload while the server is briefly unavailable', async () => {
    const { page } = await rig.newPage();
    await signInAs(page, tenant.agent);
    await page.waitForURL(/\/complaints/);
    // The first two reads of the viewer after the reload meet a busy server (503).
    let refused = 0;
    await page.route('**/graphql', async (route) => {
      const body = route.request().postDataJSON() as { operationName?: string } | null;
      if (body?.operationName === 'Me' && refused < 2) {
        refused++;
        await route.fulfill({
          status: 503,
          contentType: 'application/json',
          body: JSON.stringify({
            errors: [{ message: 'The service is busy; retry shortly', extensions: { code: 'SERVICE_UNAVAILABLE' } }],
          }),
        });
        return;
      }
      await route.continue();
    });
    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: tenant.agent.name }).waitFor();
    expect(refused).toBe(2);
    expect(new URL(page.url()).pathname).toBe('/complaints');
  });

  it('keeps the session across a reload', async () => {
    const { page } = await rig.newPage();
    await signInAs(page, tenant.agent);
    await page.goto('/complaints?status=RECEIVED');
    await page.reload();
    await page.getByTestId('user-name').filter({ hasText: tenant.agent.name }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/complaints?status=RECEIVED');
  });
});

/** The session's token as the console keeps it for a reload. */
async function currentToken(page: import('playwright-core').Page): Promise<string> {
  return page.evaluate(
    () => (JSON.parse((globalThis as any).sessionStorage.getItem('redress.session') ?? '{}') as { token: string }).token,
  );
}
