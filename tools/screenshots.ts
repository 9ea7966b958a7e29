import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { chromium, type Page } from 'playwright-core';

/**
 * The console's pictures in the README: starts the built server on a fresh database (a new
 * one in DATABASE_URL's server when set, else an embedded PostgreSQL in a temporary folder)
 * with the demo seed, signs in as the retail demo's supervisor in headless Chromium and
 * saves docs/console-queue.png and docs/console-complaint.png at 1280×800.
 * Run with `npm run screenshots` (builds first).
 */
const ROOT = path.join(__dirname, '..');
const DOCS = path.join(ROOT, 'docs');
const USER = { tenantSlug: 'demo-retail', email: 'supervisor@demo-retail.example', password: 'demo-password' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function withAdmin<T>(url: string, run: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database for this run and how to remove it afterwards. */
async function freshDatabase(): Promise<{ env: Record<string, string>; remove(): Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'redress-screenshots-'));
    return {
      env: { DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(await freePort()) },
      remove: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `redress_screenshots_${randomBytes(4).toString('hex')}`;
  await withAdmin(base, (client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString(), TOKEN_SECRET: randomBytes(32).toString('hex') },
    remove: () => withAdmin(base, (client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** Starts server/dist/main.js and resolves with its URL once it has seeded and listens. */
function startServer(env: Record<string, string>): Promise<{ child: ChildProcess; origin: string }> {
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    cwd: ROOT,
    env: { ...inherited, ...env, HOST: '127.0.0.1', PORT: '0', SEED_DEMO: 'auto', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const url = /listening on (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (url) resolve({ child, origin: new URL(url).origin });
    });
    child.once('exit', (code) => reject(new Error(`the server exited with ${code}:\n${output}`)));
  });
}

/** Waits until web fonts and pending requests have settled, so the picture is complete. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.evaluate('document.fonts.ready.then(() => undefined)');
  await page.waitForTimeout(300);
}

async function main(): Promise<void> {
  const database = await freshDatabase();
  let server: ChildProcess | null = null;
  try {
    const started = await startServer(database.env);
    server = started.child;
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox'],
    });
    try {
      const context = await browser.newContext({ baseURL: started.origin, viewport: { width: 1280, height: 800 }, locale: 'zh-CN' });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.locator('#tenantSlug').fill(USER.tenantSlug);
      await page.locator('#email').fill(USER.email);
      await page.locator('#password').fill(USER.password);
      await page.locator('button[type="submit"]').click();
      const rows = page.locator('[data-testid="queue"] tbody tr[data-number]');
      await rows.first().waitFor({ timeout: 30_000 });
      await settle(page);
      await mkdir(DOCS, { recursive: true });
      await page.screenshot({ path: path.join(DOCS, 'console-queue.png') });
      console.log('wrote docs/console-queue.png');

      // A complaint page: the fourth row (in the retail demo, one being handled).
      await rows.nth(Math.min(3, (await rows.count()) - 1)).click();
      await page.getByTestId('complaint-title').waitFor({ timeout: 30_000 });
      await settle(page);
      await page.screenshot({ path: path.join(DOCS, 'console-complaint.png') });
      console.log('wrote docs/console-complaint.png');
    } finally {
      await browser.close();
    }
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    await database.remove();
  }
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
