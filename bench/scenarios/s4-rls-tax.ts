import { Client } from 'pg';
import { ratioRow } from '../support/compare';
import { bulkComplaints } from '../support/bulk-complaints';
import { databaseUrl, startBenchPlatform } from '../support/platform';
import { progress, runScenario, type ScenarioRow } from '../support/report';
import { median } from '../support/stats';

/**
 * S4 row-level security tax: the same indexed queries over ~1M complaints in ~1k tenants,
 * run by the runtime role under row-level security (tenant from the transaction-local
 * setting, no tenant filter in the SQL) and by a BYPASSRLS role with an explicit
 * `tenant_id = $1`. EXPLAIN must show an index condition on tenant_id and no Seq Scan.
 */
const TENANTS = Number(process.env.BENCH_S4_TENANTS ?? 1000);
const PER_TENANT = Number(process.env.BENCH_S4_PER_TENANT ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const ITERATIONS = 1000;
const BYPASS_ROLE = 'redress_bench_bypass';

interface IndexedQuery {
  name: string;
  /** Under row-level security: the policy supplies the tenant. */
  rls: string;
  /** Bypassing it: the tenant is an explicit filter, $1. */
  explicit: string;
  /** Parameters after the tenant. */
  params: (sample: Sample) => unknown[];
}

interface Sample {
  tenantId: string;
  trackingCode: string;
}

const QUERIES: IndexedQuery[] = [
  {
    name: 'newest 50 of a tenant',
    rls: 'SELECT id, number, status, received_at FROM complaints ORDER BY received_at DESC LIMIT 50',
    explicit: 'SELECT id, number, status, received_at FROM complaints WHERE tenant_id = $1 ORDER BY received_at DESC LIMIT 50',
    params: () => [],
  },
  {
    name: 'count by status',
    rls: `SELECT count(*)::int AS n FROM complaints WHERE status = 'ASSIGNED'`,
    explicit: `SELECT count(*)::int AS n FROM complaints WHERE tenant_id = $1 AND status = 'ASSIGNED'`,
    params: () => [],
  },
  {
    name: 'by tracking code',
    rls: 'SELECT * FROM complaints WHERE tracking_code = $1',
    explicit: 'SELECT * FROM complaints WHERE tenant_id = $1 AND tracking_code = $2',
    params: (sample) => [sample.trackingCode],
  },
];

/** Runs the query under row-level security, in a transaction scoped to the tenant as the server does. */
async function underRls<T>(client: Client, tenantId: string, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', '', true)`, [tenantId]);
  try {
    return await work();
  } finally {
    await client.query('COMMIT');
  }
}

function planProblems(plan: unknown): string[] {
  const text = JSON.stringify(plan);
  const problems: string[] = [];
  if (text.includes('"Seq Scan"')) problems.push('a Seq Scan');
  if (!/"Index Cond":"[^"]*tenant_id/.test(text)) problems.push('no index condition on tenant_id');
  return problems;
}

/** Median planning and execution time PostgreSQL reports (EXPLAIN ANALYZE) for a statement. */
async function serverTimes(run: () => Promise<any>): Promise<{ planning: number; execution: number }> {
  const planning: number[] = [];
  const execution: number[] = [];
  for (let i = 0; i < 200; i++) {
    const [plan] = (await run()).rows[0]['QUERY PLAN'];
    planning.push(plan['Planning Time']);
    execution.push(plan['Execution Time']);
  }
  return { planning: median(planning) * 1000, execution: median(execution) * 1000 };
}

