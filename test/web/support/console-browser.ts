import type { ComplaintPlugin } from '@redress/plugin-api';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Config } from '../../../server/src/config/config';
import { launchBrowser } from '../../support/browser';
import { startTestServer, type TestServer } from '../../support/test-server';
import type { ConsoleUser } from './console-tenant';

const ROOT = path.resolve(__dirname, '../../..');
export const WEB_DIST = path.join(ROOT, 'web/dist');
export const SCREENSHOTS = path.join(ROOT, 'test-artifacts/screenshots');

/** One test file's console: a test server serving the built console, and one browser. */
export interface ConsoleRig {
  server: TestServer;
  browser: Browser;
  /** The console's origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  /**
   * A fresh browser context (its own storage: one per user) with a page in it: a desktop
   * window (or `viewport`), or with `phone` a 360×740 touch screen that honours the page's
   * viewport meta; `permissions` as Playwright grants them (e.g. clipboard-read).
   */
  newPage(options?: {
    locale?: string;
    phone?: boolean;
    viewport?: { width: number; height: number };
    permissions?: string[];
  }): Promise<{ context: BrowserContext; page: Page }>;
  stop(): Promise<void>;
}

/** `plugins`: the plugin versions the server offers (the shipped ones when not given). */
export async function startConsole(overrides: Partial<Config> = {}, options: { plugins?: ComplaintPlugin[] } = {}): Promise<ConsoleRig> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    throw new Error('The console is not built: run `npm run build` before the browser tests');
  }
  const server = await startTestServer(overrides, { plugins: options.plugins });
  const browser = await launchBrowser();
  const origin = new URL(server.url).origin;
  const contexts: BrowserContext[] = [];
  return {
    server,
    browser,
    origin,
    async newPage(options = {}) {
      const context = await browser.newContext({
        baseURL: origin,
        locale: options.locale ?? 'en-US',
        ...(options.phone
          ? { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }
          : { viewport: options.viewport ?? { width: 1366, height: 800 } }),
        permissions: options.permissions,
      });
      contexts.push(context);
      return { context, page: await context.newPage() };
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
    },
  };
}

/**
 * Collects the page's uncaught errors and console errors from now on; the returned function
 * fails the test when there were any.
 */
export function expectNoConsoleErrors(page: Page, allowed: RegExp[] = []): () => void {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !allowed.some((pattern) => pattern.test(message.text()))) errors.push(`console: ${message.text()}`);
  });
  return () => expect(errors).toEqual([]);
}

/** Fills the sign-in form (opening it when the page is elsewhere) and waits until the console shows the user. */
export async function signInAs(page: Page, user: ConsoleUser, options: { path?: string } = {}): Promise<void> {
  if (options.path !== undefined || !page.url().includes('/sign-in')) await page.goto(options.path ?? '/sign-in');
  await page.locator('#tenantSlug').fill(user.tenantSlug);
  await page.locator('#email').fill(user.email);
  await page.locator('#password').fill(user.password);
  await page.locator('button[type="submit"]').click();
  await page.getByTestId('user-name').filter({ hasText: user.name }).waitFor({ timeout: 20_000 });
  // The page's first reads settle before a test acts on it: a click on an element that a
  // late answer re-renders can be lost.
  await page.waitForLoadState('networkidle');
}

/** Saves a screenshot of the page under test-artifacts/screenshots/<name>.png (kept by CI). */
export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  // A dialog or panel opening is shown once its animation ended (endless ones, spinners, are not waited for).
  await page
    .waitForFunction(
      () =>
        (globalThis as any).document
          .getAnimations()
          .every((animation: any) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
      undefined,
      { timeout: 3000 },
    )
    .catch(() => undefined);
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The complaint numbers the queue shows, top to bottom. */
export async function queueNumbers(page: Page): Promise<number[]> {
  const numbers = await page
    .locator('[data-testid="queue"] tbody tr[data-number]')
    .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-number'))));
  return numbers;
}
