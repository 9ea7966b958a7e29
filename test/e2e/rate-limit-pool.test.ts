import { Client } from 'pg';
import { rateLimitPool } from '../../server/src/rate-limits/rate-limit-store';
import { poll } from '../support/poll';
import { createTestDatabase, sessionUrlOf } from '../support/test-database';

/**
 * The rate limits' own pool outlives a connection the database ends while it sits idle (a
 * database restart, a shutdown racing the server's): the pool drops it and serves the next
 * check on a new one, and the process does not die of an unhandled 'error' event.
 */
it('keeps serving after the database ends one of its idle connections', async () => {
  const database = await createTestDatabase();
  // Directly to PostgreSQL, also when the suite runs through a pooler: the connection ended
  // must be the pool's own, not one the pooler holds and may hand to the next client.
  const direct = sessionUrlOf(database.url);
  const pool = rateLimitPool(direct, 2);
  const owner = new Client({ connectionString: direct });
  await owner.connect();
  try {
    const { rows } = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const pid = rows[0].pid;
    await owner.query('SELECT pg_terminate_backend($1)', [pid]);
    // The idle client hears of it (57P01) and leaves the pool.
    await poll(
      async () => pool.idleCount,
      (idle) => idle === 0,
      { timeoutMs: 5000, intervalMs: 20 },
    );
    const again = await pool.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    expect(again.rows[0].pid).not.toBe(pid);
  } finally {
    await pool.end();
    await owner.end();
    await database.drop();
  }
});
