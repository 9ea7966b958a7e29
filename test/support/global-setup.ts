import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import pino from 'pino';
import { startEmbeddedDatabase } from '../../server/src/db/embedded/embedded-database';
import { deriveRuntimePassword, ensureRuntimeRole, runtimeUrlFromOwnerUrl } from '../../server/src/db/runtime-role';
import { ADMIN_URL_ENV, POOLED_URL_ENV, TEST_TOKEN_SECRET, databaseUrl } from './test-database';

/**
 * With DATABASE_URL the suite runs against that PostgreSQL server; without it, against an
 * embedded one started here in a temporary folder (a fresh machine needs nothing else). With
 * DATABASE_SESSION_URL too, DATABASE_URL is a transaction pooler in front of that server
 * (`npm run test:pgbouncer`): the servers under test reach their databases through it, and
 * databases are created over the direct connection.
 */
export default async function globalSetup(): Promise<void> {
  let ownerUrl = process.env.DATABASE_SESSION_URL ?? process.env.DATABASE_URL;
  if (process.env.DATABASE_URL && process.env.DATABASE_SESSION_URL) process.env[POOLED_URL_ENV] = process.env.DATABASE_URL;
  if (!ownerUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'redress-test-'));
    const embedded = await startEmbeddedDatabase({
      dataDir,
      port: await freePort(),
      logger: pino({ level: 'silent' }),
      database: 'postgres',
    });
    (globalThis as any).__redressEmbedded = embedded;
    ownerUrl = embedded.url;
  }
  process.env[ADMIN_URL_ENV] = ownerUrl;
  // Create the cluster-wide roles once, before parallel spec files race for them.
  const maintenance = databaseUrl(ownerUrl, new URL(ownerUrl).pathname.slice(1) || 'postgres');
  await ensureRuntimeRole(maintenance, runtimeUrlFromOwnerUrl(maintenance, deriveRuntimePassword(TEST_TOKEN_SECRET)));
}
