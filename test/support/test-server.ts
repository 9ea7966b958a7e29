import type { ComplaintPlugin } from '@redress/plugin-api';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import { startApp, type RunningApp } from '../../server/src/app';
import type { Config, RateLimitSettings } from '../../server/src/config/config';
import { deriveRuntimePassword, runtimeUrlFromOwnerUrl } from '../../server/src/db/runtime-role';
import { DEMO_PLATFORM_ADMIN, seedPlatformAdmin } from '../../server/src/seed/demo-seed';
import { createOwnerDataSource } from '../../server/src/db/data-sources';
import { SettableClock } from '../../server/src/time/clock';
import { TEST_TOKEN_SECRET, createTestDatabase, sessionUrlOf } from './test-database';

/**
 * Where a test server's clock starts unless a test names another instant: Wednesday
 * 25 November 2026, 10:00 in Shanghai. Tests never depend on the real date; the clock runs
 * on from here at the real pace and tests move it with `server.clock`.
 */
export const TEST_EPOCH = new Date('2026-11-25T02:00:00Z');

export interface GraphQLResponse<T = any> {
  status: number;
  data: T;
  errors?: { message: string; extensions?: { code?: string }; path?: string[] }[];
  extensions?: { sqlStatements?: number };
}

export interface TestServer {
  app: RunningApp;
  /** The business clock the server runs on. */
  clock: SettableClock;
  url: string;
  /** Owner connection to this spec's database, for assertions that must see every row. */
  ownerUrl: string;
  /** The same as a direct connection (ownerUrl itself unless the suite runs through a pooler): DATABASE_SESSION_URL. */
  sessionUrl: string;
  /** The runtime role's URL, for tests that query the database without the application. */
  runtimeUrl: string;
  request<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: { token?: string; headers?: Record<string, string> },
  ): Promise<GraphQLResponse<T>>;
  platformAdminToken(): Promise<string>;
  login(email: string, password: string, tenantSlug?: string): Promise<string>;
  /** Creates a tenant through the API and returns its admin's token. */
  createTenant(slug: string): Promise<{ slug: string; adminEmail: string; adminToken: string }>;
  /** A statement as the owner, on the server's clock (`app_now()`). */
  ownerQuery<T = any>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Stops the application only, as a server process going down; its database stays. */
  stopApp(): Promise<void>;
  /** Starts the application again on the same port, database and clock; `app` and `url` refer to it. */
  startAppAgain(): Promise<void>;
  stop(): Promise<void>;
}

export const TEST_PASSWORD = 'correct-horse-battery';

/**
 * Test servers answer every request a test makes: rate limits are off (0) unless a test sets
 * its own (the hostile suites do, to prove them).
 */
export const NO_RATE_LIMITS: RateLimitSettings = {
  login: { accountFailures: 0, addressFailures: 0, windowSeconds: 3600, blockSeconds: 30, maxBlockSeconds: 3600 },
  submitComplaint: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
  complaintStatus: { perAddress: 0, perTenant: 0, windowSeconds: 60 },
  satisfactionSurvey: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
  evidenceUpload: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
  complainantEvidence: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
  publicTenant: { perAddress: 0, perTenant: 0, windowSeconds: 60 },
  complainantMessage: { perAddress: 0, perTenant: 0, windowSeconds: 3600 },
};

export function testConfig(databaseUrl: string, overrides: Partial<Config> = {}): Config {
  const sessionUrl = sessionUrlOf(databaseUrl);
  return {
    port: 0,
    host: '127.0.0.1',
    databaseUrl,
    ...(sessionUrl !== databaseUrl ? { databaseSessionUrl: sessionUrl } : {}),
    dataDir: '.data-unused',
    embeddedDbPort: 1,
    tokenSecret: TEST_TOKEN_SECRET,
    tokenTtlSeconds: 3600,
    logLevel: 'silent',
    allowedOrigins: [],
    introspection: true,
    exposeStatementCount: true,
    seedDemo: 'false',
    rateLimits: NO_RATE_LIMITS,
    ...overrides,
  };
}

/** `TestServer.request` against another GraphQL endpoint (another process, a load balancer). */
export function requestTo(url: string): TestServer['request'] {
  return async (query, variables = {}, options = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as GraphQLResponse;
    return { ...body, status: response.status };
  };
}

