import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { ConfigError, DEFAULT_RATE_LIMITS, loadConfig } from '../../server/src/config/config';

describe('loadConfig', () => {
  it('defaults to the embedded database with nothing set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 4000, databaseUrl: undefined, logLevel: 'info', allowedOrigins: [] });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', ALLOWED_ORIGINS: 'not a url' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual(['ALLOWED_ORIGINS.0', 'DATABASE_URL', 'LOG_LEVEL', 'PORT']);
    }
  });

  it('needs a shared token secret with an external database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x' })).toThrow(/TOKEN_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', TOKEN_SECRET: 'short' })).toThrow(/32/);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', TOKEN_SECRET: 'x'.repeat(32) }).tokenSecret).toHaveLength(32);
  });

  it('takes a direct session connection beside DATABASE_URL, never without it', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ DATABASE_URL: 'postgres://pooler:6432/x', TOKEN_SECRET: secret }).databaseSessionUrl).toBeUndefined();
    expect(
      loadConfig({ DATABASE_URL: 'postgres://pooler:6432/x', DATABASE_SESSION_URL: 'postgres://db:5432/x', TOKEN_SECRET: secret })
        .databaseSessionUrl,
    ).toBe('postgres://db:5432/x');
    expect(() => loadConfig({ DATABASE_SESSION_URL: 'postgres://db:5432/x' })).toThrow(/DATABASE_SESSION_URL: needs DATABASE_URL/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://pooler:6432/x', DATABASE_SESSION_URL: 'http://db', TOKEN_SECRET: secret })).toThrow(
      /DATABASE_SESSION_URL: must be a postgres/,
    );
  });

  it('bounds the database pool and its waits, with defaults', () => {
    expect(loadConfig({})).toMatchObject({
      database: { poolSize: 20, acquireTimeoutMs: 5000, statementTimeoutMs: 15_000, idleInTransactionTimeoutMs: 10_000 },
      readyTimeoutMs: 1000,
      healthMaxEventLoopDelayMs: 2000,
    });
    expect(loadConfig({ DB_POOL_SIZE: '5', DB_ACQUIRE_TIMEOUT_MS: '1500' }).database).toMatchObject({
      poolSize: 5,
      acquireTimeoutMs: 1500,
    });
    try {
      loadConfig({
        DB_POOL_SIZE: '0',
        DB_ACQUIRE_TIMEOUT_MS: 'soon',
        DB_STATEMENT_TIMEOUT_MS: '-1',
        DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: '1.5',
      });
      throw new Error('expected a ConfigError');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual([
        'DB_ACQUIRE_TIMEOUT_MS',
        'DB_IDLE_IN_TRANSACTION_TIMEOUT_MS',
        'DB_POOL_SIZE',
        'DB_STATEMENT_TIMEOUT_MS',
      ]);
    }
  });

  it('reads the rate limits and the trusted proxies, with defaults, and refuses nonsense', () => {
    const defaults = loadConfig({});
    expect(defaults.trustProxy).toBe(0);
    expect(defaults.rateLimits).toEqual(DEFAULT_RATE_LIMITS);
    const set = loadConfig({
      TRUST_PROXY: '2',
      RATE_LIMIT_LOGIN_ACCOUNT_FAILURES: '3',
      RATE_LIMIT_LOGIN_BLOCK_SECONDS: '10',
      RATE_LIMIT_SUBMIT_PER_ADDRESS: '0',
      RATE_LIMIT_STATUS_WINDOW_SECONDS: '30',
    });
    expect(set.trustProxy).toBe(2);
    expect(set.rateLimits!.login).toMatchObject({ accountFailures: 3, blockSeconds: 10 });
    expect(set.rateLimits!.submitComplaint.perAddress).toBe(0);
    expect(set.rateLimits!.complaintStatus.windowSeconds).toBe(30);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(1);
    try {
      loadConfig({ TRUST_PROXY: 'yes', RATE_LIMIT_SURVEY_PER_ADDRESS: '-1', RATE_LIMIT_LOGIN_WINDOW_SECONDS: '0' });
      throw new Error('expected a ConfigError');
    } catch (error) {
      const fields = (error as ConfigError).problems.map((p) => p.split(':')[0]);
      expect(fields.sort()).toEqual(['RATE_LIMIT_LOGIN_WINDOW_SECONDS', 'RATE_LIMIT_SURVEY_PER_ADDRESS', 'TRUST_PROXY']);
    }
  });

  it('parses allowed origins', () => {
    expect(loadConfig({ ALLOWED_ORIGINS: 'https://a.example, https://b.example' }).allowedOrigins).toEqual([
      'https://a.example',
      'https://b.example',
    ]);
  });
});

describe('evidence file settings', () => {
  it('keeps files in the database by default, with the documented limits', () => {
    expect(loadConfig({}).files).toEqual({
      store: { kind: 'postgres' },
      maxUploadBytes: 10_485_760,
      uploadTtlSeconds: 86_400,
      allowedTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'image/heif', 'application/pdf'],
      uploadTmpDir: undefined,
      maxImagePixels: 50_000_000,
      urlTtlSeconds: 300,
      perComplaint: { maxFiles: 20, maxBytes: 104_857_600 },
      perTenantMaxBytes: 0,
    });
  });

  it('reads an S3-compatible store and refuses one without a bucket or with half its keys', () => {
    const s3 = loadConfig({
      FILE_STORE: 's3',
      S3_BUCKET: 'evidence',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    });
    expect(s3.files?.store).toEqual({
      kind: 's3',
      bucket: 'evidence',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:9000',
      accessKeyId: 'key',
      secretAccessKey: 'secret',
      forcePathStyle: true,
      keyPrefix: '',
    });
    expect(() => loadConfig({ FILE_STORE: 's3' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'evidence', S3_ACCESS_KEY_ID: 'key' })).toThrow(/give both or neither/);
    expect(() => loadConfig({ UPLOAD_ALLOWED_TYPES: 'image/png, not a type' })).toThrow(/UPLOAD_ALLOWED_TYPES/);
    expect(loadConfig({ UPLOAD_ALLOWED_TYPES: 'Image/PNG, application/pdf' }).files?.allowedTypes).toEqual([
      'image/png',
      'application/pdf',
    ]);
  });
});

describe('the server started with a bad configuration', () => {
  it('prints a clear message and exits 1, without a stack trace', () => {
    const main = path.resolve(__dirname, '../../server/dist/main.js');
    const run = spawnSync(process.execPath, [main], {
      env: { PATH: process.env.PATH, PORT: '99999', LOG_LEVEL: 'chatty' },
      encoding: 'utf8',
      timeout: 20000,
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('Invalid configuration');
    expect(run.stderr).toMatch(/PORT: /);
    expect(run.stderr).toMatch(/LOG_LEVEL: /);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
