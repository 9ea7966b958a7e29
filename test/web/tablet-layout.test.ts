import type { Page } from 'playwright-core';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { openComplaint } from './support/complaint-page';

/** How far the page itself scrolls sideways (a wide table scrolling inside its own box is fine). */
const pageOverflow = (page: Page) => page.locator('html').evaluate((html) => html.scrollWidth - html.clientWidth);

/** Whether the element lies wholly inside the viewport's width. */
const withinWidth = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.left >= 0 && box.right <= element.ownerDocument.documentElement.clientWidth;
    });

describeInBrowser('the console on a tablet', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;
  let complaintId: string;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-tablet');
    complaintId = (await fileComplaint(rig.server, tenant.staff.agent, SAMPLE_COMPLAINT)).id;
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it.each([
    ['portrait', { width: 768, height: 1024 }],
    ['landscape', { width: 1024, height: 768 }],
  ])('holds its layout in %s: nothing wider than the screen, navigation and actions in reach', async (name, viewport) => {
    const { page } = await rig.newPage({ viewport });
    await signInAs(page, tenant.supervisor);
    await page.locator('[data-testid="queue"] tbody tr[data-number]').first().waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    for (const control of ['[data-testid="language"]', '[data-testid="sign-out"]', '[data-testid="tenant-switcher"]']) {
      expect(await withinWidth(page, control)).toBe(true);
    }
    await screenshot(page, `tablet-${name}-queue`);

    // The navigation is reachable: shown beside the page, or folded behind its toggle.
    const myWork = page.getByRole('menuitem', { name: /My work|我的工作/ });
    const toggle = page.getByTestId('navigation-toggle');
    if (name === 'portrait') {
      expect(await myWork.isVisible()).toBe(false);
      expect(await toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    } else {
      expect(await toggle.count()).toBe(0);
    }
    await myWork.click();
    await page.waitForURL(/\/my-work$/);
    // Folded away again once a page is chosen.
    if (name === 'portrait') await myWork.waitFor({ state: 'hidden' });
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);

    await openComplaint(page, complaintId);
    await page.getByTestId('complaint-status').waitFor();
    expect(await pageOverflow(page)).toBeLessThanOrEqual(0);
    expect(await withinWidth(page, '[data-testid="complaint-actions"] [data-primary="true"]')).toBe(true);
    await screenshot(page, `tablet-${name}-complaint`);
  });
});
