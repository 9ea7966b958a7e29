import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import pino from 'pino';
import type { Config } from '../../server/src/config/config';
import type { RunningApp } from '../../server/src/app';
import {
  createOwnerDataSource,
  DEMO_PLATFORM_ADMIN,
  deriveRuntimePassword,
  ensureRuntimeRole,
  runtimeUrlFromOwnerUrl,
  seedPlatformAdmin,
  startApp,
} from './server';

/** The PostgreSQL server the benchmarks run against; each scenario creates its own database in it. */
export const BENCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const BENCH_TOKEN_SECRET = 'bench-token-secret-0123456789abcdefghijklmnop';
export const BENCH_PASSWORD = 'bench-password-123';

export function databaseUrl(base: string, database: string): string {
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

/** A fresh database on the benchmark server, dropped by `drop()`. */
export async function createBenchDatabase(): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  const name = `redress_bench_${randomBytes(5).toString('hex')}`;
  const admin = new Client({ connectionString: BENCH_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return {
    name,
    url: databaseUrl(BENCH_DATABASE_URL, name),
    drop: async () => {
      const client = new Client({ connectionString: BENCH_DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

export interface BenchPlatform {
  app: RunningApp;
  url: string;
  ownerUrl: string;
  runtimeUrl: string;
  request(query: string, variables?: Record<string, unknown>, token?: string): Promise<any>;
  login(email: string, password: string, tenantSlug?: string): Promise<string>;
  /** A tenant created through the API, with members of the given roles; tokens by role. */
  createTenant(
    slug: string,
    roles?: string[],
  ): Promise<{ tenantId: string; tokens: Record<string, string>; userIds: Record<string, string> }>;
  /**
   * Waits until the outbox holds nothing left to deliver (mail and webhook deliveries of
   * earlier changes), so that a timed round does not share the process with their delivery.
   */
  outboxDrained(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The whole compiled server (Express, Apollo, type-graphql, row-level security
 * transactions, DataLoaders) on a free loopback port over a fresh database, logging off.
 */
export async function startBenchPlatform(overrides: Partial<Config> = {}): Promise<BenchPlatform> {
  const database = await createBenchDatabase();
  const runtimeUrl = runtimeUrlFromOwnerUrl(database.url, deriveRuntimePassword(BENCH_TOKEN_SECRET));
  await ensureRuntimeRole(database.url, runtimeUrl);
  const config: Config = {
    port: 0,
    host: '127.0.0.1',
    databaseUrl: database.url,
    dataDir: '.data-unused',
    embeddedDbPort: 1,
    tokenSecret: BENCH_TOKEN_SECRET,
    tokenTtlSeconds: 24 * 3600,
    logLevel: 'silent',
    allowedOrigins: [],
    introspection: true,
    exposeStatementCount: false,
    seedDemo: 'false',
    ...overrides,
  };
  let app: RunningApp;
  try {
    app = await startApp(config, pino({ level: 'silent' }));
  } catch (error) {
    await database.drop();
    throw error;
  }

  const request: BenchPlatform['request'] = async (query, variables = {}, token) => {
    const response = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[] };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body;
  };
  const login = async (email: string, password: string, tenantSlug?: string) => {
    const result = await request(`mutation ($input: LoginInput!) { login(input: $input) { token errors { code message } } }`, {
      input: { email, password, tenantSlug },
    });
    if (!result.data.login.token) throw new Error(`login failed: ${JSON.stringify(result)}`);
    return result.data.login.token as string;
  };

  const ownerSource = createOwnerDataSource(database.url);
  await ownerSource.initialize();
  await seedPlatformAdmin(ownerSource, app.clock);
  await ownerSource.destroy();
  const platformAdmin = await login(DEMO_PLATFORM_ADMIN.email, DEMO_PLATFORM_ADMIN.password);

  return {
    app,
    url: app.url,
    ownerUrl: database.url,
    runtimeUrl,
    request,
    login,
    async createTenant(slug, roles = []) {
      const adminEmail = `admin@${slug}.bench`;
      const created = await request(
        `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenant { id } errors { code message } } }`,
        {
          input: {
            slug,
            name: `Tenant ${slug}`,
            timeZone: 'Asia/Shanghai',
            locale: 'zh-CN',
            admin: { email: adminEmail, password: BENCH_PASSWORD, name: `Admin of ${slug}` },
          },
        },
        platformAdmin,
      );
      if (!created.data.createTenant.tenant) throw new Error(`createTenant failed: ${JSON.stringify(created)}`);
      const admin = await login(adminEmail, BENCH_PASSWORD, slug);
      const tokens: Record<string, string> = { admin };
      const userIds: Record<string, string> = {};
      for (const role of roles) {
        const email = `${role}@${slug}.bench`;
        const invited = await request(
          `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { membership { user { id } } temporaryPassword errors { code message } } }`,
          { input: { email, name: `${role} of ${slug}`, roles: [role] } },
          admin,
        );
        const payload = invited.data.inviteUser;
        if (!payload.temporaryPassword) throw new Error(`inviteUser failed: ${JSON.stringify(invited)}`);
        tokens[role] = await login(email, payload.temporaryPassword, slug);
        userIds[role] = payload.membership.user.id;
      }
      const owner = new Client({ connectionString: database.url });
      await owner.connect();
      const { rows } = await owner.query('SELECT id FROM tenants WHERE slug = $1', [slug]);
      await owner.end();
      return { tenantId: rows[0].id, tokens, userIds };
    },
    async outboxDrained(timeoutMs = 60_000) {
      const owner = new Client({ connectionString: database.url });
      await owner.connect();
      try {
        const until = Date.now() + timeoutMs;
        for (;;) {
          const { rows } = await owner.query<{ pending: string }>(
            `SELECT (SELECT count(*) FROM mail_messages WHERE status = 'PENDING') + (SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDING') AS pending`,
          );
          if (Number(rows[0].pending) === 0) return;
          if (Date.now() > until) throw new Error(`the outbox still holds ${rows[0].pending} deliveries after ${timeoutMs} ms`);
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await owner.end();
      }
    },
    async stop() {
      await app.stop();
      await database.drop();
    },
  };
}
