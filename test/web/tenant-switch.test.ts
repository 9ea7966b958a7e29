import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

describeInBrowser('switching tenants in the console', () => {
  let rig: ConsoleRig;
  let tenantA: ConsoleTenant;
  let tenantB: ConsoleTenant;
  let nameB: string;

  beforeAll(async () => {
    rig = await startConsole();
    tenantA = await createConsoleTenant(rig.server, 'console-switch-a');
    tenantB = await createConsoleTenant(rig.server, 'console-switch-b');
    // A's agent is invited into B as a supervisor and accepts: one person, two memberships.
    const invited = await rig.server.request(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { invitation { id } errors { code } } }`,
      { input: { email: tenantA.agent.email, name: tenantA.agent.name, roles: ['supervisor'] } },
      { token: tenantB.admin.token },
    );
    expect(invited.data.inviteUser.errors).toEqual([]);
    const accepted = await rig.server.request(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { errors { code } } }`,
      { id: invited.data.inviteUser.invitation.id },
      { token: tenantA.agent.token },
    );
    expect(accepted.data.acceptInvitation.errors).toEqual([]);
    nameB = (await rig.server.request(`{ me { tenant { name } } }`, {}, { token: tenantB.admin.token })).data.me.tenant.name;
    await fileComplaint(rig.server, tenantA.staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Only In Tenant A', phone: '13800138000' },
    });
    await fileComplaint(rig.server, tenantB.staff.agent, {
      ...SAMPLE_COMPLAINT,
      complainant: { name: 'Only In Tenant B', phone: '13900139000' },
    });
  });

  afterAll(async () => {
    await rig?.stop();
  });

  const queueText = (page: Page) => page.getByTestId('queue').textContent();
  const storedToken = (page: Page): Promise<string | null> =>
    page.evaluate("JSON.parse(sessionStorage.getItem('redress.session') ?? 'null')?.token ?? null");
  const tenantOf = async (token: string) => {
    const result = await rig.server.request(`{ me { tenant { slug } } }`, {}, { token });
    return result.status === 401 ? 'UNAUTHENTICATED' : (result.data.me.tenant.slug as string);
  };

  it("moves to B's queue without A's complaints, stays in B over a reload, and a sign-out ends both", async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenantA.agent);
    await page.getByTestId('queue').getByText('Only In Tenant A').waitFor();
    const tokenA = await storedToken(page);
    expect(tokenA).not.toBeNull();
    expect(await tenantOf(tokenA!)).toBe(tenantA.slug);

    await page.getByTestId('tenant-switcher').click();
    await page.locator('.ant-select-item-option', { hasText: nameB }).click();
    await page.getByTestId('queue').getByText('Only In Tenant B').waitFor();
    await page.waitForURL(/\/complaints$/);
    expect(await queueText(page)).not.toContain('Only In Tenant A');
    expect(await page.getByTestId('tenant-switcher').textContent()).toContain(nameB);
    const tokenB = await storedToken(page);
    expect(tokenB).not.toBe(tokenA);
    expect(await tenantOf(tokenB!)).toBe(tenantB.slug);
    await screenshot(page, 'tenant-switch');

    await page.reload();
    await page.getByTestId('queue').getByText('Only In Tenant B').waitFor();
    expect(new URL(page.url()).pathname).toBe('/complaints');
    expect(await queueText(page)).not.toContain('Only In Tenant A');
    expect(await page.getByTestId('tenant-switcher').textContent()).toContain(nameB);
    expect(await page.getByTestId('user-name').textContent()).toBe(tenantA.agent.name);

    // The console shows the sign-in page at once and ends the session on the server beside it.
    const loggedOut = page.waitForResponse(
      (response) => response.url().endsWith('/graphql') && /\blogout\b/.test(response.request().postData() ?? ''),
    );
    await page.getByRole('button', { name: /Sign out|退出登录/ }).click();
    await page.waitForURL(/\/sign-in/);
    await loggedOut;
    expect(await storedToken(page)).toBeNull();
    // One sign-in: its tokens in both tenants are refused from now on.
    expect(await tenantOf(tokenA!)).toBe('UNAUTHENTICATED');
    expect(await tenantOf(tokenB!)).toBe('UNAUTHENTICATED');
    await page.reload();
    await page.waitForURL(/\/sign-in/);
    await page.goto('/complaints');
    await page.waitForURL(/\/sign-in/);
    noErrors();
  });
});
