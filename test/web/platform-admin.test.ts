import { describeInBrowser } from '../support/browser';
import { TEST_PASSWORD } from '../support/test-server';
import { DEMO_PLATFORM_ADMIN } from '../../server/src/seed/demo-seed';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import type { ConsoleUser } from './support/console-tenant';

/** A schedule in the import format, for a region no other test uses; 2031-03-08 is a Saturday, 2031-03-10 a Monday. */
const SCHEDULE = {
  region: 'ZZ',
  year: 2031,
  source: 'Test notice of 2030',
  holidays: [
    { date: '2031-01-01', name: 'New Year' },
    { date: '2031-05-01', name: 'Labour Day' },
  ],
  workingDays: ['2031-03-10'],
};

describeInBrowser('the platform administration', () => {
  let rig: ConsoleRig;
  let admin: ConsoleUser;

  beforeAll(async () => {
    rig = await startConsole();
    await rig.server.createTenant('platform-existing');
    const token = await rig.server.platformAdminToken();
    const me = await rig.server.request(`{ me { user { id name } } }`, {}, { token });
    admin = {
      tenantSlug: '',
      email: DEMO_PLATFORM_ADMIN.email,
      password: DEMO_PLATFORM_ADMIN.password,
      name: me.data.me.user.name,
      userId: me.data.me.user.id,
      token,
    };
  });
  afterAll(() => rig?.stop());

  it('signs in without an organisation, lists and creates a tenant, and loads a holiday schedule from a file', async () => {
    const { page } = await rig.newPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, admin);
    await page.waitForURL(/\/platform\/tenants$/);
    await page.locator('[data-testid="tenants"] tr[data-slug="platform-existing"]').waitFor();
    expect(await page.locator('[data-testid="tenants"] tr[data-slug="harbour-clinic"]').count()).toBe(0);
    expect(await page.getByRole('menuitem', { name: /^(Administration|系统管理)$/ }).count()).toBe(0);

    // A new tenant with its first administrator, who can then sign in.
    await page.locator('#name').fill('Harbour Clinic');
    await page.locator('#slug').fill('harbour-clinic');
    await page.locator('#admin_name').fill('Zhou Min');
    await page.locator('#admin_email').fill('zhou@harbour-clinic.test');
    await page.locator('#admin_password').fill(TEST_PASSWORD);
    await page.getByTestId('create-tenant').click();
    await page.getByTestId('tenant-created').waitFor();
    expect(await page.getByTestId('tenant-created').textContent()).toContain('harbour-clinic');
    await page.locator('[data-testid="tenants"] tr[data-slug="harbour-clinic"]').getByText('Harbour Clinic').waitFor();
    expect(await rig.server.login('zhou@harbour-clinic.test', TEST_PASSWORD, 'harbour-clinic')).toBeTruthy();
    // Only platform administrators sign in without an organisation: a member is asked for it beside the field.
    const member = await rig.newPage();
    await member.page.goto('/sign-in');
    await member.page.locator('#email').fill('zhou@harbour-clinic.test');
    await member.page.locator('#password').fill(TEST_PASSWORD);
    await member.page.locator('button[type="submit"]').click();
    await member.page.locator('.ant-form-item-has-error #tenantSlug').waitFor();
    expect(new URL(member.page.url()).pathname).toBe('/sign-in');
    // The same short name again is refused beside the field.
    await page.locator('#name').fill('Harbour Clinic again');
    await page.locator('#slug').fill('harbour-clinic');
    await page.locator('#admin_name').fill('Qian Li');
    await page.locator('#admin_email').fill('qian@harbour-clinic.test');
    await page.locator('#admin_password').fill(TEST_PASSWORD);
    await page.getByTestId('create-tenant').click();
    await page.locator('.ant-form-item-has-error #slug').waitFor();

    // A schedule file with a weekday as a make-up working day is refused beside that field, and nothing is loaded.
    await page.getByRole('menuitem', { name: /Holiday schedules|节假日安排/ }).click();
    await page.waitForURL(/\/platform\/holidays$/);
    await page.getByTestId('load-schedule').click();
    await page
      .locator('#schedule-file')
      .setInputFiles({ name: 'zz-2031.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(SCHEDULE)) });
    await page
      .locator('input#region')
      .evaluate((input: { value: string }) => input.value)
      .then((value) => expect(value).toBe('ZZ'));
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Save schedule|保存节假日安排/ })
      .click();
    await page.locator('.ant-form-item-has-error #workingDays').waitFor();
    expect(await page.getByRole('dialog').textContent()).toContain('2031-03-10');
    const loaded = async () =>
      (await rig.server.request(`{ holidaySchedules(region: "ZZ") { year holidays { date } workingDays } }`, {}, { token: admin.token }))
        .data.holidaySchedules as { year: number; holidays: { date: string }[]; workingDays: string[] }[];
    expect(await loaded()).toEqual([]);

    // Corrected to the Saturday, it is loaded and listed.
    await page.locator('.ant-select-selection-item-remove').click();
    await page.locator('#workingDays').fill('2031-03-08');
    await page.keyboard.press('Enter');
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Save schedule|保存节假日安排/ })
      .click();
    await page.getByTestId('schedule-loaded').waitFor();
    expect(await loaded()).toEqual([
      { year: 2031, holidays: [{ date: '2031-01-01' }, { date: '2031-05-01' }], workingDays: ['2031-03-08'] },
    ]);
    await page
      .getByRole('dialog')
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /Close|关\s*闭/ })
      .click();
    const row = page.locator('[data-schedule="ZZ-2031"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Test notice of 2030');
    await page.getByLabel(/^(Region|地区)$/).fill('ZZ');
    await row.waitFor();
    await screenshot(page, 'platform-holiday-schedules');
    noErrors();
  });
});
