import { Client } from 'pg';

/** Set by `npm run test:pgbouncer`: the console of the PgBouncer the suite runs through. */
export const POOLER_CONSOLE_ENV = 'REDRESS_TEST_POOLER_CONSOLE_URL';

interface PoolerRow {
  database: string;
  remote_pid: number;
  application_name: string;
}

/**
 * The connections applications named like `patterns` (SQL LIKE: `redress%`) hold to the
 * current database of `query`: PostgreSQL's backends for them, and when the suite runs
 * through PgBouncer, their connections to PgBouncer instead of the connections PgBouncer
 * keeps to PostgreSQL for itself (those outlive their clients, as pooling means).
 */
export async function applicationConnections(
  query: (sql: string, params: unknown[]) => Promise<Record<string, any>[]>,
  patterns: string[],
): Promise<number> {
  const [{ database, pids }] = await query(
    `SELECT current_database() AS database,
            coalesce((SELECT array_agg(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE ANY($1)), '{}') AS pids`,
    [patterns],
  );
  const consoleUrl = process.env[POOLER_CONSOLE_ENV];
  if (!consoleUrl) return pids.length;
  const console = new Client({ connectionString: consoleUrl });
  await console.connect();
  try {
    const servers = (await console.query<PoolerRow>('SHOW SERVERS')).rows.filter((row) => row.database === database);
    const pooled = new Set(servers.map((row) => Number(row.remote_pid)));
    const named = patterns.map(
      (p) =>
        new RegExp(
          `^${p
            .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
            .replace(/%/g, '.*')
            .replace(/_/g, '.')}$`,
        ),
    );
    const clients = (await console.query<PoolerRow>('SHOW CLIENTS')).rows.filter(
      (row) => row.database === database && named.some((pattern) => pattern.test(row.application_name)),
    );
    return (pids as number[]).filter((pid) => !pooled.has(pid)).length + clients.length;
  } finally {
    await console.end();
  }
}
