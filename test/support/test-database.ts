import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Set by the global setup: an owner (superuser) URL of the test PostgreSQL server, a direct connection. */
export const ADMIN_URL_ENV = 'REDRESS_TEST_ADMIN_URL';
/**
 * Set by the global setup when the suite runs through a transaction pooler (DATABASE_URL the
 * pooler, DATABASE_SESSION_URL the server behind it): the owner URL through the pooler.
 */
export const POOLED_URL_ENV = 'REDRESS_TEST_POOLED_URL';
/** One token secret for every test server, so all derive the same runtime role password. */
export const TEST_TOKEN_SECRET = 'test-token-secret-0123456789abcdefghijklmnop';

export function adminUrl(): string {
  const url = process.env[ADMIN_URL_ENV];
  if (!url) throw new Error(`${ADMIN_URL_ENV} is not set: run the tests through jest's global setup`);
  return url;
}

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The direct connection for a URL of this suite's databases: the same role and database on
 * the server behind the pooler when `url` leads to the pooler; `url` itself otherwise.
 */
export function sessionUrlOf(url: string): string {
  const pooled = process.env[POOLED_URL_ENV];
  if (!pooled) return url;
  const target = new URL(url);
  if (target.host !== new URL(pooled).host) return url;
  target.host = new URL(adminUrl()).host;
  return target.toString();
}

/**
 * A fresh, empty database on the test server; each spec file gets its own, so files run in
 * parallel. `url` reaches it as the servers do (through the pooler when there is one).
 */
export async function createTestDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `redress_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: databaseUrl(process.env[POOLED_URL_ENV] ?? adminUrl(), name),
    drop: async () => {
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
