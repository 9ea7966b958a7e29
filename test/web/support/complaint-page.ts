import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { TestServer } from '../../support/test-server';
import { signInAs, type ConsoleRig } from './console-browser';
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

/**
 * The action's button, from the main button or the "More actions" menu, waiting up to
 * `timeout` for the page to offer it (a live change may still be on its way); null when it does not.
 */
export async function findAction(page: Page, action: string, timeout = 10_000): Promise<Locator | null> {
  const deadline = Date.now() + timeout;
  // The menu opens in a layer of its own: inside the actions bar is the main button only.
  const direct = page.locator(`[data-testid="complaint-actions"] [data-testid="action-${action}"]`);
  const item = page.locator(`.ant-dropdown:visible [data-testid="action-${action}"]`);
  do {
    if (await direct.count()) return direct.first();
    const more = page.getByTestId('more-actions');
    if (await more.count()) {
      await more.click();
      try {
        await item.first().waitFor({ timeout: 3_000 });
        return item.first();
      } catch {
        await page.keyboard.press('Escape');
      }
    }
    await page.waitForTimeout(300);
  } while (Date.now() < deadline);
  return null;
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
  try {
    await page.getByTestId(`action-form-${action}`).waitFor({ state: 'hidden', timeout: 15_000 });
  } catch (error) {
    const shown = await page
      .locator('.ant-drawer-body')
      .innerText()
      .catch(() => '');
    throw new Error(`${action} was not taken; the drawer shows: ${shown}`, { cause: error });
  }
}

/** Chooses an option of an Ant Design select (by its id) after typing to narrow it down. */
export async function choose(scope: Page | Locator, page: Page, id: string, typed: string, value: string): Promise<void> {
  const input = scope.locator(`#${id}`);
  await input.click();
  await input.fill(typed);
  // This select's own list (another select's may still be closing).
  const list = page.locator('.ant-select-dropdown').filter({ has: page.locator(`#${id}_list`) });
  // A list that re-renders as its options load can lose a click: the list closes once one is taken.
  for (let attempt = 1; ; attempt += 1) {
    await list.locator(`[data-value="${value}"]`).click();
    try {
      await list.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
    }
  }
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
  await opened.context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.locale', 'en'));
  return opened;
}

/** How a walk from receipt to closed fills in its forms, and whose pages decide the approval steps. */
export interface UiWalk {
  /** The supervisor's page, open on the complaint: takes every step but the approvals of other roles. */
  main: Page;
  /** The supervisor's user id (the owner the walk assigns). */
  ownerId: string;
  /** Pages of the other approvers by role, open on the complaint since before the resolution was proposed. */
  approvers: Record<string, Page>;
  categoryCode: string;
  resolution: { kind: string; amount: number | null };
  /** Called with the drawer of the proposal open, before it is sent (e.g. for a screenshot). */
  beforeProposing?(): Promise<void>;
}

/** Approval steps as the page's table shows them: role and decision (WAITING until decided), in order. */
export async function approvalRows(page: Page): Promise<{ role: string; decision: string }[]> {
  return page
    .locator('[data-testid="section-approvals"] tr[data-role]')
    .evaluateAll((rows) => rows.map((row) => ({ role: row.getAttribute('data-role')!, decision: row.getAttribute('data-decision')! })));
}

/** Walks the complaint open on `walk.main` from RECEIVED to CLOSED through the console's forms; returns the roles that approved. */
export async function walkToClosedInUi(walk: UiWalk): Promise<string[]> {
  const { main } = walk;
  await takeAction(main, 'ACKNOWLEDGE');
  await waitForStatus(main, 'ACKNOWLEDGED');
  await takeAction(main, 'ACCEPT', (form) => choose(form, main, 'categoryCode', walk.categoryCode, walk.categoryCode));
  await waitForStatus(main, 'ACCEPTED');
  await takeAction(main, 'ASSIGN', (form) => choose(form, main, 'ownerId', 'supervisor', walk.ownerId));
  await waitForStatus(main, 'ASSIGNED');
  await takeAction(main, 'RECORD_INVESTIGATION', async (form) => {
    for (const field of ['cause', 'course', 'conclusion', 'countermeasures', 'prevention'])
      await form.locator(`#${field}`).fill(`The ${field}`);
  });
  await waitForStatus(main, 'INVESTIGATING');
  const proposal = await openAction(main, 'PROPOSE_RESOLUTION');
  await choose(proposal, main, 'kind', walk.resolution.kind, walk.resolution.kind);
  if (walk.resolution.amount !== null) await proposal.locator('#amount').fill(String(walk.resolution.amount));
  await proposal.locator('#description').fill('What we offer');
  await walk.beforeProposing?.();
  await submitAction(main, 'PROPOSE_RESOLUTION');

  const approved: string[] = [];
  for (let step = 0; step < 6; step += 1) {
    await main.locator('[data-testid="section-approvals"] tr[data-role]').first().waitFor();
    const waiting = (await approvalRows(main)).find((row) => row.decision === 'WAITING');
    if (!waiting) break;
    const approver = waiting.role === 'supervisor' ? main : walk.approvers[waiting.role];
    if (!approver) throw new Error(`Nobody to decide the step of ${waiting.role}`);
    // The step arrives on the approver's open page by itself.
    await approver.locator(`[data-testid="section-approvals"] tr[data-role="${waiting.role}"][data-decision="WAITING"]`).waitFor();
    await takeAction(approver, 'DECIDE_APPROVAL', (form) => form.locator('label', { hasText: /^Approve$/ }).click());
    await main.locator(`[data-testid="section-approvals"] tr[data-role="${waiting.role}"][data-decision="APPROVE"]`).waitFor();
    approved.push(waiting.role);
  }
  await waitForStatus(main, 'APPROVED');
  await takeAction(main, 'MARK_EXECUTED');
  await waitForStatus(main, 'EXECUTED');
  await takeAction(main, 'RESPOND', (form) => form.locator('#message').fill('We refunded you and apologise.'));
  await waitForStatus(main, 'RESPONDED');
  await takeAction(main, 'RECORD_FOLLOW_UP', (form) => form.locator('#scores_ATTITUDE').fill('5'));
  await waitForStatus(main, 'FOLLOW_UP');
  await takeAction(main, 'CLOSE', (form) => form.locator('#summary').fill('Refunded; the till price was corrected.'));
  await waitForStatus(main, 'CLOSED');
  return approved;
}

/** Marks the page's document so that a later `stillSameDocument` proves it was never reloaded. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => ((globalThis as any).__notReloaded = true));
}

export async function stillSameDocument(page: Page): Promise<boolean> {
  return page.evaluate(() => (globalThis as any).__notReloaded === true);
}

/** Each approver signed in in a context of their own, on the complaint's page, marked to prove it is never reloaded. */
export async function openApproverPages(
  rig: ConsoleRig,
  holders: Record<string, ConsoleUser>,
  complaintId: string,
): Promise<Record<string, Page>> {
  const pages: Record<string, Page> = {};
  for (const [role, user] of Object.entries(holders)) {
    const { page } = await englishPage(rig);
    await signInAs(page, user);
    await openComplaint(page, complaintId);
    await markDocument(page);
    pages[role] = page;
  }
  return pages;
}
