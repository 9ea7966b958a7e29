import { z } from 'zod';

/** Raised when the environment does not describe a runnable server; main prints it and exits 1. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Requests of one kind allowed per client address and per tenant in a fixed window; 0: no limit. */
export interface PublicLimit {
  perAddress: number;
  perTenant: number;
  windowSeconds: number;
}

/** Limits on what anyone on the internet can make the server do (see README, Configuration). */
export interface RateLimitSettings {
  /**
   * Failed logins: after `accountFailures` failures of one account (or `addressFailures` from
   * one address) within `windowSeconds`, the next attempt waits `blockSeconds`, doubled with
   * every further failure up to `maxBlockSeconds`. A successful login clears the account's count.
   */
  login: { accountFailures: number; addressFailures: number; windowSeconds: number; blockSeconds: number; maxBlockSeconds: number };
  submitComplaint: PublicLimit;
  complaintStatus: PublicLimit;
  satisfactionSurvey: PublicLimit;
  /** `POST /files/uploads` without an account (a complaint being written, or one's own by its tracking code). */
  evidenceUpload: PublicLimit;
  /** `addComplainantEvidence`: the complainant attaching staged files to their complaint. */
  complainantEvidence: PublicLimit;
  /** `publicTenant`: the organisation's public pages read it on every visit. */
  publicTenant: PublicLimit;
  /** `addComplainantMessage`. */
  complainantMessage: PublicLimit;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  login: { accountFailures: 5, addressFailures: 20, windowSeconds: 3600, blockSeconds: 30, maxBlockSeconds: 3600 },
  submitComplaint: { perAddress: 10, perTenant: 1000, windowSeconds: 3600 },
  complaintStatus: { perAddress: 60, perTenant: 6000, windowSeconds: 60 },
  satisfactionSurvey: { perAddress: 10, perTenant: 1000, windowSeconds: 3600 },
  evidenceUpload: { perAddress: 30, perTenant: 3000, windowSeconds: 3600 },
  complainantEvidence: { perAddress: 10, perTenant: 1000, windowSeconds: 3600 },
  publicTenant: { perAddress: 60, perTenant: 6000, windowSeconds: 60 },
  complainantMessage: { perAddress: 20, perTenant: 2000, windowSeconds: 3600 },
};

/** Where evidence files are kept: a table of the database (nothing else to run), or an S3-compatible bucket. */
export type FileStoreSettings =
  | { kind: 'postgres' }
  | {
      kind: 's3';
      bucket: string;
      region: string;
      /** An S3-compatible service's URL; unset: AWS S3 of the region. */
      endpoint?: string;
      /** Unset: the AWS SDK's default credential chain (environment, instance role…). */
      accessKeyId?: string;
      secretAccessKey?: string;
      /** `https://host/bucket/key` rather than `https://bucket.host/key` (most S3-compatible servers want it). */
      forcePathStyle: boolean;
      /** Put before every object key, e.g. `redress/`. */
      keyPrefix: string;
    };

/** Evidence files: what an upload may be, how long it waits to be attached, and how much a complaint and a tenant may keep. */
export interface FileSettings {
  store: FileStoreSettings;
  /** Largest file accepted by `POST /files/uploads`; a larger body is refused (413) as soon as it passes this. */
  maxUploadBytes: number;
  /** How long a staged upload may wait to be attached before the sweeper deletes it with its bytes. */
  uploadTtlSeconds: number;
  /** Media types accepted, as detected from the bytes (the claimed type must agree). */
  allowedTypes: string[];
  /** Where an upload's body is written while it arrives; unset: the system's temporary folder. */
  uploadTmpDir?: string;
  /** Images larger than this many pixels get no thumbnail (decoding them would cost too much). */
  maxImagePixels: number;
  /** How long a download URL handed out by the API stays valid. */
  urlTtlSeconds: number;
  /** Files and bytes one complaint may hold; 0: no limit. */
  perComplaint: { maxFiles: number; maxBytes: number };
  /** Bytes of evidence one tenant may hold; 0: no limit. */
  perTenantMaxBytes: number;
}

export const DEFAULT_ALLOWED_UPLOAD_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'image/heic',
  'image/heif',
  'application/pdf',
];

export const DEFAULT_FILE_SETTINGS: FileSettings = {
  store: { kind: 'postgres' },
  maxUploadBytes: 10 * 1024 * 1024,
  uploadTtlSeconds: 24 * 3600,
  allowedTypes: DEFAULT_ALLOWED_UPLOAD_TYPES,
  maxImagePixels: 50_000_000,
  urlTtlSeconds: 300,
  perComplaint: { maxFiles: 20, maxBytes: 100 * 1024 * 1024 },
  perTenantMaxBytes: 0,
};

