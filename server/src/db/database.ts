import type { DataSource } from 'typeorm';
import { databaseLimits, type Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { migrateJobQueue } from '../jobs/job-queue';
import { createOwnerDataSource, createRuntimeDataSource } from './data-sources';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import {
  assertRuntimeRoleIsUnprivileged,
  deriveRuntimePassword,
  ensureRuntimeRole,
  onServerOf,
  runtimeUrlFromOwnerUrl,
} from './runtime-role';
import { withStartUpLock } from './start-up-locks';

export interface Database {
  /** The runtime pool: the unprivileged role, bound by row-level security. */
  dataSource: DataSource;
  tokenSecret: string;
  /** The owner on a connection of its own (DATABASE_SESSION_URL): migrations, seeding, the job queue. */
  ownerUrl: string;
  /** The runtime role's URL (DATABASE_URL's server, perhaps a transaction pooler): the pool's and the rate limits'. */
  runtimeUrl: string;
  /** The runtime role on a connection of its own: the live listener's LISTEN. */
  runtimeSessionUrl: string;
  /** The runtime pool reaches PostgreSQL through a transaction pooler (DATABASE_SESSION_URL set apart). */
  pooled: boolean;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Gets a database ready: the embedded PostgreSQL when no DATABASE_URL is given, then the
 * runtime role, the migrations (as the owner; one starting process at a time, see
 * `withStartUpLock`), and finally the runtime pool, which refuses to run with a privileged role.
 *
 * With DATABASE_SESSION_URL set apart from DATABASE_URL, DATABASE_URL leads to a transaction
 * pooler: only the runtime pool and the rate limits, whose work is whole transactions or
 * single statements, go through it; whatever keeps a session (the live listener's LISTEN,
 * the job queue's LISTEN and locks, migrations) connects to DATABASE_SESSION_URL. What goes into the database is not its concern: start-up
 * seeds the demo tenants (see `seedDemoOnFirstStart`).
 *
 * Arguments after the logger (the plugin host and clock some callers still pass) are unused.
 */
export async function openDatabase(config: Config, logger: Logger, ..._unused: unknown[]): Promise<Database> {
  let embedded: EmbeddedDatabase | null = null;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedDatabase({ dataDir: config.dataDir, port: config.embeddedDbPort, logger });
  }
  try {
    const pooledUrl = config.databaseUrl ?? embedded!.url;
    const ownerUrl = config.databaseSessionUrl ?? pooledUrl;
    const pooled = ownerUrl !== pooledUrl;
    const tokenSecret = config.tokenSecret ?? embedded!.secrets.tokenSecret;
    const runtimeUrl = config.appDatabaseUrl ?? runtimeUrlFromOwnerUrl(pooledUrl, deriveRuntimePassword(tokenSecret));
    const runtimeSessionUrl = pooled ? onServerOf(runtimeUrl, ownerUrl) : runtimeUrl;
    await withStartUpLock(ownerUrl, 'preparation', async () => {
      if (!config.appDatabaseUrl) await ensureRuntimeRole(ownerUrl, runtimeSessionUrl);
      const owner = createOwnerDataSource(ownerUrl);
      await owner.initialize();
      try {
        const applied = await owner.runMigrations({ transaction: 'each' });
        if (applied.length) logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
        // Clocks schedule their timers in the queue's schema, so it exists before any complaint is filed.
        await migrateJobQueue(ownerUrl, logger);
      } finally {
        await owner.destroy();
      }
    });

    const dataSource = createRuntimeDataSource(runtimeUrl, databaseLimits(config), { pooled });
    await dataSource.initialize();
    await assertRuntimeRoleIsUnprivileged((sql) => dataSource.query(sql));
    return {
      dataSource,
      tokenSecret,
      ownerUrl,
      runtimeUrl,
      runtimeSessionUrl,
      pooled,
      embedded: embedded !== null,
      close: async () => {
        await dataSource.destroy();
        await embedded?.stop();
      },
    };
  } catch (error) {
    await embedded?.stop().catch(() => undefined);
    throw error;
  }
}