/** A real server on a real port, over its own fresh database. */
export async function startTestServer(
  overrides: Partial<Config> = {},
  options: {
    plugins?: ComplaintPlugin[];
    clock?: SettableClock | Date;
    /** Technical time for token lifetimes and session ages; the system clock when not given. */
    tokenTime?: () => Date;
    /** A database of the test's own (e.g. on a PostgreSQL it stops and starts); a fresh one otherwise. */
    database?: { url: string; drop(): Promise<void> };
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  const clock = options.clock instanceof SettableClock ? options.clock : new SettableClock(options.clock ?? TEST_EPOCH);
  const launch = (port: number) =>
    startApp(testConfig(database.url, { ...overrides, port }), pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }), {
      plugins: options.plugins,
      clock,
      tokenTime: options.tokenTime,
    });
  let app = await launch(overrides.port ?? 0);
  let running = true;
  // A restarted application listens where the first one did, as a restarted process would.
  const port = Number(new URL(app.url).port);
  // Direct, not through a pooler: a test's session settings (SET enable_seqscan) stay its own.
  const owner = new Client({ connectionString: sessionUrlOf(database.url) });
  // A database a test stops ends this connection too; its error is the test's to see, not the process's.
  owner.on('error', () => undefined);
  await owner.connect();
  let ownerQueue: Promise<unknown> = Promise.resolve();

  const request: TestServer['request'] = (query, variables, options) => requestTo(app.url)(query, variables, options);

  const login = async (email: string, password: string, tenantSlug?: string) => {
    const result = await request(`mutation ($input: LoginInput!) { login(input: $input) { token errors { code message } } }`, {
      input: { email, password, tenantSlug },
    });
    if (!result.data?.login?.token) throw new Error(`login failed: ${JSON.stringify(result)}`);
    return result.data.login.token as string;
  };

  let adminSeeded = false;
  const platformAdminToken = async () => {
    if (!adminSeeded) {
      const ownerSource = createOwnerDataSource(sessionUrlOf(database.url));
      await ownerSource.initialize();
      await seedPlatformAdmin(ownerSource, clock);
      await ownerSource.destroy();
      adminSeeded = true;
    }
    return login(DEMO_PLATFORM_ADMIN.email, DEMO_PLATFORM_ADMIN.password);
  };

  return {
    get app() {
      return app;
    },
    clock,
    get url() {
      return app.url;
    },
    ownerUrl: database.url,
    sessionUrl: sessionUrlOf(database.url),
    runtimeUrl: runtimeUrlFromOwnerUrl(database.url, deriveRuntimePassword(TEST_TOKEN_SECRET)),
    request,
    login,
    platformAdminToken,
    async createTenant(slug) {
      const adminEmail = `admin-${randomUUID().slice(0, 8)}@${slug}.test`;
      const result = await request(
        `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenant { slug } errors { code message field } } }`,
        {
          input: {
            slug,
            name: `Tenant ${slug}`,
            timeZone: 'Asia/Shanghai',
            locale: 'zh-CN',
            admin: { email: adminEmail, password: TEST_PASSWORD, name: `Admin of ${slug}` },
          },
        },
        { token: await platformAdminToken() },
      );
      if (result.data?.createTenant?.errors?.length || !result.data?.createTenant?.tenant) {
        throw new Error(`createTenant failed: ${JSON.stringify(result)}`);
      }
      return { slug, adminEmail, adminToken: await login(adminEmail, TEST_PASSWORD, slug) };
    },
    // Each statement in its own transaction on the server's clock, so that rows a test writes
    // directly take their default timestamps (app_now()) from the same clock as the server's.
    // Calls are queued: the owner connection holds one transaction at a time.
    ownerQuery(sql, params = []) {
      const run = ownerQueue.then(async () => {
        await owner.query('BEGIN');
        try {
          await owner.query(`SELECT set_config('app.now', $1, true)`, [clock.now().toISOString()]);
          const { rows } = await owner.query(sql, params);
          await owner.query('COMMIT');
          return rows;
        } catch (error) {
          await owner.query('ROLLBACK');
          throw error;
        }
      });
      ownerQueue = run.catch(() => undefined);
      return run;
    },
    async stopApp() {
      if (!running) return;
      running = false;
      await app.stop();
    },
    async startAppAgain() {
      if (running) throw new Error('the application is running');
      app = await launch(port);
      running = true;
    },
    async stop() {
      await owner.end();
      if (running) await app.stop();
      running = false;
      await database.drop();
    },
  };
}
