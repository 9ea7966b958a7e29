import { createHash } from 'node:crypto';
import { Pool, type QueryResult } from 'pg';
import { RateLimiterPostgres } from 'rate-limiter-flexible';

/** The table the limits share across server processes; created by migration, owned by the owner role. */
export const RATE_LIMIT_TABLE = 'rate_limits';

/**
 * The limits' own small pool, as the runtime role (never the owner). Its own, because a
 * request holds a connection of the main pool for its transaction while it is checked: were
 * the checks to wait on the main pool, a burst of requests could hold every connection and
 * wait for one more, for ever.
 */
export function rateLimitPool(runtimeUrl: string, size = 4): Pool {
  const pool = new Pool({ connectionString: runtimeUrl, max: size, application_name: 'redress-rate-limits' });
  // An idle connection the database ends (a restart, a shutdown racing ours) is dropped by the
  // pool; unheard, its 'error' event would end the process.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * A counter in the shared table. Keys are hashed: the table holds no addresses, emails or
 * slugs, only what is needed to count them.
 */
export function counter(
  pool: Pool,
  keyPrefix: string,
  points: number,
  durationSeconds: number,
  options: { sweepExpired?: boolean } = {},
): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: unnamedStatements(pool),
    storeType: 'pool',
    tableName: RATE_LIMIT_TABLE,
    tableCreated: true,
    keyPrefix,
    points,
    duration: durationSeconds,
    // Rows expired an hour ago are deleted every five minutes; one counter per process does it
    // for the whole table.
    clearExpiredByTimeout: options.sweepExpired ?? false,
  });
}

/**
 * The pool as the limiter sees it, its statements sent unnamed. The limiter names them
 * (prepared once per connection, then only executed), which a transaction pooler breaks: the
 * next execution may reach a server connection that never prepared it. PgBouncer before 1.21
 * does not track prepared statements at all.
 */
function unnamedStatements(pool: Pool): { query(statement: { text: string; values?: unknown[] }): Promise<QueryResult> } {
  return { query: ({ text, values }) => pool.query(text, values) };
}

export function hashedKey(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('base64url');
}
