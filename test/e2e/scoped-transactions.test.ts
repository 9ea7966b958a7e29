import { inScopedTransaction, TenantTransaction } from '../../server/src/db/tenant-transaction';
import { fileComplaint } from '../support/complaint-fixtures';
import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A scoped transaction reads committed data statement by statement; with `snapshot` every
 * statement reads the same snapshot, so a view assembled from several reads (the public
 * status) never mixes the states before and after a concurrent change.
 */
let server: TestServer;
let tenantId: string;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ adminToken } = await server.createTenant('snapshots'));
  [{ id: tenantId }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'snapshots'`);
  await fileComplaint(server, adminToken);
});

afterAll(async () => {
  await server?.stop();
});

const countIn = (tx: { query(sql: string): Promise<{ n: number }[]> }) =>
  tx.query('SELECT count(*)::int AS n FROM complaints').then(([row]) => row.n);

it.each([
  [false, 'read committed', 1],
  [true, 'repeatable read', 0],
])('snapshot %s: %s, sees %i complaint filed meanwhile', async (snapshot, level, seen) => {
  const scope = { tenantId, userId: null };
  const result = await inScopedTransaction(
    server.app.dataSource,
    server.app.clock,
    scope,
    async (tx) => {
      const [{ transaction_isolation }] = await tx.query('SHOW transaction_isolation');
      const before = await countIn(tx);
      await fileComplaint(server, adminToken);
      return { level: transaction_isolation, added: (await countIn(tx)) - before };
    },
    { snapshot },
  );
  expect(result).toEqual({ level, added: seen });
});

describe('a connection the database ends under an open transaction', () => {
  const scope = () => ({ tenantId, userId: null });
  const terminate = (pid: number) => server.ownerQuery('SELECT pg_terminate_backend($1)', [pid]);
  const probes = () => server.ownerQuery(`SELECT count(*)::int AS n FROM tenant_counters WHERE name LIKE 'probe-%'`).then(([row]) => row.n);

  // Whether the termination reaches the client before or after the COMMIT is sent, PostgreSQL
  // did not carry the COMMIT out: a typed, retryable refusal, and nothing kept.
  it.each([0, 100])('a commit %i ms after the termination is refused as retryable', async (pause) => {
    const tx = new TenantTransaction(server.app.dataSource, server.app.clock, scope());
    const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    await tx.query(`INSERT INTO tenant_counters (tenant_id, name, value) VALUES ($1, $2, 1)`, [tenantId, `probe-${pause}`]);
    await terminate(pid);
    await new Promise((resolve) => setTimeout(resolve, pause));
    await expect(tx.finish(true)).rejects.toMatchObject({ extensions: { code: 'SERVICE_UNAVAILABLE' } });
    expect(await probes()).toBe(0);
  });

  it('a rollback after the statement the termination cut ends quietly', async () => {
    const tx = new TenantTransaction(server.app.dataSource, server.app.clock, scope());
    const [{ pid }] = await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const sleeping = tx.query('SELECT pg_sleep(30)');
    // Terminated once the statement runs, not while it is still on its way (through a pooler
    // the termination could overtake it).
    await poll(
      () => server.ownerQuery(`SELECT query FROM pg_stat_activity WHERE pid = $1 AND state = 'active'`, [pid]),
      (rows) => rows[0]?.query === 'SELECT pg_sleep(30)',
      { timeoutMs: 5000, intervalMs: 10 },
    );
    // Expected before the termination: the statement may fail before the termination's own answer arrives.
    const cut = expect(sleeping).rejects.toMatchObject({ driverError: { code: '57P01' } });
    await terminate(pid);
    await cut;
    await expect(tx.finish(false)).resolves.toBeUndefined();
  });

  it('the pool serves again afterwards', async () => {
    const [{ n }] = await inScopedTransaction(server.app.dataSource, server.app.clock, scope(), (tx) =>
      tx.query('SELECT count(*)::int AS n FROM complaints'),
    );
    expect(n).toBeGreaterThan(0);
  });
});
