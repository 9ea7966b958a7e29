import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';

/**
 * The analysis page over complaints filed here: two about product quality by phone with the
 * same washing machine, one about staff attitude at a visit, one by letter with no category.
 */
describeInBrowser('the analysis page', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  const { asset, ...withoutAsset } = SAMPLE_COMPLAINT;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-analysis');
    const filings = [
      { ...SAMPLE_COMPLAINT, channel: 'PHONE', categoryCode: 'product.quality' },
      { ...SAMPLE_COMPLAINT, channel: 'PHONE', categoryCode: 'product.quality', complainant: { name: '李四', phone: '13900000002' } },
      { ...withoutAsset, channel: 'VISIT', categoryCode: 'service.attitude', complainant: { name: '王五', phone: '13900000003' } },
      { ...withoutAsset, channel: 'LETTER', complainant: { name: '赵六', phone: '13900000004' } },
    ];
    for (const input of filings) await fileComplaint(rig.server, tenant.staff.agent, input);
    expect(asset.model).toBe('WM-9');
  });
  afterAll(() => rig?.stop());

  async function englishPage(): Promise<Page> {
    const { context, page } = await rig.newPage();
    await context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.locale', 'en'));
    return page;
  }

  /** The groups a statistics card lists, as { key: count }. */
  const groupsOf = (page: Page, dimension: string) =>
    page
      .locator(`[data-testid="statistics-${dimension}"] tbody tr[data-group]`)
      .evaluateAll((rows) =>
        Object.fromEntries(rows.map((row) => [row.getAttribute('data-group'), Number(row.getAttribute('data-count'))])),
      );

  it('charts the period by category, channel and month, with the numbers beside each chart', async () => {
    const page = await englishPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fanalysis' });
    await page.getByTestId('statistics-total').filter({ hasText: 'Complaints: 4' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-testid="statistics-CATEGORY"] tbody tr[data-group]').first().waitFor();
    expect(await groupsOf(page, 'CATEGORY')).toEqual({ 'product.quality': 2, 'service.attitude': 1, '': 1 });
    expect(await groupsOf(page, 'CHANNEL')).toEqual({ PHONE: 2, VISIT: 1, LETTER: 1 });
    // The server's clock stands in November 2026: all four were received that month.
    expect(await groupsOf(page, 'MONTH')).toEqual({ '2026-11': 4 });
    // Server labels, in the user's language.
    await expect(page.getByTestId('statistics-CHANNEL').textContent()).resolves.toContain('Phone');
    for (const dimension of ['CATEGORY', 'CHANNEL', 'PRIORITY', 'MONTH']) {
      await page.locator(`[data-testid="statistics-${dimension}"] canvas`).first().waitFor();
    }
    // The product both phone complaints were about is the hotspot.
    await expect(page.locator('[data-testid="hotspots-products"] tbody tr', { hasText: 'WM-9' }).textContent()).resolves.toContain('2');
    await screenshot(page, 'analysis');
    noErrors();
  });

  it('makes the monthly report and downloads its CSV with the session’s token', async () => {
    const page = await englishPage();
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.supervisor, { path: '/sign-in?next=%2Fanalysis' });
    const month = page.getByLabel('Month of the report');
    await month.click();
    await month.fill('2026-11');
    await month.press('Enter');
    await page.getByTestId('generate-report').click();
    const report = page.locator('[data-testid="monthly-reports"] tr[data-month="2026-11"]');
    await report.waitFor({ timeout: 15_000 });

    const [download] = await Promise.all([page.waitForEvent('download'), report.getByTestId('report-csv').click()]);
    expect(download.suggestedFilename()).toBe('complaints-2026-11.csv');
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv).toMatch(/^report,month,month,2026-11$/m);
    expect(csv).toMatch(/^total,all,count,4$/m);
    expect(csv).toMatch(/^channel,PHONE,count,2$/m);

    const [printable] = await Promise.all([page.context().waitForEvent('page'), report.getByTestId('report-html').click()]);
    await printable.waitForURL(/^blob:/);
    await expect(printable.locator('body').textContent()).resolves.toContain('2026-11');
    await screenshot(page, 'analysis-reports');
    noErrors();
  });
});
