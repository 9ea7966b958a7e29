import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { TestServer } from '../../support/test-server';
import type { ConsoleRig } from './console-browser';
import { invite, type ConsoleTenant, type ConsoleUser } from './console-tenant';

/**
 * Installs an industry plugin for the tenant (as its administrator, through the API) and
 * invites one member for each of the given roles the plugin brings (approval steps name them).
 */
export async function installIndustryPlugin(
  server: TestServer,
  tenant: ConsoleTenant,
  pluginId: string,
  roles: string[],
): Promise<Record<string, ConsoleUser>> {
  const installed = await server.request(
    `mutation ($id: String!) { installPlugin(input: { pluginId: $id }) { plugin { pluginId } errors { code message } } }`,
    { id: pluginId },
    { token: tenant.admin.token },
  );
  if (installed.data?.installPlugin?.errors?.length !== 0) throw new Error(`installPlugin failed: ${JSON.stringify(installed)}`);
  const holders: Record<string, ConsoleUser> = {};
  for (const role of roles) holders[role] = await invite(server, tenant.slug, tenant.admin.token, role, [role]);
  return holders;
}

/** Opens a complaint's page and waits until it shows the complaint. */
export async function openComplaint(page: Page, id: string): Promise<void> {
  await page.goto(`/complaints/${id}`);
  await page.getByTestId('complaint-title').waitFor();
}

/** Waits until the page's header shows the status (the server's value, e.g. ACKNOWLEDGED). */
export async function waitForStatus(page: Page, status: string, timeout = 15_000): Promise<void> {
  await page.locator(`[data-testid="complaint-status"][data-status="${status}"]`).waitFor({ timeout });
}

/** The action's button, from the main button or the "More actions" menu; null when the page does not offer it. */
export async function findAction(page: Page, action: string): Promise<Locator | null> {
  // The menu opens in a layer of its own: inside the actions bar is the main button only.
  const direct = page.locator(`[data-testid="complaint-actions"] [data-testid="action-${action}"]`);
  if (await direct.count()) return direct.first();
  const more = page.getByTestId('more-actions');
  if (!(await more.count())) return null;
  await more.click();
  const item = page.locator(`.ant-dropdown:visible [data-testid="action-${action}"]`);
  try {
    await item.first().waitFor({ timeout: 1_000 });
  } catch {
    await page.keyboard.press('Escape');
    return null;
  }
  return item.first();
}

/** The actions the page offers now (main button and menu). */
export async function offeredActions(page: Page): Promise<string[]> {
  const ids: string[] = [];
  const primary = page.locator('[data-testid="complaint-actions"] [data-primary="true"]');
  if (await primary.count()) ids.push((await primary.getAttribute('data-testid'))!);
  const more = page.getByTestId('more-actions');
  if (await more.count()) {
    await more.click();
    const items = page.locator('.ant-dropdown:visible [data-testid^="action-"]');
    await items.first().waitFor();
    ids.push(...(await items.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-testid')!))));
    await page.keyboard.press('Escape');
    await page.locator('.ant-dropdown:visible').waitFor({ state: 'hidden' });
  }
  return ids.map((id) => id.replace(/^action-/, ''));
}

/** Opens the action's form in its drawer and returns the form. */
export async function openAction(page: Page, action: string): Promise<Locator> {
  const button = await findAction(page, action);
  if (!button) throw new Error(`The page does not offer ${action}`);
  await button.click();
  const form = page.getByTestId(`action-form-${action}`);
  await form.waitFor();
  return form;
}

/** Submits the open drawer's form and waits until the drawer closes. */
export async function submitAction(page: Page, action: string): Promise<void> {
  await page.getByTestId('action-submit').click();
  await page.getByTestId(`action-form-${action}`).waitFor({ state: 'hidden', timeout: 15_000 });
}

/** Chooses an option of an Ant Design select (by its id) after typing to narrow it down. */
export async function choose(scope: Page | Locator, page: Page, id: string, typed: string, value: string): Promise<void> {
  const input = scope.locator(`#${id}`);
  await input.click();
  await input.fill(typed);
  await page.locator(`.ant-select-dropdown:visible [data-value="${value}"]`).click();
}

/** Takes an action through its form: `fill` fills it in; the drawer closes when the server took it. */
export async function takeAction(page: Page, action: string, fill?: (form: Locator) => Promise<void>): Promise<void> {
  const form = await openAction(page, action);
  if (fill) await fill(form);
  await submitAction(page, action);
}

/** A browser context for a user who chose English in the console (the tenant's language is Chinese). */
export async function englishPage(rig: ConsoleRig): Promise<{ context: BrowserContext; page: Page }> {
  const opened = await rig.newPage();
  await opened.context.addInitScript(() => globalThis.localStorage.setItem('redress.locale', 'en'));
  return opened;
}
