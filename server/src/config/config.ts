import { z } from 'zod';

/** Raised when the environment does not describe a runnable server; main prints it and exits 1. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
    } catch {
      return false;
    }
  }, 'must be a postgres:// or postgresql:// URL');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  APP_DATABASE_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(30 * 24 * 3600).default(12 * 3600),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) => value.split(',').map((o) => o.trim()).filter(Boolean))
    .pipe(z.array(z.url({ message: 'each origin must be a URL such as https://desk.example.com' }))),
  GRAPHQL_INTROSPECTION: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  EXPOSE_STATEMENT_COUNT: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  SEED_DEMO: z.enum(['auto', 'false']).default('auto'),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  JOB_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
  // Database connections: how many, and how long anything may wait on or hold one.
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  READY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
  HEALTH_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  WS_MAX_PAYLOAD_BYTES: z.coerce.number().int().min(1024).max(100 * 1024 * 1024).default(1024 * 1024),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(10_000).default(100),
  WS_MAX_CONNECTIONS_PER_CREDENTIAL: z.coerce.number().int().min(1).max(10_000).default(20),
  METRICS_ENABLED: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  /** Set: connect to this server as the migration owner. Unset: start the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Optional explicit runtime (non-owner) connection; derived from databaseUrl when absent. */
  appDatabaseUrl?: string;
  dataDir: string;
  embeddedDbPort: number;
  /** Unset only in embedded mode, where one is generated and kept in the data folder. */
  tokenSecret?: string;
  tokenTtlSeconds: number;
  logLevel: (typeof LOG_LEVELS)[number];
  allowedOrigins: string[];
  introspection: boolean;
  /** Adds `extensions.sqlStatements` to each response: for tests and benchmarks, not production. */
  exposeStatementCount: boolean;
  /** auto: seed the demo tenants when the database has no tenant yet. */
  seedDemo: 'auto' | 'false';
  /** How often the job queue looks for timers that came due. */
  jobPollIntervalMs?: number;
  /** Timer jobs run at once by this process; 0 leaves the queue to other processes. */
  jobConcurrency?: number;
  /** The runtime pool and its limits; see `databaseLimits` for the defaults. */
  database?: Partial<DatabaseLimits>;
  /** /readyz answers 503 when no connection answers within this time. */
  readyTimeoutMs?: number;
  /** /healthz answers 503 when the event loop lagged more than this in the last window. */
  healthMaxEventLoopDelayMs?: number;
  /** Largest WebSocket message accepted; a larger one closes the connection (1009). */
  wsMaxPayloadBytes?: number;
  /** Operations (subscriptions, and queries or mutations in flight) open at once on one WebSocket. */
  wsMaxSubscriptionsPerConnection?: number;
  /** WebSocket connections open at once for one user, API key or tracking code; more are closed with 4429. */
  wsMaxConnectionsPerCredential?: number;
  /** Serves Prometheus metrics at /metrics (default true). */
  metricsEnabled?: boolean;
}

/** How many connections the runtime pool holds and how long anything may wait on or hold one. */
export interface DatabaseLimits {
  poolSize: number;
  /** Waiting for a free pooled connection longer than this fails the request with SERVICE_UNAVAILABLE. */
  acquireTimeoutMs: number;
  /** PostgreSQL cancels a statement running longer (statement_timeout). */
  statementTimeoutMs: number;
  /** PostgreSQL ends a session idle inside a transaction longer (idle_in_transaction_session_timeout). */
  idleInTransactionTimeoutMs: number;
}

export const DEFAULT_DATABASE_LIMITS: DatabaseLimits = {
  poolSize: 20,
  acquireTimeoutMs: 5000,
  statementTimeoutMs: 15_000,
  idleInTransactionTimeoutMs: 10_000,
};

export function databaseLimits(config: Pick<Config, 'database'>): DatabaseLimits {
  return { ...DEFAULT_DATABASE_LIMITS, ...config.database };
}

/** Reads and validates the environment; throws ConfigError listing every problem at once. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.APP_DATABASE_URL && !e.DATABASE_URL) {
    throw new ConfigError(['APP_DATABASE_URL: needs DATABASE_URL too (the owner connection that runs migrations)']);
  }
  if (e.DATABASE_URL && !e.TOKEN_SECRET) {
    throw new ConfigError([
      'TOKEN_SECRET: required when DATABASE_URL is set (every server process must sign tokens with the same secret)',
    ]);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    dataDir: e.DATA_DIR,
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    tokenSecret: e.TOKEN_SECRET,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    logLevel: e.LOG_LEVEL,
    allowedOrigins: e.ALLOWED_ORIGINS,
    introspection: e.GRAPHQL_INTROSPECTION,
    exposeStatementCount: e.EXPOSE_STATEMENT_COUNT,
    seedDemo: e.SEED_DEMO,
    jobPollIntervalMs: e.JOB_POLL_INTERVAL_MS,
    jobConcurrency: e.JOB_CONCURRENCY,
    database: {
      poolSize: e.DB_POOL_SIZE,
      acquireTimeoutMs: e.DB_ACQUIRE_TIMEOUT_MS,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      idleInTransactionTimeoutMs: e.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
    readyTimeoutMs: e.READY_TIMEOUT_MS,
    healthMaxEventLoopDelayMs: e.HEALTH_MAX_EVENT_LOOP_DELAY_MS,
    wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
    wsMaxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    wsMaxConnectionsPerCredential: e.WS_MAX_CONNECTIONS_PER_CREDENTIAL,
    metricsEnabled: e.METRICS_ENABLED,
  };
}