export function fileSettings(config: Pick<Config, 'files'>): FileSettings {
  return { ...DEFAULT_FILE_SETTINGS, ...config.files };
}

/**
 * A week: someone who works every day renews through the working week without signing in
 * again, yet a leaked token, or a device left signed in, stops being renewable within days.
 */
export const DEFAULT_SESSION_MAX_AGE_SECONDS = 7 * 24 * 3600;

/** How long a stopping server waits for the requests in flight (SHUTDOWN_GRACE_MS). */
export const DEFAULT_SHUTDOWN_GRACE_MS = 10_000;

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'postgres:' || url.protocol === 'postgresql:';
  } catch {
    return false;
  }
}, 'must be a postgres:// or postgresql:// URL');

/** A count of attempts or requests; 0 turns that limit off. */
const limit = (fallback: number) => z.coerce.number().int().min(0).max(1_000_000).default(fallback);
/** A window or block in seconds. */
const seconds = (fallback: number) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 3600)
    .default(fallback);

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: postgresUrl.optional(),
  APP_DATABASE_URL: postgresUrl.optional(),
  DATABASE_SESSION_URL: postgresUrl.optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(1).max(65535).default(5433),
  TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  SESSION_MAX_AGE_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(90 * 24 * 3600)
    .default(DEFAULT_SESSION_MAX_AGE_SECONDS),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ message: 'each origin must be a URL such as https://desk.example.com' }))),
  GRAPHQL_INTROSPECTION: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  EXPOSE_STATEMENT_COUNT: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  SEED_DEMO: z.enum(['auto', 'false']).default('auto'),
  JOB_POLL_INTERVAL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  JOB_CONCURRENCY: z.coerce.number().int().min(0).max(32).default(2),
  // Database connections: how many, and how long anything may wait on or hold one.
  DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(20),
  DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  READY_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(DEFAULT_SHUTDOWN_GRACE_MS),
  HEALTH_MAX_EVENT_LOOP_DELAY_MS: z.coerce.number().int().min(50).max(60_000).default(2000),
  WS_MAX_PAYLOAD_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(100 * 1024 * 1024)
    .default(1024 * 1024),
  WS_MAX_SUBSCRIPTIONS_PER_CONNECTION: z.coerce.number().int().min(1).max(10_000).default(100),
  WS_MAX_CONNECTIONS_PER_CREDENTIAL: z.coerce.number().int().min(1).max(10_000).default(20),
  WEB_ROOT: z.string().min(1).optional(),
  METRICS_ENABLED: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  TRUST_PROXY: z
    .string()
    .default('false')
    .refine((v) => /^(true|false|\d{1,2})$/.test(v), 'must be false, true or the number of proxies in front (0-99)')
    .transform((v) => (v === 'false' ? 0 : v === 'true' ? 1 : Number(v))),
  SMTP_URL: z
    .string()
    .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).max(320).default('Redress <no-reply@redress.invalid>'),
  SMTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  WEBHOOK_ALLOW_PRIVATE_ADDRESSES: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  WEBHOOK_SECRET_OVERLAP_SECONDS: z.coerce
    .number()
    .int()
    .min(0)
    .max(30 * 24 * 3600)
    .default(24 * 3600),
  NOTIFICATION_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(8),
  NOTIFICATION_RETRY_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(30_000),
  NOTIFICATION_RETRY_MAX_MS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3_600_000)
    .default(6 * 3_600_000),
  NOTIFICATION_CONCURRENCY: z.coerce.number().int().min(0).max(64).default(4),
  RATE_LIMIT_LOGIN_ACCOUNT_FAILURES: limit(DEFAULT_RATE_LIMITS.login.accountFailures),
  RATE_LIMIT_LOGIN_ADDRESS_FAILURES: limit(DEFAULT_RATE_LIMITS.login.addressFailures),
  RATE_LIMIT_LOGIN_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.login.windowSeconds),
  RATE_LIMIT_LOGIN_BLOCK_SECONDS: seconds(DEFAULT_RATE_LIMITS.login.blockSeconds),
  RATE_LIMIT_LOGIN_MAX_BLOCK_SECONDS: seconds(DEFAULT_RATE_LIMITS.login.maxBlockSeconds),
  RATE_LIMIT_SUBMIT_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.submitComplaint.perAddress),
  RATE_LIMIT_SUBMIT_PER_TENANT: limit(DEFAULT_RATE_LIMITS.submitComplaint.perTenant),
  RATE_LIMIT_SUBMIT_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.submitComplaint.windowSeconds),
  RATE_LIMIT_STATUS_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.complaintStatus.perAddress),
  RATE_LIMIT_STATUS_PER_TENANT: limit(DEFAULT_RATE_LIMITS.complaintStatus.perTenant),
  RATE_LIMIT_STATUS_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.complaintStatus.windowSeconds),
  RATE_LIMIT_SURVEY_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.satisfactionSurvey.perAddress),
  RATE_LIMIT_SURVEY_PER_TENANT: limit(DEFAULT_RATE_LIMITS.satisfactionSurvey.perTenant),
  RATE_LIMIT_SURVEY_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.satisfactionSurvey.windowSeconds),
  RATE_LIMIT_UPLOAD_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.evidenceUpload.perAddress),
  RATE_LIMIT_UPLOAD_PER_TENANT: limit(DEFAULT_RATE_LIMITS.evidenceUpload.perTenant),
  RATE_LIMIT_UPLOAD_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.evidenceUpload.windowSeconds),
  RATE_LIMIT_EVIDENCE_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.complainantEvidence.perAddress),
  RATE_LIMIT_EVIDENCE_PER_TENANT: limit(DEFAULT_RATE_LIMITS.complainantEvidence.perTenant),
  RATE_LIMIT_EVIDENCE_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.complainantEvidence.windowSeconds),
  FILE_STORE: z.enum(['postgres', 's3']).default('postgres'),
  S3_ENDPOINT: z.url({ message: 'must be a URL such as http://127.0.0.1:9000' }).optional(),
  S3_BUCKET: z.string().min(3).max(63).optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  S3_KEY_PREFIX: z.string().max(200).default(''),
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 ** 3)
    .default(DEFAULT_FILE_SETTINGS.maxUploadBytes),
  UPLOAD_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(DEFAULT_FILE_SETTINGS.uploadTtlSeconds),
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .default(DEFAULT_ALLOWED_UPLOAD_TYPES.join(','))
    .transform((value) =>
      value
        .split(',')
        .map((type) => type.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z]+\/[a-z0-9.+-]+$/, 'each type must be a media type such as image/png')).min(1)),
  UPLOAD_TMP_DIR: z.string().min(1).optional(),
  UPLOAD_MAX_IMAGE_PIXELS: z.coerce.number().int().min(1).max(1_000_000_000).default(DEFAULT_FILE_SETTINGS.maxImagePixels),
  FILE_URL_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(10)
    .max(7 * 24 * 3600)
    .default(DEFAULT_FILE_SETTINGS.urlTtlSeconds),
  EVIDENCE_MAX_FILES_PER_COMPLAINT: limit(DEFAULT_FILE_SETTINGS.perComplaint.maxFiles),
  EVIDENCE_MAX_BYTES_PER_COMPLAINT: z.coerce.number().int().min(0).default(DEFAULT_FILE_SETTINGS.perComplaint.maxBytes),
  EVIDENCE_MAX_BYTES_PER_TENANT: z.coerce.number().int().min(0).default(DEFAULT_FILE_SETTINGS.perTenantMaxBytes),
  RATE_LIMIT_TENANT_PAGE_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.publicTenant.perAddress),
  RATE_LIMIT_TENANT_PAGE_PER_TENANT: limit(DEFAULT_RATE_LIMITS.publicTenant.perTenant),
  RATE_LIMIT_TENANT_PAGE_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.publicTenant.windowSeconds),
  RATE_LIMIT_MESSAGE_PER_ADDRESS: limit(DEFAULT_RATE_LIMITS.complainantMessage.perAddress),
  RATE_LIMIT_MESSAGE_PER_TENANT: limit(DEFAULT_RATE_LIMITS.complainantMessage.perTenant),
  RATE_LIMIT_MESSAGE_WINDOW_SECONDS: seconds(DEFAULT_RATE_LIMITS.complainantMessage.windowSeconds),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  port: number;
  host: string;
  /** Set: connect to this server as the migration owner. Unset: start the embedded PostgreSQL. */
  databaseUrl?: string;
  /** Optional explicit runtime (non-owner) connection; derived from databaseUrl when absent. */
  appDatabaseUrl?: string;
  /**
   * A direct connection to the same database for what needs a session of its own: LISTEN,
   * the job queue, migrations. Set apart from databaseUrl when that leads to a transaction
   * pooler (PgBouncer); databaseUrl when absent.
   */
  databaseSessionUrl?: string;
  dataDir: string;
  embeddedDbPort: number;
  /** Unset only in embedded mode, where one is generated and kept in the data folder. */
  tokenSecret?: string;
  tokenTtlSeconds: number;
  /** How long after a sign-in `renewToken` still issues tokens; DEFAULT_SESSION_MAX_AGE_SECONDS when unset. */
  sessionMaxAgeSeconds?: number;
  logLevel: (typeof LOG_LEVELS)[number];
  allowedOrigins: string[];
  introspection: boolean;
  /** Adds `extensions.sqlStatements` to each response: for tests and benchmarks, not production. */
  exposeStatementCount: boolean;
  /** auto: at start-up (main.ts), seed the demo tenants when the database has no tenant yet; `startApp` alone never seeds. */
  seedDemo: 'auto' | 'false';
  /** How often the job queue looks for timers that came due. */
  jobPollIntervalMs?: number;
  /** Timer jobs run at once by this process; 0 leaves the queue to other processes. */
  jobConcurrency?: number;
  /** The runtime pool and its limits; see `databaseLimits` for the defaults. */
  database?: Partial<DatabaseLimits>;
  /** /readyz answers 503 when no connection answers within this time. */
  readyTimeoutMs?: number;
  /** How long a stopping server waits for the requests in flight before cutting them off. */
  shutdownGraceMs?: number;
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
  /** The built console (web/dist); default: the repository's web/dist next to the server. */
  webRoot?: string;
  /**
   * How many reverse proxies in front of the server append to X-Forwarded-For; 0 (the
   * default) takes the client address from the socket and ignores the header.
   */
  trustProxy?: number;
  /** Rate limits; DEFAULT_RATE_LIMITS when absent. */
  rateLimits?: RateLimitSettings;
  /** Evidence files and their storage; see `fileSettings` for the defaults. */
  files?: Partial<FileSettings>;
  /** Mail, webhooks and their retries; see `notificationSettings` for the defaults. */
  notifications?: Partial<NotificationSettings>;
}

