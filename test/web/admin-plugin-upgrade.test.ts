import { defineRepeats, type ComplaintPlugin } from '@redress/plugin-api';
import { retailPlugin } from '@redress/plugin-retail';
import { SHIPPED_PLUGINS } from '../../server/src/plugins/shipped-plugins';
import { describeInBrowser } from '../support/browser';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/**
 * A later retail version, as a plugin author would ship it: repeats are looked for over two
 * days instead of one, and deliveries become a category of their own.
 */
const retailNext: ComplaintPlugin = {
  ...retailPlugin,
  version: '1.1.0',
  categories: [
    ...retailPlugin.categories,
    { code: 'delivery', label: { en: 'Delivery', 'zh-CN': '配送投诉' }, defaultDepartment: 'store', defaultPriority: 'NORMAL' },
  ],
  rules: {
    ...retailPlugin.rules,
    repeats: defineRepeats({
      code: 'retail.repeats',
      description: retailPlugin.rules.repeats.description,
      categories: retailPlugin.categories,
      defaults: { windowHours: 48, minComplaints: 3 },
    }),
  },
};

describeInBrowser('changing the version of an installed plugin', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole({}, { plugins: [...SHIPPED_PLUGINS, retailNext] });
    tenant = await createConsoleTenant(rig.server, 'admin-plugin-upgrade');
    const installed = await rig.server.request(
      `mutation { installPlugin(input: { pluginId: "retail", version: "1.0.0" }) { plugin { version } errors { code } } }`,
      {},
      { token: tenant.admin.token },
    );
    expect(installed.data.installPlugin).toEqual({ plugin: { version: '1.0.0' }, errors: [] });
  });
  afterAll(() => rig?.stop());

  it('shows what the new version changes before it is applied, then runs the tenant on it', async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.admin);
    await page.goto('/admin/plugins');
    const card = page.getByTestId('installed-retail');
    expect(await card.getByTestId('installed-version').textContent()).toBe('retail@1.0.0');

    await card.getByTestId('upgrade').click();
    const changes = page.getByTestId('upgrade-changes');
    await changes.waitFor();
    const text = await changes.innerText();
    // The rule with another default, only the argument that changed with both values, and the
    // new category by its label.
    expect(text).toContain('retail.repeats: windowHours 24 → 48\n');
    expect(text).toMatch(/配送投诉|Delivery/);
    // Nothing else changed between the two versions.
    expect(text).not.toMatch(/retail\.(deadlines|penalties|follow-ups|monthly-report)/);
    await screenshot(page, 'admin-plugin-upgrade');

    await page
      .locator('.ant-modal')
      .getByRole('button', { name: /1\.1\.0/ })
      .click();
    await card.getByTestId('installed-version').filter({ hasText: 'retail@1.1.0' }).waitFor();

    // The server runs the tenant on the new version, with its categories.
    const after = await rig.server.request(
      `{ tenant { plugins { pluginId version } } complaintVocabulary { categories { code } } }`,
      {},
      {
        token: tenant.admin.token,
      },
    );
    expect(after.data.tenant.plugins).toEqual([{ pluginId: 'retail', version: '1.1.0' }]);
    expect(after.data.complaintVocabulary.categories.map((category: { code: string }) => category.code)).toContain('delivery');
    noErrors();
  });
});
