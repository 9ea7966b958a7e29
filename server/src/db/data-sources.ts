import type { EventEmitter } from 'node:events';
import { DataSource } from 'typeorm';
import { DEFAULT_DATABASE_LIMITS, type DatabaseLimits } from '../config/config';
import { ENTITIES } from '../entities';
import { MIGRATIONS } from './migrations';
import { setTransactionLimits } from './transaction-limits';

/** The owner connection: runs migrations (and, at start-up, creates the demo platform administrator), then closes. */
export function createOwnerDataSource(url: string): DataSource {
  return new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    synchronize: false,
    logging: false,
    extra: { max: 2 },
  });
}

/**
 * The shared runtime pool, connected as the unprivileged role that row-level security binds.
 * Nothing waits or holds a connection without bound: a request waits at most
 * `acquireTimeoutMs` for a free connection (then fails as retryable), and every transaction
 * sets `statement_timeout` and `idle_in_transaction_session_timeout` for itself, so a stuck
 * statement or a transaction its request forgot is ended by PostgreSQL and its connection freed.
 *
 * On a direct connection the session carries the same timeouts from its start, for the
 * statements outside a transaction too. Through a transaction pooler (`pooled`) it cannot: a
 * pooler refuses such connection parameters (PgBouncer: "unsupported startup parameter"),
 * and a session's settings would stay on a server connection the next client gets.
 */
export function createRuntimeDataSource(
  url: string,
  limits: DatabaseLimits = DEFAULT_DATABASE_LIMITS,
  { pooled = false }: { pooled?: boolean } = {},
): DataSource {
  const dataSource = new DataSource({
    type: 'postgres',
    url,
    entities: ENTITIES,
    synchronize: false,
    logging: false,
    extra: {
      max: limits.poolSize,
      application_name: 'redress',
      connectionTimeoutMillis: limits.acquireTimeoutMs,
      ...(pooled
        ? {}
        : { statement_timeout: limits.statementTimeoutMs, idle_in_transaction_session_timeout: limits.idleInTransactionTimeoutMs }),
      // A connection the database ends (a restart, pg_terminate_backend, the idle timeout)
      // errs on its next use and leaves the pool; between the pool handing a fresh connection
      // out and TypeORM listening on it, the error would otherwise be unhandled and end the
      // process.
      onConnect: (client: EventEmitter) => {
        client.on('error', ignoreConnectionError);
      },
    },
  });
  setTransactionLimits(dataSource, limits);
  return dataSource;
}

/** The error reaches whoever uses the connection next; the pool then drops it. */
function ignoreConnectionError(): void {}
