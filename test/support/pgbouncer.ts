import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DEFAULT_RUNTIME_ROLE, deriveRuntimePassword } from '../../server/src/db/runtime-role';
import { POOLER_CONSOLE_ENV } from './app-connections';
import { freePort } from './free-port';
import { systemBinaryOrSkip } from './system-binary';
import { TEST_TOKEN_SECRET } from './test-database';

/**
 * `npm run test:pgbouncer [-- jest arguments]`: the end-to-end suite (or the files named)
 * with every server reaching PostgreSQL through PgBouncer in transaction pooling mode, as a
 * deployment with many processes would. PgBouncer is started here on a free port with a
 * generated configuration, in front of the PostgreSQL server of DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test); jest runs with DATABASE_URL pointing at
 * PgBouncer and DATABASE_SESSION_URL at PostgreSQL itself, which the servers use for what
 * needs a session (LISTEN, the job queue, migrations) and the tests for creating databases.
 *
 * Without pgbouncer installed this prints why and succeeds, unless REQUIRE_PGBOUNCER=1.
 */

export interface RunningPgBouncer {
  /** `server`'s URL with PgBouncer's host and port. */
  urlFor(server: string): string;
  stop(): Promise<void>;
  /** What PgBouncer logged (for a failure's report). */
  log(): string;
}

/**
 * Starts PgBouncer in front of `serverUrl`'s PostgreSQL: any database (`*`, so that databases
 * created while it runs are reached too), transaction pooling, clients trusted from
 * 127.0.0.1. `users` are the roles it may log in as, with their passwords for the server;
 * `adminUser` may use its console (database `pgbouncer`: SHOW CLIENTS, SHOW SERVERS).
 * It runs in the foreground of a child process with its own folder for pid and log files, as
 * `nobody` when started as root (PgBouncer refuses to run as root).
 */
export async function startPgBouncer(
  binary: string,
  serverUrl: string,
  users: Record<string, string>,
  { adminUser }: { adminUser?: string } = {},
): Promise<RunningPgBouncer> {
  const server = new URL(serverUrl);
  const port = await freePort();
  const folder = mkdtempSync(path.join(tmpdir(), 'redress-pgbouncer-'));
  const quote = (value: string) => `"${value.replace(/"/g, '""')}"`;
  writeFileSync(
    path.join(folder, 'userlist.txt'),
    Object.entries(users)
      .map(([user, password]) => `${quote(user)} ${quote(password)}`)
      .join('\n') + '\n',
  );
  writeFileSync(
    path.join(folder, 'pgbouncer.ini'),
    [
      '[databases]',
      `* = host=${server.hostname} port=${server.port || '5432'}`,
      '[pgbouncer]',
      'listen_addr = 127.0.0.1',
      `listen_port = ${port}`,
      'unix_socket_dir =',
      'auth_type = trust',
      `auth_file = ${path.join(folder, 'userlist.txt')}`,
      'pool_mode = transaction',
      // Per database and role: as many as one server process's pool, so that a test's
      // exhausted pool is the server's, not PgBouncer's.
      'default_pool_size = 20',
      'max_client_conn = 2000',
      // Each test file has its own database: server connections to finished ones go soon.
      'server_idle_timeout = 10',
      ...(adminUser ? [`admin_users = ${adminUser}`] : []),
      'log_connections = 0',
      'log_disconnections = 0',
      `pidfile = ${path.join(folder, 'pgbouncer.pid')}`,
      `logfile = ${path.join(folder, 'pgbouncer.log')}`,
    ].join('\n') + '\n',
  );
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const nobody = Number(spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).stdout.trim());
    chownSync(folder, nobody, -1);
    for (const file of ['userlist.txt', 'pgbouncer.ini']) chownSync(path.join(folder, file), nobody, -1);
  }
  const child: ChildProcess = spawn(binary, [...(asRoot ? ['-u', 'nobody'] : []), path.join(folder, 'pgbouncer.ini')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let output = '';
  child.stderr!.on('data', (chunk) => (output = (output + chunk).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const log = () => {
    try {
      return readFileSync(path.join(folder, 'pgbouncer.log'), 'utf8').slice(-20_000) || output;
    } catch {
      return output;
    }
  };
  const urlFor = (target: string) => {
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String(port);
    return url.toString();
  };
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(folder, { recursive: true, force: true });
  };
  // Ready when a statement goes through it.
  const deadline = performance.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) {
      const reason = log();
      await stop();
      throw new Error(`pgbouncer exited at start:\n${reason}`);
    }
    const probe = new Client({ connectionString: urlFor(serverUrl) });
    try {
      await probe.connect();
      await probe.query('SELECT 1');
      await probe.end();
      break;
    } catch (error) {
      await probe.end().catch(() => undefined);
      if (performance.now() > deadline) {
        await stop();
        throw new Error(`pgbouncer did not answer within 15 s: ${(error as Error).message}\n${log()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return { urlFor, stop, log };
}

async function main(): Promise<number> {
  const binary = systemBinaryOrSkip('pgbouncer', 'REQUIRE_PGBOUNCER', 'apt-get install pgbouncer');
  if (!binary) return 0;
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const owner = new URL(serverUrl);
  const ownerName = decodeURIComponent(owner.username || 'postgres');
  const bouncer = await startPgBouncer(
    binary,
    serverUrl,
    {
      [ownerName]: decodeURIComponent(owner.password),
      // The role the test servers run as (the password every test server derives).
      [DEFAULT_RUNTIME_ROLE]: deriveRuntimePassword(TEST_TOKEN_SECRET),
    },
    { adminUser: ownerName },
  );
  const pooledUrl = bouncer.urlFor(serverUrl);
  const consoleUrl = new URL(pooledUrl);
  consoleUrl.pathname = '/pgbouncer';
  console.log(`PgBouncer (transaction pooling) on ${new URL(pooledUrl).host} in front of ${owner.host}`);
  const args = process.argv.slice(2);
  const jest = spawn(process.execPath, [require.resolve('jest/bin/jest'), ...(args.length ? args : ['test/e2e'])], {
    stdio: 'inherit',
    env: { ...process.env, DATABASE_URL: pooledUrl, DATABASE_SESSION_URL: serverUrl, [POOLER_CONSOLE_ENV]: consoleUrl.toString() },
  });
  const code = await new Promise<number>((resolve) => jest.once('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0))));
  if (code !== 0) console.error(`--- PgBouncer's log (last lines)\n${bouncer.log().split('\n').slice(-40).join('\n')}`);
  await bouncer.stop();
  return code;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
