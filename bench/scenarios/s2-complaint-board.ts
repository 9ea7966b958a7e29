import { isDeepStrictEqual } from 'node:util';
import { Pool } from 'pg';
import { ratioRow } from '../support/compare';
import { fillBoard } from '../support/complaint-data';
import { postJson, readBody, sendJson, startBaselineServer } from '../support/http-server';
import { compareUnderLoad, LoadGenerator, loadRatioRows } from '../support/load';
import { BENCH_TOKEN_SECRET, startBenchPlatform } from '../support/platform';
import { progress, runScenario } from '../support/report';
import { defaultPlugin, pluginApi, TokenService } from '../support/server';

/**
 * S2 complaint board: a page of 50 complaints with owner, department, category, last event
 * and approvals. Platform: the full stack (token, roles re-read, row-level security
 * transaction, DataLoaders). Baseline: node `http` + `pg`, the same token check and one
 * hand-written statement (membership, tenant locale, page, joins, count) building the
 * same JSON.
 */
const PAGE = 50;
const COMPLAINTS = 150;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 8;
/** BEGIN, the settings with the membership re-read, the page (with what it reads ahead), COMMIT; one to spare. */
const MAX_STATEMENTS = 5;

const BOARD = `query Board($first: Int) { complaints(first: $first) {
  totalCount
  pageInfo { hasNextPage endCursor }
  edges { node {
    id number status statusLabel priority receivedAt
    category { code label }
    owner { id name }
    department { id name }
    lastEvent { kind createdAt }
    approvals { position role decision decidedAt }
  } } } }`;

const BOARD_SQL = `
WITH viewer AS (SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2),
page AS (
  SELECT c.id, c.number, c.status, c.priority, c.received_at, c.category_code, c.owner_id, c.department_id, c.plugin_id
    FROM complaints c
   WHERE c.tenant_id = $1 AND EXISTS (SELECT 1 FROM viewer)
   ORDER BY c.received_at DESC, c.id DESC LIMIT $3)
SELECT p.*, u.display_name AS owner_name, d.name AS department_name, e.kind AS event_kind, e.created_at AS event_at,
       a.positions, a.roles, a.decisions, a.decided_at,
       (SELECT count(*)::int FROM complaints WHERE tenant_id = $1) AS total,
       (SELECT locale FROM tenants WHERE id = $1) AS locale,
       EXISTS (SELECT 1 FROM viewer) AS member
  FROM (SELECT 1) one
  LEFT JOIN page p ON true
  LEFT JOIN users u ON u.id = p.owner_id
  LEFT JOIN departments d ON d.tenant_id = $1 AND d.id = p.department_id
  LEFT JOIN LATERAL (SELECT kind, created_at FROM complaint_events ev
                      WHERE ev.tenant_id = $1 AND ev.complaint_id = p.id ORDER BY ev.seq DESC LIMIT 1) e ON true
  LEFT JOIN LATERAL (SELECT array_agg(s.position ORDER BY s.position) AS positions, array_agg(s.role ORDER BY s.position) AS roles,
                            array_agg(s.decision ORDER BY s.position) AS decisions, array_agg(s.decided_at ORDER BY s.position) AS decided_at
                       FROM (SELECT r.id FROM complaint_resolutions r WHERE r.tenant_id = $1 AND r.complaint_id = p.id
                              ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
                       JOIN approval_steps s ON s.tenant_id = $1 AND s.resolution_id = r.id) a ON true
 ORDER BY p.received_at DESC, p.id DESC`;

const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
const cursor = (row: { received_at: Date; id: string }) =>
  Buffer.from(JSON.stringify(['RECEIVED_AT', row.received_at.toISOString(), row.id])).toString('base64url');

