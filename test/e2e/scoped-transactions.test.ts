import { inScopedTransaction } from '../../server/src/db/tenant-transaction';
import { fileComplaint } from '../support/complaint-fixtures';
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
