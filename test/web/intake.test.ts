import { describeInBrowser } from '../support/browser';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { englishPage, installIndustryPlugin } from './support/complaint-page';

describeInBrowser('staff intake', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-intake');
    await installIndustryPlugin(rig.server, tenant, 'retail', []);
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it("records a phone complaint with the retail plugin's fields; invalid entries are shown beside their field", async () => {
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page, [/Failed to load resource/]);
    await signInAs(page, tenant.agent);
    await page.getByTestId('new-complaint').click();
    await page.waitForURL(/\/complaints\/new$/);
    // The retail plugin declares "Price paid" (a number, not negative) and "Store" among its intake fields.
    await page.getByTestId('intake-plugin-fields').getByLabel('Price paid').waitFor();

    await page.getByLabel('What happened').fill('Shelf price 19.9, charged 39.9 at the till');
    await page.getByLabel('Name', { exact: true }).fill('Liu Yang');
    await page.getByLabel('Price paid').fill('-1');
    await page.getByLabel('Store', { exact: true }).fill('S-001');
    await page.getByTestId('intake-submit').click();
    // Checked in the browser: a negative price, no way to reach the complainant, no consent.
    await expectHelp(page, 'fields_price', 'At least 0');
    await expectHelp(page, 'complainant_phone', 'Give a phone number or an email address');
    await expectHelp(page, 'consent', 'Ask the complainant for their agreement first');
    await screenshot(page, 'intake-form');

    // Refused by the server: it is not a phone number; shown beside the phone field, nothing filed.
    await page.getByLabel('Price paid').fill('39.9');
    await page.getByLabel('Phone', { exact: true }).fill('call me maybe');
    await page.getByLabel(/agrees that their details are recorded/).check();
    await page.getByTestId('intake-submit').click();
    await expectHelp(page, 'complainant_phone', 'Not a phone number');
    expect(page.url()).toMatch(/\/complaints\/new$/);
    const before = await rig.server.request(`{ complaints { totalCount } }`, {}, { token: tenant.agent.token });
    expect(before.data.complaints.totalCount).toBe(0);

    await page.getByLabel('Phone', { exact: true }).fill('13800000011');
    await page.getByTestId('intake-submit').click();
    await page.waitForURL(/\/complaints\/(?!new)[^/]+$/);
    await page.getByTestId('complaint-title').waitFor();
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);
    const filed = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { channel description complainant { name phone } fields governedBy { pluginId } } }`,
      { id },
      { token: tenant.agent.token },
    );
    expect(filed.data.complaint).toEqual({
      channel: 'PHONE',
      description: 'Shelf price 19.9, charged 39.9 at the till',
      complainant: { name: 'Liu Yang', phone: '13800000011' },
      fields: { price: 39.9, storeCode: 'S-001' },
      governedBy: { pluginId: 'retail' },
    });
    // The new page shows the plugin's fields under their declared labels.
    const fields = page.getByTestId('section-fields');
    expect(await fields.textContent()).toContain('Price paid');
    expect(await fields.locator('[data-field="price"]').textContent()).toBe('39.9');
    noErrors();
  });
});

async function expectHelp(page: import('playwright-core').Page, fieldId: string, text: string): Promise<void> {
  await page.locator(`#${fieldId}_help`).filter({ hasText: text }).waitFor({ timeout: 10_000 });
}
