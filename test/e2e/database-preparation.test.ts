import { Client } from 'pg';
import pino from 'pino';
import { openDatabase, type Database } from '../../server/src/db/database';
import { START_UP_LOCKS } from '../../server/src/db/start-up-locks';
import { poll } from '../support/poll';
import { createTestDatabase, sessionUrlOf } from '../support/test-database';
import { testConfig } from '../support/test-server';

/**
 * Processes started together on one fresh database (a deployment's replicas, a rolling start)
 * prepare it one at a time: the runtime role's grants, the migrations and the job queue's schema
 * are written under one advisory lock, so no start fails on "tuple concurrently updated".
 */
const silent = pino({ level: 'silent' });
let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
const opened: Database[] = [];

beforeEach(async () => {
  fresh = await createTestDatabase();
});

afterEach(async () => {
  await Promise.all(opened.splice(0).map((database) => database.close()));
  await fresh?.drop();
});

async function ownerSession(): Promise<Client> {
  const client = new Client({ connectionString: sessionUrlOf(fresh.url) });
  await client.connect();
  return client;
}

it('waits for the preparation lock another process holds, then finds the database ready', async () => {
  const holder = await ownerSession();
  const observer = await ownerSession();
  try {
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [START_UP_LOCKS.preparation]);
    const opening = openDatabase(testConfig(fresh.url), silent).then((database) => {
      opened.push(database);
      return database;
    });
    // The starting process is seen waiting on the advisory lock, not migrating around it.
    const waiting = await poll(
      async () =>
        (
          await observer.query(
            `SELECT count(*)::int AS n FROM pg_stat_activity
              WHERE datname = current_database() AND application_name = 'redress-start-up-lock' AND wait_event = 'advisory'`,
          )
        ).rows[0].n,
      (n) => n === 1,
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(waiting).toBe(1);
    const migrated = await observer.query(`SELECT to_regclass('public.complaints') IS NOT NULL AS yes`);
    expect(migrated.rows[0].yes).toBe(false);

    await holder.query('SELECT pg_advisory_unlock(hashtext($1))', [START_UP_LOCKS.preparation]);
    const database = await opening;
    const tenants = await database.dataSource.query('SELECT count(*)::int AS n FROM tenants');
    expect(tenants).toEqual([{ n: 0 }]);
  } finally {
    await holder.end();
    await observer.end();
  }
});

it('opens one fresh database from four processes started at once', async () => {
  const results = await Promise.allSettled(Array.from({ length: 4 }, () => openDatabase(testConfig(fresh.url), silent)));
  for (const result of results) if (result.status === 'fulfilled') opened.push(result.value);
  expect(results.map((result) => (result.status === 'rejected' ? String(result.reason) : 'ready'))).toEqual([
    'ready',
    'ready',
    'ready',
    'ready',
  ]);
  const session = await ownerSession();
  try {
    const lock = await session.query(`SELECT count(*)::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
    expect(lock.rows[0].n).toBe(0);
  } finally {
    await session.end();
  }
});
