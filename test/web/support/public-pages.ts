import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import type { Staff, WalkOptions } from '../../support/complaint-fixtures';
import { TEST_PASSWORD, type TestServer } from '../../support/test-server';
import { invite, type ConsoleUser } from './console-tenant';

/** A small logo, as a tenant administrator sets it. */
export const TEST_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8" rx="2" fill="#0b6e4f"/></svg>',
)}`;

export interface PublicTenantRig {
  slug: string;
  /** Members who sign in to the console. */
  admin: ConsoleUser;
  supervisor: ConsoleUser;
  /** The same people for `fileComplaint` and `walkTo`. */
  staff: Staff;
  /** How staff walk its complaints (walkTo): a retail category whose apology only the supervisor approves. */
  walk: WalkOptions;
}

/**
 * A retail tenant (its plugin's intake fields on the form) with a logo, a supervisor, an agent
 * and a handler: the fewest people who take a complaint through its lifecycle.
 */
export async function createPublicTenant(server: TestServer, slug: string): Promise<PublicTenantRig> {
  const created = await server.createTenant(slug);
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "retail" }) { errors { code message } } }`,
    {},
    { token: created.adminToken },
  );
  if (installed.data?.installPlugin?.errors?.length !== 0) throw new Error(`installPlugin failed: ${JSON.stringify(installed)}`);
  const branded = await server.request(
    `mutation ($logo: String) { updateTenantBranding(input: { logoUrl: $logo }) { errors { code message } } }`,
    { logo: TEST_LOGO },
    { token: created.adminToken },
  );
  if (branded.data?.updateTenantBranding?.errors?.length !== 0) throw new Error(`updateTenantBranding failed: ${JSON.stringify(branded)}`);
  const [supervisor, agent, handler] = await Promise.all([
    invite(server, slug, created.adminToken, 'supervisor', ['supervisor']),
    invite(server, slug, created.adminToken, 'agent', ['agent']),
    invite(server, slug, created.adminToken, 'handler', ['handler']),
  ]);
  const me = await server.request(`{ me { user { id name } } }`, {}, { token: created.adminToken });
  const admin: ConsoleUser = {
    tenantSlug: slug,
    email: created.adminEmail,
    password: TEST_PASSWORD,
    name: me.data.me.user.name,
    userId: me.data.me.user.id,
    token: created.adminToken,
  };
  return {
    slug,
    admin,
    supervisor,
    // No second handler: walkTo never asks for one.
    staff: {
      admin: created.adminToken,
      supervisor: supervisor.token,
      agent: agent.token,
      handler: handler.token,
      handlerId: handler.userId,
      otherHandler: handler.token,
    },
    walk: { inputs: { assessComplaint: { categoryCode: 'price.difference' } } },
  };
}

/** The complaint with this tracking code, as the staff see it. */
export async function complaintByCode(server: TestServer, token: string, code: string): Promise<any> {
  const result = await server.request(
    `query ($text: String!) { complaints(filter: { text: $text }, first: 2) { edges { node {
       id version trackingCode channel description demands fields respondent { name }
       events(first: 30) { edges { node { kind public changes actor { id } } } } } } } }`,
    { text: code },
    { token },
  );
  const found = result.data?.complaints?.edges?.map((edge: any) => edge.node).filter((node: any) => node.trackingCode === code) ?? [];
  if (found.length !== 1) throw new Error(`No single complaint with the code ${code}: ${JSON.stringify(result)}`);
  return found[0];
}

/** The page is no wider than its window: nothing to scroll sideways on a phone. */
export async function expectNoSidewaysScroll(page: Page): Promise<void> {
  const widths = await page.evaluate<{ content: number; window: number }>(
    '({ content: document.documentElement.scrollWidth, window: window.innerWidth })',
  );
  expect(widths.content).toBeLessThanOrEqual(widths.window);
}

/** Presses Tab until the element matching `selector` has the focus (at most `limit` times): reachable by keyboard. */
export async function tabTo(page: Page, selector: string, limit = 40): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    if (await page.locator(selector).evaluate((element) => element === (globalThis as any).document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} not reached with ${limit} presses of Tab`);
}

/** The focused element shows a focus ring (an outline that is drawn). */
export async function expectVisibleFocus(page: Page): Promise<void> {
  const ring = await page.evaluate<{ outline: string; width: number }>(
    `(() => { const style = getComputedStyle(document.activeElement); return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth) }; })()`,
  );
  expect(ring.outline).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
}

/**
 * axe-core's checks of WCAG 2.1 A and AA on the page as it is now (labels, names, contrast,
 * landmarks, language…): none may fail. Each failure is listed with the elements at fault.
 * `except` leaves rules out (the console's pages: `color-contrast`, Ant Design's default palette).
 */
export async function expectAccessible(page: Page, options: { except?: string[] } = {}): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .disableRules(options.except ?? [])
    .analyze();
  expect(violations.map((violation) => ({ rule: violation.id, at: violation.nodes.map((node) => node.target.join(' ')) }))).toEqual([]);
}
