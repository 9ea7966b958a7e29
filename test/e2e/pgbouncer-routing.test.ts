import { Client } from 'pg';
import { DEFAULT_RUNTIME_ROLE, deriveRuntimePassword } from '../../server/src/db/runtime-role';
import { inScopedTransaction } from '../../server/src/db/tenant-transaction';
import { startPgBouncer, type RunningPgBouncer } from '../support/pgbouncer';
import { systemBinaryOrSkip } from '../support/system-binary';
import { TEST_TOKEN_SECRET, createTestDatabase, sessionUrlOf } from '../support/test-database';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A server whose DATABASE_URL is PgBouncer in transaction pooling mode and whose
 * DATABASE_SESSION_URL is PostgreSQL itself: its transactions go through PgBouncer, what
 * needs a session of its own (the live listener's LISTEN, the job queue) does not, and the
 * pool's timeouts hold although its connections cannot carry them. (`npm run
 * test:pgbouncer` runs the whole end-to-end suite this way.)
 */
const binary = systemBinaryOrSkip('pgbouncer', 'REQUIRE_PGBOUNCER', 'apt-get install pgbouncer');
const describeWithPgBouncer = binary ? describe : describe.skip;

describeWithPgBouncer('a server behind PgBouncer in transaction pooling mode', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let bouncer: RunningPgBouncer;
  let server: TestServer;
  let direct: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    direct = sessionUrlOf(database.url);
    const owner = new URL(direct);
    bouncer = await startPgBouncer(
      binary!,
      direct,
      {
        [decodeURIComponent(owner.username)]: decodeURIComponent(owner.password),
        [DEFAULT_RUNTIME_ROLE]: deriveRuntimePassword(TEST_TOKEN_SECRET),
      },
      { adminUser: decodeURIComponent(owner.username) },
    );
    server = await startTestServer(
      { databaseSessionUrl: direct, database: { statementTimeoutMs: 500 } },
      { database: { url: bouncer.urlFor(direct), drop: async () => undefined } },
    );
    await server.createTenant('pooled');
  });

  afterAll(async () => {
    await server?.stop();
    await bouncer?.stop();
    await database?.drop();
  });

  /** PgBouncer's console: its connections to PostgreSQL, each with the backend's pid. */
  async function serverPids(): Promise<number[]> {
    const console = new Client({ connectionString: bouncer.urlFor(direct).replace(/\/[^/?]*(\?|$)/, '/pgbouncer$1') });
    await console.connect();
    try {
      const { rows } = await console.query('SHOW SERVERS');
      return rows.filter((row) => row.database === database.name).map((row) => Number(row.remote_pid));
    } finally {
      await console.end();
    }
  }

  const scope = { tenantId: null, userId: null };

  it("runs the pool's transactions on PgBouncer's connections", async () => {
    await inScopedTransaction(server.app.dataSource, server.clock, scope, async (tx) => {
      const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      expect(await serverPids()).toContain(pid);
    });
  });

  it('keeps the live listener and the job queue on connections of their own to PostgreSQL', async () => {
    const listener = server.app.live.listener.pid;
    expect(listener).toEqual(expect.any(Number));
    const [jobs] = await server.ownerQuery(
      `SELECT array_agg(pid) AS pids FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'redress-jobs'`,
    );
    expect(jobs.pids?.length).toBeGreaterThan(0);
    const viaBouncer = await serverPids();
    expect(viaBouncer).not.toContain(listener);
    for (const pid of jobs.pids) expect(viaBouncer).not.toContain(pid);
  });

  it('cancels a statement past DB_STATEMENT_TIMEOUT_MS, which the transaction sets for itself', async () => {
    await expect(
      inScopedTransaction(server.app.dataSource, server.clock, scope, (tx) => tx.query('SELECT pg_sleep(3)')),
    ).rejects.toMatchObject({ driverError: expect.objectContaining({ code: '57014' }) });
  });

  it('leaves no timeout behind on the connection for its next client', async () => {
    await inScopedTransaction(server.app.dataSource, server.clock, scope, (tx) => tx.query('SELECT 1'));
    const plain = new Client({ connectionString: direct });
    await plain.connect();
    const { rows: serverDefault } = await plain.query('SHOW statement_timeout');
    await plain.end();
    const pooled = await server.app.dataSource.query('SHOW statement_timeout');
    expect(pooled).toEqual(serverDefault);
  });
});
