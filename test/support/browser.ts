import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/**
 * Browser tests run in the system's Chromium (Debian's `chromium` package), never a
 * downloaded one. `CHROMIUM_PATH` names another binary. Where none is installed the browser
 * tests are skipped with a note, unless `REQUIRE_BROWSER=1` (CI sets it) makes that a failure.
 */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.REQUIRE_BROWSER === '1') {
    throw new Error(`REQUIRE_BROWSER=1 but no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  console.warn(`Browser tests skipped: no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

/** `describe` when a browser is there, `describe.skip` otherwise. */
export const describeInBrowser: jest.Describe = browserAvailable() ? describe : describe.skip;

export function launchBrowser(): Promise<Browser> {
  // --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start. libfaketime
  // (the suite's runs at shifted dates) is not passed on: under it Chromium's multi-process
  // timers stall for seconds. Pages read business time from the server, not from Date.now().
  const { LD_PRELOAD: _preload, FAKETIME: _faketime, ...env } = process.env;
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: ['--no-sandbox'], env });
}