async function rawBoardServer(ownerUrl: string) {
  const pool = new Pool({ connectionString: ownerUrl, max: 20 });
  const tokens = new TokenService(BENCH_TOKEN_SECRET, 3600);
  const categories = new Map(defaultPlugin.categories.map((c) => [c.code, c.label]));
  const { COMPLAINT_STATUS } = pluginApi;
  const server = await startBaselineServer(async (req, res) => {
    const { variables } = JSON.parse(await readBody(req));
    const verified = await tokens.verify((req.headers.authorization ?? '').replace(/^Bearer /, ''));
    if (!verified.ok || !verified.claims.tenantId) return sendJson(res, 401, '{"error":"unauthenticated"}');
    const limit: number = variables.first;
    const { rows } = await pool.query(BOARD_SQL, [verified.claims.tenantId, verified.claims.userId, limit + 1]);
    if (!rows[0].member) return sendJson(res, 401, '{"error":"unauthenticated"}');
    const locale: 'zh-CN' | 'en' = rows[0].locale;
    const page = rows[0].id ? rows.slice(0, limit) : [];
    const edges = page.map((r) => ({
      node: {
        id: globalId('Complaint', r.id),
        number: Number(r.number),
        status: r.status,
        statusLabel: COMPLAINT_STATUS.labels[r.status as keyof typeof COMPLAINT_STATUS.labels][locale],
        priority: r.priority,
        receivedAt: r.received_at.toISOString(),
        category: r.category_code ? { code: r.category_code, label: categories.get(r.category_code)![locale] } : null,
        owner: r.owner_id ? { id: globalId('User', r.owner_id), name: r.owner_name } : null,
        department: r.department_id ? { id: globalId('Department', r.department_id), name: r.department_name } : null,
        lastEvent: r.event_kind ? { kind: r.event_kind, createdAt: r.event_at.toISOString() } : null,
        approvals: (r.positions ?? []).map((position: number, i: number) => ({
          position,
          role: r.roles[i],
          decision: r.decisions[i],
          decidedAt: r.decided_at[i] ? r.decided_at[i].toISOString() : null,
        })),
      },
    }));
    const body = {
      data: {
        complaints: {
          totalCount: rows[0].total,
          pageInfo: { hasNextPage: rows.length > limit, endCursor: page.length ? cursor(page[page.length - 1]) : null },
          edges,
        },
      },
    };
    sendJson(res, 200, JSON.stringify(body));
  });
  return {
    url: server.url,
    close: async () => {
      await server.close();
      await pool.end();
    },
  };
}

