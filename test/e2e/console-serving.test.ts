import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestServer, TEST_EPOCH, type TestServer } from '../support/test-server';

/**
 * The console is served by the API's own server at `/`: its files, index.html for its
 * client-side routes, never for the server's own paths, with security headers; and a note
 * where it has not been built. Business time for its countdowns comes from `serverTime`.
 */
const INDEX = '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body>console</body></html>';
const PUBLIC = '<!doctype html><html><head><script type="module" src="/assets/public-def456.js"></script></head><body>public</body></html>';

/** The page's Content-Security-Policy, directive by directive. */
function policyOf(response: Response): Record<string, string[]> {
  return Object.fromEntries(
    response.headers
      .get('content-security-policy')!
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .map(([name, ...values]) => [name, values]),
  );
}

describe('the console served at /', () => {
  let webRoot: string;
  let server: TestServer;
  let origin: string;

  beforeAll(async () => {
    webRoot = await mkdtemp(path.join(tmpdir(), 'redress-web-'));
    await mkdir(path.join(webRoot, 'assets'));
    await writeFile(path.join(webRoot, 'index.html'), INDEX);
    await writeFile(path.join(webRoot, 'public.html'), PUBLIC);
    await writeFile(path.join(webRoot, 'assets', 'index-abc123.js'), 'console.log("console")');
    server = await startTestServer({ webRoot });
    origin = new URL(server.url).origin;
  });

  afterAll(async () => {
    await server?.stop();
    await rm(webRoot, { recursive: true, force: true });
  });

  const get = (urlPath: string, headers: Record<string, string> = {}) => fetch(`${origin}${urlPath}`, { headers });

  it('answers / and every console route with index.html, never cached, with its security headers', async () => {
    for (const page of ['/', '/complaints', '/complaints/123?status=RECEIVED', '/sign-in?next=%2Fcomplaints', '/index.html']) {
      const response = await get(page, { accept: 'text/html' });
      expect({ page, status: response.status, body: await response.text() }).toEqual({ page, status: 200, body: INDEX });
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const policy = policyOf(response);
      // Scripts from this server only; connections to it over HTTP and WebSocket; never framed.
      expect(policy['script-src']).toEqual(["'self'"]);
      expect(policy['connect-src']).toEqual(["'self'", `ws://${new URL(origin).host}`, `wss://${new URL(origin).host}`]);
      expect(policy['frame-ancestors']).toEqual(["'none'"]);
      expect(policy['object-src']).toEqual(["'none'"]);
      expect(policy['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
      // Images from this server and data URLs (logos); no blob: URLs in the console.
      expect(policy['img-src']).toEqual(["'self'", 'data:']);
    }
  });

  it('serves hashed assets cached for good, and a missing asset is a 404, not the page', async () => {
    const asset = await get('/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await asset.text()).toBe('console.log("console")');

    const missing = await get('/assets/index-gone.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'Not found', code: 'NOT_FOUND' });
  });

  it('leaves the API, downloads, health, metrics and the public pages to their own routes', async () => {
    const graphql = await server.request('{ __typename }');
    expect(graphql.status).toBe(200);
    expect(graphql.data).toEqual({ __typename: 'Query' });
    const graphqlPage = await get('/graphql', { accept: 'text/html' });
    expect(await graphqlPage.text()).not.toBe(INDEX);

    expect(await (await get('/healthz')).json()).toEqual({ status: 'ok' });
    const metrics = await get('/metrics');
    expect(await metrics.text()).not.toBe(INDEX);
    const report = await get('/reports/00000000-0000-0000-0000-000000000000.csv', { accept: 'text/html' });
    expect(report.status).toBeGreaterThanOrEqual(400);
    expect(await report.text()).not.toBe(INDEX);
    for (const reserved of ['/reports/a/b', '/graphql/extra']) {
      const response = await get(reserved, { accept: 'text/html' });
      expect({ reserved, body: await response.text() }).not.toEqual({ reserved, body: INDEX });
      if (!reserved.startsWith('/graphql')) expect({ reserved, status: response.status }).toEqual({ reserved, status: 404 });
    }
    // A client that does not ask for a page gets the JSON 404 of an unknown path.
    const notAPage = await get('/no-such-page', { accept: 'application/json' });
    expect({ status: notAPage.status, body: await notAPage.json() }).toEqual({
      status: 404,
      body: { error: 'Not found', code: 'NOT_FOUND' },
    });
    // Other methods are never the page.
    const posted = await fetch(`${origin}/complaints`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(posted.status).toBe(404);
  });

  it("answers every /t/… page with the public pages' own html (not the console's), never cached, with the same headers but blob: images", async () => {
    const consolePolicy = policyOf(await get('/', { accept: 'text/html' }));
    // The same policy but for images: the form previews the photos a complainant picks from blob: URLs.
    const publicPolicy = { ...consolePolicy, 'img-src': ["'self'", 'data:', 'blob:'] };
    for (const page of [
      '/t/demo-retail/complain',
      '/t/demo-retail/track',
      '/t/demo-retail/status',
      '/t/no-such-tenant/complain',
      '/t',
      '/t/x',
      '/public.html',
    ]) {
      const response = await get(page, { accept: 'text/html' });
      expect({ page, status: response.status, body: await response.text() }).toEqual({ page, status: 200, body: PUBLIC });
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(policyOf(response)).toEqual(publicPolicy);
    }
    // A client that does not ask for a page gets the JSON 404; other methods are never the page.
    const notAPage = await get('/t/demo-retail/complain', { accept: 'application/json' });
    expect(notAPage.status).toBe(404);
    const posted = await fetch(`${origin}/t/demo-retail/complain`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(posted.status).toBe(404);
  });

  it('tells where the console is not built to run npm run build', async () => {
    const empty = await mkdtemp(path.join(tmpdir(), 'redress-web-empty-'));
    const unbuilt = await startTestServer({ webRoot: empty });
    try {
      for (const page of ['/', '/t/demo-retail/complain']) {
        const response = await fetch(new URL(page, unbuilt.url), { headers: { accept: 'text/html' } });
        expect({ page, status: response.status }).toEqual({ page, status: 503 });
        expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
        expect(await response.text()).toContain('npm run build');
      }
      expect((await unbuilt.request('{ __typename }')).data).toEqual({ __typename: 'Query' });
    } finally {
      await unbuilt.stop();
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("answers serverTime from the server's business clock, not the real date", async () => {
    const first = await server.request('{ serverTime }');
    const read = Date.parse(first.data.serverTime);
    // The test server's clock started at TEST_EPOCH (2026-11-25) and runs at the real pace.
    expect(read).toBeGreaterThanOrEqual(TEST_EPOCH.getTime());
    expect(Math.abs(read - server.clock.now().getTime())).toBeLessThan(5000);
    server.clock.advance(3 * 24 * 3600 * 1000);
    const later = Date.parse((await server.request('{ serverTime }')).data.serverTime);
    expect(later - read).toBeGreaterThanOrEqual(3 * 24 * 3600 * 1000);
    expect(later - read).toBeLessThan(3 * 24 * 3600 * 1000 + 5000);
  });
});