/** How notifications leave the server (see README, Notifications). */
export interface NotificationSettings {
  /** Unset: mail is kept in the database (status KEPT, `sentMail`) instead of sent. */
  smtpUrl: string | null;
  mailFrom: string;
  smtpTimeoutMs: number;
  webhookTimeoutMs: number;
  /** Lets webhooks reach private, loopback and link-local addresses (off: only public unicast). */
  webhookAllowPrivateAddresses: boolean;
  /** After `rotateWebhookSecret`, how long the previous secret still signs beside the new one. */
  webhookSecretOverlapSeconds: number;
  /** Attempts per mail or webhook delivery before it is marked FAILED. */
  maxAttempts: number;
  /** Back-off before retry n: retryBaseMs × 2^(n−1), at most retryMaxMs. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Deliveries this process sends at once; 0 leaves them to other processes. */
  concurrency: number;
}

export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  smtpUrl: null,
  mailFrom: 'Redress <no-reply@redress.invalid>',
  smtpTimeoutMs: 10_000,
  webhookTimeoutMs: 10_000,
  webhookAllowPrivateAddresses: false,
  webhookSecretOverlapSeconds: 24 * 3600,
  maxAttempts: 8,
  retryBaseMs: 30_000,
  retryMaxMs: 6 * 3_600_000,
  concurrency: 4,
};

