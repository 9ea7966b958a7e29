import { Client } from 'pg';

/**
 * Advisory locks (per database) under which processes starting together take turns at what
 * only one of them should do. Without them they would write the same rows at once: catalog
 * rows, which PostgreSQL answers the loser of the race with "tuple concurrently updated"
 * instead of waiting, or the demo's tenants twice.
 */
export const START_UP_LOCKS = {
  /** The runtime role and its grants, the migrations, the job queue's schema. */
  preparation: 'redress: database preparation',
  /** The demo data of a first start. */
  demoSeed: 'redress: demo seed',
} as const;

/**
 * Runs `work` while holding the start-up lock `key` on a session of its own (`ownerUrl` is a
 * direct connection, never a transaction pooler: the lock belongs to the session). The next
 * process waits, then finds the work done.
 */
export async function withStartUpLock<T>(ownerUrl: string, key: keyof typeof START_UP_LOCKS, work: () => Promise<T>): Promise<T> {
  const session = new Client({ connectionString: ownerUrl, application_name: 'redress-start-up-lock' });
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [START_UP_LOCKS[key]]);
    return await work();
  } finally {
    // Ending the session releases the lock on every path, an error included.
    await session.end().catch(() => undefined);
  }
}
