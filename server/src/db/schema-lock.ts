import { Client } from 'pg';

/**
 * The advisory lock (per database) under which a starting process prepares the database: the
 * runtime role and its grants, the migrations, the job queue's schema. Processes started
 * together would otherwise write the same catalog rows at once, and PostgreSQL answers the
 * loser of such a race with "tuple concurrently updated" instead of waiting.
 */
export const SCHEMA_LOCK_KEY = 'redress: database preparation';

/**
 * Runs `prepare` while holding the preparation lock on a session of its own (`ownerUrl` is a
 * direct connection, never a transaction pooler: the lock belongs to the session). The next
 * process waits, then finds the work done.
 */
export async function withSchemaLock<T>(ownerUrl: string, prepare: () => Promise<T>): Promise<T> {
  const session = new Client({ connectionString: ownerUrl, application_name: 'redress-schema-lock' });
  await session.connect();
  try {
    await session.query('SELECT pg_advisory_lock(hashtext($1))', [SCHEMA_LOCK_KEY]);
    return await prepare();
  } finally {
    // Ending the session releases the lock on every path, an error included.
    await session.end().catch(() => undefined);
  }
}
