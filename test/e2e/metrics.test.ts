import 'reflect-metadata';
import { TenantTransaction } from '../../server/src/db/tenant-transaction';
import { rateLimitRefusals } from '../../server/src/metrics/metrics';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { COMPLAINT_STATUS_CHANGED, LiveClients, TrackedComplaint } from '../support/live-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/** /metrics: Prometheus text for operators, with bounded labels and no tenant data. */
let server: TestServer;
let tenant: { slug: string; staff: Staff };
const clients = new LiveClients(() => server.url);

beforeAll(async () => {
  // The queue is not worked here, so a job made due stays due.
  server = await startTestServer({ jobConcurrency: 0 });
  tenant = await createStaffedTenant(server, 'metered');
});

afterAll(async () => {
  await clients.closeAll();
  await server?.stop();
});

async function scrape(): Promise<{ text: string; value(name: string, labels?: Record<string, string>): number | undefined }> {
  const response = await fetch(server.url.replace(/\/graphql$/, '/metrics'));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  const text = await response.text();
  return {
    text,
    value(name, labels = {}) {
      for (const line of text.split('\n')) {
        const match = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
        if (!match || match[1] !== name) continue;
        const have = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
        if (Object.entries(labels).every(([key, value]) => have[key] === value)) return Number(match[3]);
      }
      return undefined;
    },
  };
}

it('counts operations and errors, and reads pool, transactions, job backlog and live gauges at scrape time', async () => {
  const complaint = await TrackedComplaint.file(server, tenant.staff.agent);
  const before = await scrape();
  const tenantQueries = before.value('redress_graphql_operations_total', { transport: 'http', type: 'query', operation: 'tenant' }) ?? 0;

  // Two named `tenant` queries, one anonymous; a refused one; one whose name is the client's own text.
  for (let i = 0; i < 2; i++) await server.request('query Tenant { tenant { slug } }', {}, { token: tenant.staff.agent });
  await server.request('{ tenant { slug } }', {}, { token: tenant.staff.agent });
  expect((await server.request('{ complaints { totalCount } }')).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  await server.request('query Secret13800138000 { a: __typename b: __typename }');
  await server.request('{ tenant { slug');

  // One WebSocket connection with one live subscription, one open transaction, one job overdue by five minutes.
  const live = await clients.with({ tenantSlug: tenant.slug, trackingCode: complaint.current.trackingCode });
  await live.subscribe(COMPLAINT_STATUS_CHANGED, { slug: tenant.slug, code: complaint.current.trackingCode });
  await waitForSubscribers(server.app.live.hub, 1);
  const refusedOverWs = await live.subscribe('{ complaint { id } }');
  await refusedOverWs.done();
  const tx = new TenantTransaction(server.app.dataSource, server.clock, { tenantId: null, userId: null });
  await tx.query('SELECT 1');
  await server.ownerQuery(`SELECT graphile_worker.add_job('deadline-reminder', '{}'::json, run_at := now() - interval '5 minutes')`);
  rateLimitRefusals.inc({ limit: 'metrics-test' });

  const during = await scrape();
  await tx.finish(true);
  const after = await scrape();

  expect(during.value('redress_graphql_operations_total', { transport: 'http', type: 'query', operation: 'tenant' })).toBe(
    tenantQueries + 3,
  );
  expect(during.value('redress_graphql_operation_duration_seconds_count', { transport: 'http', type: 'query', operation: 'tenant' })).toBe(
    tenantQueries + 3,
  );
  expect(during.value('redress_graphql_operations_total', { transport: 'http', type: 'query', operation: 'other' })).toBeGreaterThanOrEqual(
    1,
  );
  expect(
    during.value('redress_graphql_operations_total', { transport: 'http', type: 'unknown', operation: 'unparsed' }),
  ).toBeGreaterThanOrEqual(1);
  expect(
    during.value('redress_graphql_operations_total', { transport: 'ws', type: 'subscription', operation: 'complaintStatusChanged' }),
  ).toBe(1);
  expect(during.value('redress_graphql_errors_total', { transport: 'http', code: 'UNAUTHENTICATED' })).toBeGreaterThanOrEqual(1);
  expect(during.value('redress_graphql_errors_total', { transport: 'http', code: 'GRAPHQL_PARSE_FAILED' })).toBeGreaterThanOrEqual(1);
  expect(during.value('redress_graphql_errors_total', { transport: 'ws', code: 'GRAPHQL_VALIDATION_FAILED' })).toBe(1);

  expect(during.value('redress_db_transactions_open')).toBe(1);
  expect(after.value('redress_db_transactions_open')).toBe(0);
  expect(during.value('redress_db_pool_in_use')).toBeGreaterThanOrEqual(1);
  expect(during.value('redress_db_pool_idle')).toBeGreaterThanOrEqual(0);
  expect(during.value('redress_db_pool_waiting')).toBe(0);
  expect(during.value('redress_jobs_due')).toBe(1);
  expect(during.value('redress_jobs_oldest_due_seconds')).toBeGreaterThanOrEqual(299);
  expect(during.value('redress_live_connections')).toBe(1);
  expect(during.value('redress_live_subscriptions')).toBe(1);
  expect(during.value('redress_rate_limit_refusals_total', { limit: 'metrics-test' })).toBe(1);

  // Nothing of a tenant or a person, and no label value the client chose.
  const tenantId = (await server.ownerQuery('SELECT id FROM tenants WHERE slug = $1', [tenant.slug]))[0].id;
  for (const secret of [tenant.slug, tenantId, complaint.current.trackingCode, 'Secret13800138000', '13800138000']) {
    expect(during.text).not.toContain(secret);
  }
  await live.close();
});

it('is not served when turned off', async () => {
  const quiet = await startTestServer({ metricsEnabled: false, jobConcurrency: 0 });
  try {
    expect((await fetch(quiet.url.replace(/\/graphql$/, '/metrics'))).status).toBe(404);
  } finally {
    await quiet.stop();
  }
});
