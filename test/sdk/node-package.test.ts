import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { startTestServer, type TestServer } from '../support/test-server';

/** The built package as a Node app imports it (plain ES module, no test transform), against a real server. */
const ROOT = path.resolve(__dirname, '../..');
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

const SCRIPT = `
import { createClient, CurrentTenantDocument } from '@redress/client-sdk';
import WebSocket from 'ws';
const client = createClient({ url: process.env.SDK_URL, token: process.env.SDK_TOKEN, webSocketImpl: WebSocket });
const overHttp = await client.query(CurrentTenantDocument);
const overSocket = await new Promise((resolve, reject) => {
  let data;
  client.subscribe(CurrentTenantDocument, { next: (value) => (data = value), error: reject, complete: () => resolve(data) });
});
await client.dispose();
console.log(JSON.stringify({ http: overHttp.tenant.slug, socket: overSocket.tenant.slug }));
`;

it('runs from client-sdk/dist in plain Node over HTTP and WebSocket', async () => {
  const tenant = await server.createTenant('sdk-node');
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', SCRIPT], {
    cwd: ROOT,
    env: { ...process.env, SDK_URL: server.url, SDK_TOKEN: tenant.adminToken },
  });
  expect(JSON.parse(stdout)).toEqual({ http: 'sdk-node', socket: 'sdk-node' });
});
