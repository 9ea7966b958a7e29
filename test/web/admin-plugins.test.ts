import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/** The configuration of an installed plugin, as the server holds it. */
async function installedConfig(rig: ConsoleRig, token: string, pluginId: string): Promise<Record<string, Record<string, unknown>> | null> {
  const answer = await rig.server.request(`{ tenant { plugins { pluginId version config } } }`, {}, { token });
  const plugin = (answer.data.tenant.plugins as { pluginId: string; config: Record<string, Record<string, unknown>> }[]).find(
    (candidate) => candidate.pluginId === pluginId,
  );
  return plugin?.config ?? null;
}

const argument = (page: Page, rule: string, name: string) => page.getByTestId(`arg-config.${rule}.${name}`);
const input = (page: Page, rule: string, name: string) => page.locator(`[id="field-config.${rule}.${name}"]`);

describeInBrowser('plugins in the administration', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'admin-plugins');
  });
  afterAll(() => rig?.stop());

  it('installs a plugin, refuses an argument its schema forbids beside the field, saves a valid one that a reload shows', async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.admin);
    await page.goto('/admin/plugins');

    // Install the retail plugin from the server's list; the confirmation says what it brings.
    await page.getByTestId('install-retail').click();
    await page
      .locator('.ant-popconfirm')
      .getByText(/rules|规则/)
      .waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /Install|安\s*装/ })
      .click();
    const card = page.getByTestId('installed-retail');
    await card.waitFor();
    expect(await card.getByTestId('installed-version').textContent()).toBe('retail@1.0.0');

    // The rule's description comes from the server; its arguments start at the industry defaults.
    const rules = (
      await rig.server.request(`{ availablePlugins { id rules { code description defaults } } }`, {}, { token: tenant.admin.token })
    ).data.availablePlugins as { id: string; rules: { code: string; description: string; defaults: Record<string, number> }[] }[];
    const deadlines = rules.find((plugin) => plugin.id === 'retail')!.rules.find((rule) => rule.code === 'retail.deadlines')!;
    const ruleCard = page.getByTestId('rule-retail.deadlines');
    expect(await ruleCard.textContent()).toContain(deadlines.description);
    expect(await input(page, 'retail.deadlines', 'closeDays').inputValue()).toBe(String(deadlines.defaults.closeDays));

    // Closing within 61 days is more than the rule allows (at most 60): refused beside the field, nothing stored.
    await input(page, 'retail.deadlines', 'closeDays').fill('61');
    await page.getByTestId('save-config').click();
    await argument(page, 'retail.deadlines', 'closeDays').locator('.ant-form-item-explain-error').waitFor();
    expect(await argument(page, 'retail.deadlines', 'closeDays').locator('.ant-form-item-explain-error').textContent()).toMatch(/60/);
    expect((await installedConfig(rig, tenant.admin.token, 'retail'))!['retail.deadlines'].closeDays).toBe(deadlines.defaults.closeDays);
    await screenshot(page, 'admin-plugins-refused');

    // "Reset to default" puts the rule's defaults back.
    await ruleCard.getByRole('button', { name: /Reset to default|恢复默认/ }).click();
    expect(await input(page, 'retail.deadlines', 'closeDays').inputValue()).toBe(String(deadlines.defaults.closeDays));

    // A valid value is saved, and shown after a reload.
    await input(page, 'retail.deadlines', 'closeDays').fill('10');
    await page.getByTestId('save-config').click();
    await argument(page, 'retail.deadlines', 'closeDays').locator('.ant-form-item-explain-error').waitFor({ state: 'detached' });
    for (let tries = 0; tries < 50; tries++) {
      if ((await installedConfig(rig, tenant.admin.token, 'retail'))!['retail.deadlines'].closeDays === 10) break;
      await page.waitForTimeout(100);
    }
    expect((await installedConfig(rig, tenant.admin.token, 'retail'))!['retail.deadlines'].closeDays).toBe(10);
    await page.reload();
    await input(page, 'retail.deadlines', 'closeDays').waitFor();
    expect(await input(page, 'retail.deadlines', 'closeDays').inputValue()).toBe('10');
    await screenshot(page, 'admin-plugins');

    // Uninstalling asks first and says what it affects.
    await card.getByRole('button', { name: /Uninstall|卸\s*载/ }).click();
    await page
      .locator('.ant-popconfirm')
      .getByText(/default plugin|默认插件/)
      .waitFor();
    await page
      .locator('.ant-popconfirm')
      .getByRole('button', { name: /Uninstall|卸\s*载/ })
      .click();
    await card.waitFor({ state: 'detached' });
    expect(await installedConfig(rig, tenant.admin.token, 'retail')).toBeNull();
    noErrors();
  });
});
