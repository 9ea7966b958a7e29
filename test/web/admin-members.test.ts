import { describeInBrowser } from '../support/browser';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

describeInBrowser('members and API keys in the administration', () => {
  let rig: ConsoleRig;
  let tenantA: ConsoleTenant;
  let tenantB: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole();
    tenantA = await createConsoleTenant(rig.server, 'admin-members-a');
    tenantB = await createConsoleTenant(rig.server, 'admin-members-b');
    const key = await rig.server.request(
      `mutation { createApiKey(input: { name: "only-in-b", roles: ["agent"] }) { secret errors { message } } }`,
      {},
      { token: tenantB.admin.token },
    );
    if (!key.data?.createApiKey?.secret) throw new Error(JSON.stringify(key));
  });
  afterAll(() => rig?.stop());

  it("changes a member's roles and shows an API key's secret once; never another tenant's members or keys", async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenantA.admin);
    await page.getByRole('menuitem', { name: /Administration|系统管理/ }).click();
    await page.waitForURL(/\/admin\/members$/);
    const members = page.getByTestId('members');
    await members.locator(`tr[data-email="${tenantA.agent.email}"]`).waitFor();
    const text = await members.textContent();
    expect(text).toContain(tenantA.handler.email);
    expect(text).not.toContain('@admin-members-b.test');

    // The agent also becomes a supervisor.
    await page.getByRole('button', { name: new RegExp(`(Change the roles of|修改) ${tenantA.agent.name}`) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('member-roles').click();
    await page
      .locator('.ant-select-item-option')
      .filter({ hasText: /^(Supervisor|主管)$/ })
      .click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: /Save|保\s*存/ }).click();
    await dialog.waitFor({ state: 'detached' });
    const roles = async () => {
      const answer = await rig.server.request(
        `{ members(first: 50) { edges { node { roles user { id } } } } }`,
        {},
        { token: tenantA.admin.token },
      );
      return (answer.data.members.edges as { node: { roles: string[]; user: { id: string } } }[]).find(
        (edge) => edge.node.user.id === tenantA.agent.userId,
      )!.node.roles;
    };
    expect((await roles()).sort()).toEqual(['agent', 'supervisor']);
    await members
      .locator(`tr[data-email="${tenantA.agent.email}"]`)
      .getByText(/^(Supervisor|主管)$/)
      .waitFor();
    await screenshot(page, 'admin-members');

    // A new API key: its secret is shown once, then never again.
    await page.getByRole('menuitem', { name: /API/ }).click();
    await page.waitForURL(/\/admin\/api-keys$/);
    const keys = page.getByTestId('api-keys');
    await keys.waitFor();
    expect(await keys.textContent()).not.toContain('only-in-b');
    await page.getByLabel(/^(Name|名称)$/).fill('intake robot');
    await page.getByTestId('create-key').click();
    const secret = page.getByTestId('api-key-secret');
    await secret.waitFor();
    const shown = (await secret.textContent())!.trim();
    expect(shown.length).toBeGreaterThan(20);
    expect(await page.getByRole('dialog').textContent()).toMatch(/will not see it again|无法再次查看/);
    // The secret works: the server takes it as the key.
    const asKey = await rig.server.request(`{ tenant { slug } }`, {}, { token: shown });
    expect(asKey.data?.tenant?.slug).toBe(tenantA.slug);
    await page
      .locator('.ant-modal')
      .evaluate((modal) =>
        Promise.all(modal.getAnimations({ subtree: true }).map((animation: { finished: Promise<unknown> }) => animation.finished)),
      );
    await screenshot(page, 'admin-api-keys');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /I have copied it|我已复制/ })
      .click();
    await secret.waitFor({ state: 'detached' });
    await keys.getByText('intake robot').waitFor();
    expect(await page.content()).not.toContain(shown);
    await page.reload();
    await keys.getByText('intake robot').waitFor();
    expect(await page.content()).not.toContain(shown);
    noErrors();
  });

  it('does not offer the administration to a member who is not an administrator, and refuses its address', async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenantA.handler);
    await page.getByRole('menuitem').first().waitFor();
    expect(await page.getByRole('menuitem', { name: /Administration|系统管理/ }).count()).toBe(0);
    await page.goto('/admin/api-keys');
    await page.getByTestId('admin-refused').waitFor();
    expect(await page.getByTestId('admin-refused').textContent()).toMatch(/may not|无权/);
    expect(await page.getByTestId('api-keys').count()).toBe(0);
    await page.goto('/platform/holidays');
    await page.getByTestId('admin-refused').waitFor();
    noErrors();
  });
});
