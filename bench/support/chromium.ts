import { chromium, type Browser } from 'playwright-core';

/**
 * The system's Chromium (Debian's `chromium`, or `CHROMIUM_PATH`), headless, launched as
 * the browser tests launch it (test/support/browser.ts, which needs jest's globals).
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}