export function notificationSettings(config: Pick<Config, 'notifications'>): NotificationSettings {
  return { ...DEFAULT_NOTIFICATION_SETTINGS, ...config.notifications };
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
  if (e.FILE_STORE === 's3' && !e.S3_BUCKET) {
    throw new ConfigError(['S3_BUCKET: required when FILE_STORE is s3']);
  }
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new ConfigError(['S3_ACCESS_KEY_ID / S3_SECRET_ACCESS_KEY: give both or neither']);
  }
  if (e.DATABASE_SESSION_URL && !e.DATABASE_URL) {
    throw new ConfigError(['DATABASE_SESSION_URL: needs DATABASE_URL too (the connection it stands beside)']);
  }
  if (e.DATABASE_URL && !e.TOKEN_SECRET) {
    throw new ConfigError(['TOKEN_SECRET: required when DATABASE_URL is set (every server process must sign tokens with the same secret)']);
  }
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabaseUrl: e.APP_DATABASE_URL,
    databaseSessionUrl: e.DATABASE_SESSION_URL,
    dataDir: e.DATA_DIR,
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    tokenSecret: e.TOKEN_SECRET,
    tokenTtlSeconds: e.TOKEN_TTL_SECONDS,
    sessionMaxAgeSeconds: e.SESSION_MAX_AGE_SECONDS,
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
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    healthMaxEventLoopDelayMs: e.HEALTH_MAX_EVENT_LOOP_DELAY_MS,
    wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
    wsMaxSubscriptionsPerConnection: e.WS_MAX_SUBSCRIPTIONS_PER_CONNECTION,
    wsMaxConnectionsPerCredential: e.WS_MAX_CONNECTIONS_PER_CREDENTIAL,
    metricsEnabled: e.METRICS_ENABLED,
    webRoot: e.WEB_ROOT,
    trustProxy: e.TRUST_PROXY,
    notifications: {
      smtpUrl: e.SMTP_URL ?? null,
      mailFrom: e.MAIL_FROM,
      smtpTimeoutMs: e.SMTP_TIMEOUT_MS,
      webhookTimeoutMs: e.WEBHOOK_TIMEOUT_MS,
      webhookAllowPrivateAddresses: e.WEBHOOK_ALLOW_PRIVATE_ADDRESSES,
      webhookSecretOverlapSeconds: e.WEBHOOK_SECRET_OVERLAP_SECONDS,
      maxAttempts: e.NOTIFICATION_MAX_ATTEMPTS,
      retryBaseMs: e.NOTIFICATION_RETRY_BASE_MS,
      retryMaxMs: Math.max(e.NOTIFICATION_RETRY_MAX_MS, e.NOTIFICATION_RETRY_BASE_MS),
      concurrency: e.NOTIFICATION_CONCURRENCY,
    },
    rateLimits: {
      login: {
        accountFailures: e.RATE_LIMIT_LOGIN_ACCOUNT_FAILURES,
        addressFailures: e.RATE_LIMIT_LOGIN_ADDRESS_FAILURES,
        windowSeconds: e.RATE_LIMIT_LOGIN_WINDOW_SECONDS,
        blockSeconds: e.RATE_LIMIT_LOGIN_BLOCK_SECONDS,
        maxBlockSeconds: Math.max(e.RATE_LIMIT_LOGIN_MAX_BLOCK_SECONDS, e.RATE_LIMIT_LOGIN_BLOCK_SECONDS),
      },
      submitComplaint: {
        perAddress: e.RATE_LIMIT_SUBMIT_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_SUBMIT_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_SUBMIT_WINDOW_SECONDS,
      },
      complaintStatus: {
        perAddress: e.RATE_LIMIT_STATUS_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_STATUS_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_STATUS_WINDOW_SECONDS,
      },
      satisfactionSurvey: {
        perAddress: e.RATE_LIMIT_SURVEY_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_SURVEY_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_SURVEY_WINDOW_SECONDS,
      },
      evidenceUpload: {
        perAddress: e.RATE_LIMIT_UPLOAD_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_UPLOAD_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_UPLOAD_WINDOW_SECONDS,
      },
      complainantEvidence: {
        perAddress: e.RATE_LIMIT_EVIDENCE_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_EVIDENCE_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_EVIDENCE_WINDOW_SECONDS,
      },
      publicTenant: {
        perAddress: e.RATE_LIMIT_TENANT_PAGE_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_TENANT_PAGE_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_TENANT_PAGE_WINDOW_SECONDS,
      },
      complainantMessage: {
        perAddress: e.RATE_LIMIT_MESSAGE_PER_ADDRESS,
        perTenant: e.RATE_LIMIT_MESSAGE_PER_TENANT,
        windowSeconds: e.RATE_LIMIT_MESSAGE_WINDOW_SECONDS,
      },
    },
    files: {
      store:
        e.FILE_STORE === 's3'
          ? {
              kind: 's3',
              bucket: e.S3_BUCKET!,
              region: e.S3_REGION,
              endpoint: e.S3_ENDPOINT,
              accessKeyId: e.S3_ACCESS_KEY_ID,
              secretAccessKey: e.S3_SECRET_ACCESS_KEY,
              forcePathStyle: e.S3_FORCE_PATH_STYLE,
              keyPrefix: e.S3_KEY_PREFIX,
            }
          : { kind: 'postgres' },
      maxUploadBytes: e.UPLOAD_MAX_BYTES,
      uploadTtlSeconds: e.UPLOAD_TTL_SECONDS,
      allowedTypes: e.UPLOAD_ALLOWED_TYPES,
      uploadTmpDir: e.UPLOAD_TMP_DIR,
      maxImagePixels: e.UPLOAD_MAX_IMAGE_PIXELS,
      urlTtlSeconds: e.FILE_URL_TTL_SECONDS,
      perComplaint: { maxFiles: e.EVIDENCE_MAX_FILES_PER_COMPLAINT, maxBytes: e.EVIDENCE_MAX_BYTES_PER_COMPLAINT },
      perTenantMaxBytes: e.EVIDENCE_MAX_BYTES_PER_TENANT,
    },
  };
}
