import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import pino from 'pino';
import { startApp } from '../../server/src/app';
import { SettableClock } from '../../server/src/time/clock';
import { createTestDatabase } from '../support/test-database';
import { testConfig, TEST_EPOCH } from '../support/test-server';
import { applicationConnections } from '../support/app-connections';

/**
 * A server that cannot open its port fails to start, and the parts it had already started
 * (database pool, rate-limit pool, job queue, live listener) are stopped, leaving no
 * connection to the database behind.
 */
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let occupied: Server;

beforeAll(async () => {
  database = await createTestDatabase();
  occupied = createServer();
  await new Promise<void>((resolve) => occupied.listen(0, '127.0.0.1', () => resolve()));
});

afterAll(async () => {
  await new Promise((resolve) => occupied?.close(resolve));
  await database?.drop();
});

it('stops what it had started when the port is taken', async () => {
  const port = (occupied.address() as AddressInfo).port;
  const config = testConfig(database.url, { port, jobConcurrency: 1, jobPollIntervalMs: 50 });
  await expect(startApp(config, pino({ level: 'silent' }), { clock: new SettableClock(TEST_EPOCH) })).rejects.toMatchObject({
    code: 'EADDRINUSE',
  });

  const owner = new Client({ connectionString: database.url });
  await owner.connect();
  try {
    const open = () => applicationConnections(async (sql, params) => (await owner.query(sql, params)).rows, ['redress%']);
    // A backend leaves pg_stat_activity a moment after its client goes: wait, bounded.
    let n = await open();
    for (let waited = 0; n > 0 && waited < 5000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      n = await open();
    }
    expect(n).toBe(0);
  } finally {
    await owner.end();
  }
});
