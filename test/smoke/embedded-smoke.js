#!/usr/bin/env node
// The embedded path as a person meets it: start the built server with no DATABASE_URL in
// a fresh data folder, log in to a demo tenant, write something, stop; start again and
// find it there with the same token. Exits non-zero on any failure.
const { spawn } = require('node:child_process');
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const path = require('node:path');
const net = require('node:net');

const root = path.resolve(__dirname, '../..');
const dataDir = mkdtempSync(path.join(tmpdir(), 'redress-smoke-'));

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function start(port, dbPort) {
  const child = spawn(process.execPath, [path.join(root, 'server/dist/main.js')], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      // A shifted system clock (libfaketime) reaches the server and its embedded database.
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => key === 'LD_PRELOAD' || key.startsWith('FAKETIME'))),
      PORT: String(port),
      DATA_DIR: dataDir,
      EMBEDDED_DB_PORT: String(dbPort),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start in 60 s:\n${output}`)), 60000);
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (output.includes('Redress is listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  return { child, output };
}

async function stop(child) {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) throw new Error(`server exited with ${code} on SIGTERM`);
}

async function gql(port, query, token) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function main() {
  const [port, dbPort] = [await freePort(), await freePort()];
  let server = await start(port, dbPort);
  if (!server.output.includes('admin@demo-retail.example')) throw new Error('no demo login printed');
  const { login } = await gql(
    port,
    'mutation { login(input: { email: "admin@demo-retail.example", password: "demo-password", tenantSlug: "demo-retail" }) { token errors { code } } }',
  );
  if (!login.token) throw new Error(`demo login failed: ${JSON.stringify(login)}`);
  const { complaints } = await gql(port, '{ complaints { totalCount } }', login.token);
  if (complaints.totalCount < 1) throw new Error('the demo tenant has no complaints to work on');
  // The console is served at / (the page and the script it loads).
  const page = await fetch(`http://127.0.0.1:${port}/`, { headers: { accept: 'text/html' } });
  const html = await page.text();
  const script = /<script[^>]+src="([^"]+)"/.exec(html);
  if (page.status !== 200 || !script) throw new Error(`the console is not served at /: ${page.status} ${html.slice(0, 200)}`);
  const code = await fetch(`http://127.0.0.1:${port}${script[1]}`);
  if (code.status !== 200 || !(code.headers.get('content-type') ?? '').includes('javascript')) {
    throw new Error(`the console's script ${script[1]} is not served: ${code.status}`);
  }
  await gql(port, 'mutation { createDepartment(input: { code: "smoke", name: "Smoke" }) { errors { code } } }', login.token);
  // A complainant files through the public form on whatever date the machine has, and can follow it.
  const { submitComplaint } = await gql(
    port,
    `mutation { submitComplaint(input: { tenantSlug: "demo-retail", description: "Smoke test: the kettle leaks",
       demands: [REFUND], complainant: { name: "Smoke", phone: "13800000000" } }) { trackingCode errors { code message } } }`,
  );
  if (!submitComplaint.trackingCode) throw new Error(`the public form refused a complaint: ${JSON.stringify(submitComplaint)}`);
  const { complaintStatus } = await gql(
    port,
    `{ complaintStatus(tenantSlug: "demo-retail", trackingCode: "${submitComplaint.trackingCode}") { status receivedAt nextAnswerDueAt } }`,
  );
  const drift = Math.abs(Date.parse(complaintStatus.receivedAt) - Date.now());
  if (complaintStatus.status !== 'RECEIVED' || drift > 120000)
    throw new Error(`unexpected public status: ${JSON.stringify(complaintStatus)}`);
  await stop(server.child);

  server = await start(port, dbPort);
  const { departments } = await gql(port, '{ departments(first: 100) { edges { node { code } } } }', login.token);
  if (!departments.edges.some((e) => e.node.code === 'smoke')) throw new Error('data did not survive the restart');
  await stop(server.child);
  console.log('embedded smoke: 1 passed, 0 failed');
}

main()
  .catch((error) => {
    console.error(`embedded smoke failed: ${error.stack || error}`);
    process.exitCode = 1;
  })
  .finally(() => rmSync(dataDir, { recursive: true, force: true }));
