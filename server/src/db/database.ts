import type { DataSource } from 'typeorm';
import { databaseLimits, type Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { migrateJobQueue } from '../jobs/job-queue';
import { createOwnerDataSource, createRuntimeDataSource } from './data-sources';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded/embedded-database';
import { assertRuntimeRoleIsUnprivileged, deriveRuntimePassword, ensureRuntimeRole, runtimeUrlFromOwnerUrl } from './runtime-role';

export interface Database {
  /** The runtime pool: the unprivileged role, bound by row-level security. */
  dataSource: DataSource;
  tokenSecret: string;
  ownerUrl: string;
  /** The runtime role's URL: the pool's, and the live listener's dedicated connection. */
  runtimeUrl: string;
  embedded: boolean;
  close(): Promise<void>;
}

/**
 * Gets a database ready: the embedded PostgreSQL when no DATABASE_URL is given, then the
 * runtime role, the migrations (as the owner), and finally the runtime pool, which refuses
 * to run with a privileged role. What goes into the database is not its concern: start-up
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
    const ownerUrl = config.databaseUrl ?? embedded!.url;
    const tokenSecret = config.tokenSecret ?? embedded!.secrets.tokenSecret;
    const runtimeUrl = config.appDatabaseUrl ?? runtimeUrlFromOwnerUrl(ownerUrl, deriveRuntimePassword(tokenSecret));
    if (!config.appDatabaseUrl) await ensureRuntimeRole(ownerUrl, runtimeUrl);

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

    const dataSource = createRuntimeDataSource(runtimeUrl, databaseLimits(config));
    await dataSource.initialize();
    await assertRuntimeRoleIsUnprivileged((sql) => dataSource.query(sql));
    return {
      dataSource,
      tokenSecret,
      ownerUrl,
      runtimeUrl,
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