const indexNames = (plan: unknown) => [...new Set([...JSON.stringify(plan).matchAll(/"Index Name":"([^"]+)"/g)].map((m) => m[1]))];

void runScenario(async (cleanup) => {
  progress('S4: starting the platform (migrations, runtime role)');
  const platform = await startBenchPlatform();
  cleanup(() => platform.stop());
  const started = performance.now();
  progress(`S4: generating ${TENANTS} tenants × ${PER_TENANT} complaints`);
  await bulkComplaints(platform.ownerUrl, TENANTS, PER_TENANT);
  const generatedIn = (performance.now() - started) / 1000;
  progress(`S4: generated in ${generatedIn.toFixed(0)} s`);

  const owner = new Client({ connectionString: platform.ownerUrl });
  await owner.connect();
  cleanup(() => owner.end());
  await owner.query(`DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${BYPASS_ROLE}') THEN
      CREATE ROLE ${BYPASS_ROLE} LOGIN NOSUPERUSER BYPASSRLS;
    END IF; END $$`);
  await owner.query(`GRANT CONNECT ON DATABASE ${new URL(platform.ownerUrl).pathname.slice(1)} TO ${BYPASS_ROLE}`);
  await owner.query(`GRANT USAGE ON SCHEMA public TO ${BYPASS_ROLE}`);
  await owner.query(`GRANT SELECT ON complaints TO ${BYPASS_ROLE}`);
  const [{ n: total }] = (await owner.query('SELECT count(*)::int AS n FROM complaints')).rows;
  const [{ qual: policy }] = (
    await owner.query(`SELECT qual FROM pg_policies WHERE tablename = 'complaints' AND policyname = 'tenant_isolation'`)
  ).rows;
  const samples: Sample[] = (
    await owner.query(`SELECT tenant_id AS "tenantId", tracking_code AS "trackingCode" FROM complaints TABLESAMPLE SYSTEM (1) LIMIT 2000`)
  ).rows;

  const rls = new Client({ connectionString: platform.runtimeUrl });
  const bypassUrl = new URL(databaseUrl(platform.ownerUrl, new URL(platform.ownerUrl).pathname.slice(1)));
  bypassUrl.username = BYPASS_ROLE;
  bypassUrl.password = '';
  const bypass = new Client({ connectionString: bypassUrl.toString() });
  await rls.connect();
  await bypass.connect();
  cleanup(() => rls.end());
  cleanup(() => bypass.end());

  const notes: string[] = [
    `${total.toLocaleString('en')} complaints in ${TENANTS} tenants, generated set-based in ${generatedIn.toFixed(0)} s (INSERT … SELECT generate_series as the owner, then ANALYZE).`,
    `Platform: the runtime role (no BYPASSRLS) in a transaction with app.tenant_id set, SQL without a tenant filter. Baseline: role ${BYPASS_ROLE} (BYPASSRLS) with an explicit tenant_id = $1. Each timed value is one statement's round trip inside an open transaction on both sides (the platform's BEGIN and set_config are not timed; S2 counts them); the sides alternate statement by statement over the same tenants and codes (a sample of ${samples.length} complaints), ${ITERATIONS} statements per round and side.`,
  ];
  // Same answers and sound plans, checked once per query before measuring.
  for (const query of QUERIES) {
    const sample = samples[0];
    const viaRls = await underRls(rls, sample.tenantId, () => rls.query(query.rls, query.params(sample)));
    const viaBypass = await bypass.query(query.explicit, [sample.tenantId, ...query.params(sample)]);
    if (JSON.stringify(viaRls.rows) !== JSON.stringify(viaBypass.rows)) throw new Error(`${query.name}: the two sides answer differently`);
    if (viaRls.rows.length === 0) throw new Error(`${query.name}: no rows`);
    const rlsPlan = await underRls(
      rls,
      sample.tenantId,
      async () => (await rls.query(`EXPLAIN (FORMAT JSON) ${query.rls}`, query.params(sample))).rows[0],
    );
    const bypassPlan = (await bypass.query(`EXPLAIN (FORMAT JSON) ${query.explicit}`, [sample.tenantId, ...query.params(sample)])).rows[0];
    for (const [side, plan] of [
      ['row-level security', rlsPlan],
      ['explicit filter', bypassPlan],
    ] as const) {
      const problems = planProblems(plan);
      if (problems.length) throw new Error(`${query.name} (${side}): plan has ${problems.join(' and ')}: ${JSON.stringify(plan)}`);
    }
    const rlsTimes = await serverTimes(() =>
      underRls(rls, sample.tenantId, () => rls.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.rls}`, query.params(sample))),
    );
    const bypassTimes = await serverTimes(async () => {
      await bypass.query('BEGIN');
      const result = await bypass.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.explicit}`, [sample.tenantId, ...query.params(sample)]);
      await bypass.query('COMMIT');
      return result;
    });
    const us = (value: number) => `${Math.round(value)} µs`;
    notes.push(
      `EXPLAIN "${query.name}": index condition on tenant_id, no Seq Scan on both sides (row-level security: ${indexNames(rlsPlan).join(', ')}; explicit: ${indexNames(bypassPlan).join(', ')}). ` +
        `PostgreSQL's own planning / execution time (EXPLAIN ANALYZE, median of 200): row-level security ${us(rlsTimes.planning)} / ${us(rlsTimes.execution)}, explicit filter ${us(bypassTimes.planning)} / ${us(bypassTimes.execution)}.`,
    );
  }

  const resultRows: ScenarioRow[] = [];
  // Statements of the two sides alternate one by one over the same tenants, so that noise
  // from the rest of the machine hits both; a side's round value is its median.
  for (const query of QUERIES) {
    const viaRls = async (sample: Sample) =>
      underRls(rls, sample.tenantId, async () => {
        const t = performance.now();
        await rls.query(query.rls, query.params(sample));
        return performance.now() - t;
      });
    const viaBypass = async (sample: Sample) => {
      // Also inside a transaction, so that only the statement itself differs between the sides.
      await bypass.query('BEGIN');
      const t = performance.now();
      await bypass.query(query.explicit, [sample.tenantId, ...query.params(sample)]);
      const elapsed = performance.now() - t;
      await bypass.query('COMMIT');
      return elapsed;
    };
    const round = async (index: number) => {
      const times = { platform: [] as number[], baseline: [] as number[] };
      for (let i = 0; i < ITERATIONS; i++) {
        const sample = samples[(index * ITERATIONS + i) % samples.length];
        if (i % 2 === 0) {
          times.platform.push(await viaRls(sample));
          times.baseline.push(await viaBypass(sample));
        } else {
          times.baseline.push(await viaBypass(sample));
          times.platform.push(await viaRls(sample));
        }
      }
      return { platform: median(times.platform), baseline: median(times.baseline) };
    };
    await round(ROUNDS); // warm-up
    const runs = { platform: [] as number[], baseline: [] as number[] };
    for (let index = 0; index < ROUNDS; index++) {
      const result = await round(index);
      runs.platform.push(result.platform);
      runs.baseline.push(result.baseline);
    }
    progress(
      `S4: ${query.name}: platform ${runs.platform.map((t) => t.toFixed(3)).join(' ')} ms; baseline ${runs.baseline.map((t) => t.toFixed(3)).join(' ')} ms`,
    );
    resultRows.push(ratioRow(`${query.name}, p50`, 'ms', runs.platform, runs.baseline, { atMost: 1.1 }));
  }
  notes.push(
    `What PostgreSQL does on each side. Row-level security: the rewriter adds the complaints policy (\`${policy}\`) to the statement as a security-barrier condition; the planner turns the sub-select into an InitPlan, run once when the statement executes, whose value is a parameter of the index condition (the plan reads \`tenant_id = $0\`), so it plans as if for an unknown tenant (the same estimate for every tenant). Explicit filter: \`tenant_id = $1\` is a bound value; the planner sees it and may estimate from the tenant's statistics. Both sides send unnamed (unprepared) statements, as the server does, so both parse and plan every statement: the server uses no named prepared statements, because it also runs behind PgBouncer in transaction mode (1.18 in the test set-up; protocol-level prepared statements need 1.21+ and max_prepared_statements).`,
    "Fixed on the way: the tenant policy of every tenant-owned table (migration 1765400000000) read `tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid`, a stable expression the planner evaluated again for its estimates of each index and path it costed, and the executor again when each scan started; the count by status paid most (1.42 of the explicit filter, by tracking code 1.37). Wrapped in a sub-select (InitPlan) it is evaluated once per statement; same rows, same indexes.",
  );
  return { scenario: 'S4', title: 'Row-level security tax: indexed queries over ~1M complaints in ~1k tenants', rows: resultRows, notes };
});
