import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { describeInBrowser, launchBrowser } from '../support/browser';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The SDK as an app gets it: `npm pack`, installed into a fresh project with its peer, bundled
 * for the browser and run in headless Chromium from another origin against a real server,
 * over HTTP (CORS) and WebSocket.
 */
const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

const APP = `
import { createClient, complaintWorkflow, fileComplaint, CurrentTenantDocument, ComplaintChangedDocument } from '@redress/client-sdk';

const params = new URLSearchParams(location.search);
const results = (window.results = []);
const record = (entry) => {
  results.push(entry);
  const item = document.createElement('li');
  item.textContent = JSON.stringify(entry);
  document.getElementById('log').append(item);
};
const client = createClient({ url: params.get('api'), token: params.get('token'), locale: 'en' });
window.client = client;

const { tenant } = await client.query(CurrentTenantDocument);
record({ step: 'tenant', slug: tenant.slug });

client.subscribe(ComplaintChangedDocument, {
  variables: {},
  next: ({ complaintChanged }) =>
    record({ step: 'live', kind: complaintChanged.kind, number: complaintChanged.complaint?.number, status: complaintChanged.complaint?.statusLabel }),
  error: (error) => record({ step: 'error', name: error.name, message: error.message }),
});

window.fileAndAcknowledge = async () => {
  const filed = await fileComplaint(client, {
    channel: 'WEB',
    description: 'The blender arrived with a cracked jar.',
    demands: ['EXCHANGE'],
    complainant: { name: 'Browser User', email: 'browser@example.com' },
  });
  if (!filed.ok) return record({ step: 'filed', errors: filed.errors });
  record({ step: 'filed', number: filed.data.complaint.number });
  const acknowledged = await complaintWorkflow(client).acknowledge(filed.data.complaint);
  record(acknowledged.ok ? { step: 'acknowledged', status: acknowledged.data.complaint.statusLabel } : { step: 'acknowledged', errors: acknowledged.errors });
};
record({ step: 'ready' });
`;

interface Entry {
  step: string;
  [key: string]: unknown;
}

describeInBrowser('the packed SDK in a browser', () => {
  let server: TestServer;
  let staff: Staff;
  let appDir: string;
  let page: Server;
  let pageOrigin: string;
  let browser: Browser;

  beforeAll(async () => {
    appDir = await mkdtemp(path.join(tmpdir(), 'redress-sdk-app-'));
    const { stdout } = await run('npm', ['pack', '-w', 'client-sdk', '--pack-destination', appDir, '--json'], { cwd: ROOT });
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    await writeFile(path.join(appDir, 'package.json'), JSON.stringify({ name: 'sdk-app', private: true, type: 'module' }));
    const graphqlVersion = (JSON.parse(await readFile(path.join(ROOT, 'node_modules/graphql/package.json'), 'utf8')) as { version: string })
      .version;
    // As an app installs it: the tarball and its peer, from the registry or npm's cache.
    await run('npm', ['install', `./${filename}`, `graphql@${graphqlVersion}`, '--prefer-offline', '--no-audit', '--no-fund'], {
      cwd: appDir,
    });
    await writeFile(path.join(appDir, 'app.js'), APP);
    await build({
      entryPoints: [path.join(appDir, 'app.js')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      outfile: path.join(appDir, 'bundle.js'),
      logLevel: 'silent',
    });

    page = createServer((request, response) => {
      if (request.url?.startsWith('/bundle.js')) {
        response.setHeader('content-type', 'text/javascript');
        void readFile(path.join(appDir, 'bundle.js')).then((code) => response.end(code));
        return;
      }
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end('<!doctype html><title>SDK app</title><ol id="log"></ol><script type="module" src="/bundle.js"></script>');
    });
    await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
    pageOrigin = `http://127.0.0.1:${(page.address() as AddressInfo).port}`;

    server = await startTestServer({ allowedOrigins: [pageOrigin] });
    ({ staff } = await createStaffedTenant(server, 'sdk-browser'));
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await new Promise((resolve) => page?.close(resolve));
    if (appDir) await rm(appDir, { recursive: true, force: true });
  });

  it('queries, subscribes and runs the workflow from another origin', async () => {
    const tab = await browser.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${pageOrigin}/?api=${encodeURIComponent(server.url)}&token=${encodeURIComponent(staff.agent)}`);
    const results = () => tab.evaluate(() => (globalThis as unknown as { results?: Entry[] }).results ?? []);
    await poll(results, (entries) => entries.some((entry) => entry.step === 'ready'), { timeoutMs: 20_000, intervalMs: 100 });
    await waitForSubscribers(server.app.live.hub, 1);

    await tab.evaluate(() => (globalThis as unknown as { fileAndAcknowledge(): Promise<void> }).fileAndAcknowledge());
    const entries = await poll(results, (list) => list.filter((entry) => entry.step === 'live').length >= 2, {
      timeoutMs: 20_000,
      intervalMs: 100,
    });

    expect(errors).toEqual([]);
    const filed = entries.find((entry) => entry.step === 'filed');
    expect(entries.find((entry) => entry.step === 'tenant')).toEqual({ step: 'tenant', slug: 'sdk-browser' });
    expect(filed).toEqual({ step: 'filed', number: expect.any(Number) });
    expect(entries.find((entry) => entry.step === 'acknowledged')).toEqual({ step: 'acknowledged', status: 'Acknowledged' });
    // Both changes arrive live, with labels in the language the client asked for.
    expect(entries.filter((entry) => entry.step === 'live')).toEqual([
      { step: 'live', kind: 'CHANGE', number: filed!.number, status: 'Received' },
      { step: 'live', kind: 'CHANGE', number: filed!.number, status: 'Acknowledged' },
    ]);
  });

  it('is refused by the browser when the server does not allow the page origin', async () => {
    const strict = await startTestServer({ allowedOrigins: [] });
    try {
      const tenant = await strict.createTenant('sdk-browser-cors');
      const tab = await browser.newPage();
      await tab.goto(`${pageOrigin}/?api=${encodeURIComponent(strict.url)}&token=${encodeURIComponent(tenant.adminToken)}`);
      const failure = await tab.waitForEvent('pageerror', { timeout: 20_000 });
      expect(failure.message).toMatch(/Cannot reach/);
      // The refusal names its likely cause: the page's origin is missing from ALLOWED_ORIGINS.
      expect(failure.message).toContain(pageOrigin);
      expect(failure.message).toContain('ALLOWED_ORIGINS');
    } finally {
      await strict.stop();
    }
  });
});