void runScenario(async (cleanup) => {
  progress('S2: starting the platform');
  const platform = await startBenchPlatform({ exposeStatementCount: true });
  cleanup(() => platform.stop());
  const tenant = await platform.createTenant('board', ['supervisor', 'agent', 'handler']);
  await fillBoard(platform, tenant.tokens, tenant.userIds.handler, COMPLAINTS, progress);
  const baseline = await rawBoardServer(platform.ownerUrl);
  cleanup(() => baseline.close());
  const load = new LoadGenerator();
  cleanup(() => load.close());

  const headers = { 'content-type': 'application/json', authorization: `Bearer ${tenant.tokens.supervisor}` };
  const ask = (url: string, first: number) => postJson(url, { query: BOARD, variables: { first } }, headers);
  const fromPlatform = await ask(platform.url, PAGE);
  const fromBaseline = await ask(baseline.url, PAGE);
  if (fromPlatform.errors) throw new Error(JSON.stringify(fromPlatform.errors));
  if (!isDeepStrictEqual(fromPlatform.data, fromBaseline.data)) {
    throw new Error(
      `answers differ:\n${JSON.stringify(fromPlatform.data).slice(0, 2000)}\n${JSON.stringify(fromBaseline.data).slice(0, 2000)}`,
    );
  }
  const withApprovals = fromPlatform.data.complaints.edges.filter((e: any) => e.node.approvals.length).length;
  const statements: Record<number, number> = {};
  for (const first of [10, PAGE, 100]) statements[first] = (await ask(platform.url, first)).extensions.sqlStatements;
  progress(`S2: SQL statements per request by page size: ${JSON.stringify(statements)}`);

  const job = (url: string) => ({
    url,
    method: 'POST' as const,
    headers,
    body: JSON.stringify({ query: BOARD, variables: { first: PAGE } }),
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
  });
  progress(`S2: ${ROUNDS} rounds of ${SECONDS} s each side, ${CONNECTIONS} connections`);
  const runs = await compareUnderLoad(
    load,
    { platform: job(platform.url), baseline: job(baseline.url) },
    {
      rounds: ROUNDS,
      warmupSeconds: 2,
      log: progress,
    },
  );
  const constant = statements[10] === statements[PAGE] && statements[PAGE] === statements[100];
  const fewEnough = Object.values(statements).every((count) => count <= MAX_STATEMENTS);
  return {
    scenario: 'S2',
    title: 'Complaint board: page of 50 with owner, department, category, last event, approvals',
    rows: [
      ...loadRatioRows(runs, { throughput: { atLeast: 0.5 }, latencyP99: { atMost: 2 } }),
      ratioRow(
        'latency p50',
        'ms',
        runs.platform.map((r) => r.latencyP50),
        runs.baseline.map((r) => r.latencyP50),
        null,
      ),
      {
        metric: 'SQL statements per request (pages of 10 / 50 / 100)',
        unit: 'statements',
        platform: statements[PAGE],
        baseline: 1,
        ratio: statements[PAGE],
        spread: `platform ${statements[10]} / ${statements[PAGE]} / ${statements[100]}, baseline 1 / 1 / 1`,
        target: `≤ ${MAX_STATEMENTS}, constant in page size`,
        met: constant && fewEnough,
      },
    ],
    notes: [
      `${COMPLAINTS} complaints in one tenant filed and moved through the API; the page of ${PAGE} holds ${withApprovals} with an approval chain. ${CONNECTIONS} connections from autocannon in a separate process.`,
      "Platform statement count includes BEGIN, the tenant settings, the membership re-read and COMMIT: START TRANSACTION (with its isolation level); one statement that sets the settings and returns the membership with the tenant row; the page with its total count and each row's owner, department, newest event and approval chain (read ahead for the fields the query selects); COMMIT.",
      'Baseline: connects as the owner (row-level security bypassed) with explicit tenant_id filters; verifies the same token and checks membership in its one statement.',
      'Answers (data) compared once before measuring: identical.',
      "Where the time goes (one request at a time): the operation's statements are round trips on its one connection against one statement for the baseline; the rest is GraphQL execution of about a thousand fields per page (graphql-js, type-graphql, Apollo), garbage collection, and the socket writes of the statements and the response. Fixed on the way: a type-graphql global middleware and Apollo's implicit cache-control plugin wrapped every field, and row mapping ran a regular expression per column and row.",
      'Fixed on the way (statements 14 → 4): TypeORM sent START TRANSACTION and SET TRANSACTION ISOLATION LEVEL apart (now one START TRANSACTION ISOLATION LEVEL …); the settings and the membership re-read were two statements (now one: the settings in a one-row sub-select, the membership read laterally after it, with the tenant row the locale and time zone come from, which was a third); the total count and the page were two (now one, the count an InitPlan of it); owners, departments, newest events and approval chains were five statements (newest resolution, then its steps; now read with the page, for the fields the query selects, fragments included; a list that does not select them reads them with the loaders, the approval chain then in one statement). Labels, category, owner, department and newest event resolve synchronously from what the page and the opening statement read, rather than a promise per field and row.',
      "Why 0.5 is out of reach as built (profile of the server process at 8 connections on the quiet machine, about 7 ms of CPU per request against about 1 ms for the baseline): garbage collection 14%, pg's row parsing 9% (each page row carries the whole complaint row, about 35 columns with six timestamps, and its owner's and department's whole rows, because the loaders and resolvers share one row type; the baseline reads the 15 columns it shows), splitting and mapping those rows 8% (keyset-page.ts, primeAlong), graphql-js and type-graphql about 20% for about a thousand fields, Apollo's response serialisation 4%, socket writes 4%. What it would take: reading only the columns the selection needs (a projection from the query to SQL, with rows that are no longer whole entities), a compiled executor for the list's fields (graphql-jit behind Apollo's gateway interface), and one round trip for START TRANSACTION and the opening statement (the settings as literals in a multi-statement simple query). Each is a change to how every list of the API reads its rows, not to this page.",
    ],
  };
});
