import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { ratioRow } from '../support/compare';
import { FILE_COMPLAINT, intakeInput } from '../support/complaint-data';
import { LoadGenerator, type LoadJob, type LoadResult } from '../support/load';
import { BENCH_TOKEN_SECRET, startBenchPlatform } from '../support/platform';
import { CpuMeter, childPids, machineBusySeconds } from '../support/process-cpu';
import { progress, runScenario, type ScenarioRow } from '../support/report';
import { median, round } from '../support/stats';
import { startNginx, type RunningNginx } from '../../test/support/nginx';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process';
import { findSystemBinary } from '../../test/support/system-binary';
import { freePort } from '../../test/support/free-port';

/**
 * S11 scale-out: a mixed desk workload (file a complaint, read the board, acknowledge the
 * complaint) through nginx, against two server processes (the platform side) and against one
 * (the baseline), each a process of the built server on the same database, in alternating
 * rounds. Beside throughput, where the CPU goes (each server process, nginx, the PostgreSQL
 * backends, the machine) and what one operation costs the database (statements,
 * transactions), for sizing a deployment (BENCHMARKS.md, "Sizing a deployment").
 */
const LEVELS = [8, 32];
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const TENANTS = 8;
const BOARD_PREFILL = 40;
const MARKER = '__UNIQUE__';

const BOARD = `query Board { complaints(first: 50) {
  totalCount
  edges { node { id number status priority receivedAt category { code } owner { id name } department { id name } lastEvent { kind createdAt } } } } }`;
const ACKNOWLEDGE = `mutation ($input: AcknowledgeComplaintInput!) {
  acknowledgeComplaint(input: $input) { complaint { id version } errors { code message } } }`;

/** One loop of a desk agent: intake, a look at the board, a transition of what was filed. */
const DESK_SEQUENCE: LoadJob['sequence'] = [
  {
    body: JSON.stringify({ query: FILE_COMPLAINT, variables: { input: intakeInput(MARKER, { email: true }) } }),
    capture: { ID: 'data.fileComplaint.complaint.id', VERSION: 'data.fileComplaint.complaint.version' },
  },
  { body: JSON.stringify({ query: BOARD }) },
  {
    body: JSON.stringify({ query: ACKNOWLEDGE, variables: { input: { complaintId: '{{ID}}', expectedVersion: 0 } } }).replace(
      '"expectedVersion":0',
      '"expectedVersion":{{VERSION}}',
    ),
  },
];

interface Round {
  load: LoadResult;
  seconds: number;
  /** CPU cores (CPU seconds per second) used by each server process of the side. */
  serverCores: number[];
  nginxCores: number;
  loadGeneratorCores: number;
  databaseCores: number | null;
  machineCores: number;
  /** Transactions the database committed or rolled back per request. */
  transactionsPerRequest: number;
  /** Connections to the database by application name at the end of the round. */
  connections: Record<string, number>;
}

void runScenario(async (cleanup) => {
  const nginxBinary = findSystemBinary('nginx');
  if (!nginxBinary) throw new Error('nginx is not installed (apt-get install nginx): S11 runs the servers behind it');
  progress('S11: starting the platform and filling the boards');
  const platform = await startBenchPlatform();
  cleanup(() => platform.stop());
  const tenants = [];
  for (let i = 0; i < TENANTS; i++) tenants.push(await platform.createTenant(`desk-${i}`, ['agent']));
  for (const tenant of tenants) {
    for (let i = 0; i < BOARD_PREFILL; i++) {
      await platform.request(FILE_COMPLAINT, { input: intakeInput(`prefill-${i}`, { email: true }) }, tenant.tokens.agent);
    }
  }
  // From here on only the server processes serve the database.
  await platform.app.stop();

  const env = {
    DATABASE_URL: platform.ownerUrl,
    TOKEN_SECRET: BENCH_TOKEN_SECRET,
    SEED_DEMO: 'false',
    LOG_LEVEL: 'warn',
    EXPOSE_STATEMENT_COUNT: 'true',
    TRUST_PROXY: '1',
  };
  const ports = [await freePort(), await freePort()];
  const processes: ServerProcess[] = [];
  cleanup(() => Promise.all(processes.map((p) => p.terminate())));
  for (const port of ports) processes.push(await startServerProcess(port, env));
  const one = await startNginx(nginxBinary, [ports[0]]);
  cleanup(() => one.stop());
  const two = await startNginx(nginxBinary, ports);
  cleanup(() => two.stop());
  const nginxPid = (n: RunningNginx) => n.pid;

  const owner = new Client({ connectionString: platform.ownerUrl });
  await owner.connect();
  cleanup(() => owner.end());
  const [{ db }] = (await owner.query<{ db: string }>('SELECT current_database() AS db')).rows;
  const backendPids = async () =>
    (await owner.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [db])).rows.map(
      (row) => row.pid,
    );
  // The backends' CPU is read from /proc: only when PostgreSQL runs on this machine.
  const [{ pid: ownPid }] = (await owner.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
  const databaseLocal = readComm(ownPid) === 'postgres';
  const xacts = async () =>
    Number(
      (await owner.query<{ n: string }>('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [db])).rows[0]
        .n,
    );
  const connections = async () =>
    Object.fromEntries(
      (
        await owner.query<{ name: string; n: number }>(
          `SELECT application_name AS name, count(*)::int AS n FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 1`,
          [db],
        )
      ).rows.map((row) => [row.name, row.n]),
    );

  // What one operation of each kind sends to the database, counted by the server itself.
  const tokens = tenants.map((t) => t.tokens.agent);
  const statements = await statementsPerOperation(`${two.origin}/graphql`, tokens[0]);

  const load = new LoadGenerator();
  cleanup(() => load.close());
  const job = (nginx: RunningNginx, connections: number, seconds = SECONDS): LoadJob => ({
    url: `${nginx.origin}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    sequence: DESK_SEQUENCE,
    tokens,
    uniqueMarker: MARKER,
    connections,
    durationSeconds: seconds,
  });
  const measure = async (nginx: RunningNginx, servers: ServerProcess[], connectionCount: number): Promise<Round> => {
    // Reading the database's processes takes a statement or two: outside the measured time.
    const backends = databaseLocal ? await backendPids() : [];
    const serverMeters = servers.map((s) => new CpuMeter(() => [s.child.pid!]));
    const nginxMeter = new CpuMeter(() => [nginxPid(nginx), ...childPids(nginxPid(nginx))]);
    const databaseMeter = new CpuMeter(() => backends);
    const loadMeter = new CpuMeter(() => [load.pid]);
    const machineFrom = machineBusySeconds();
    const xactFrom = await xacts();
    const started = performance.now();
    const result = await load.runClean(job(nginx, connectionCount));
    const seconds = (performance.now() - started) / 1000;
    const round: Round = {
      load: result,
      seconds,
      serverCores: serverMeters.map((m) => m.read() / seconds),
      nginxCores: nginxMeter.read() / seconds,
      loadGeneratorCores: loadMeter.read() / seconds,
      databaseCores: databaseLocal ? databaseMeter.read() / seconds : null,
      machineCores: (machineBusySeconds() - machineFrom) / seconds,
      transactionsPerRequest: ((await xacts()) - xactFrom) / result.requests,
      connections: await connections(),
    };
    return round;
  };

  const rows: ScenarioRow[] = [];
  const notes: string[] = [];
  for (const connectionCount of LEVELS) {
    progress(`S11: ${connectionCount} connections: ${ROUNDS} rounds of ${SECONDS} s each side`);
    await load.runClean(job(two, connectionCount, 1));
    await load.runClean(job(one, connectionCount, 1));
    const sides = { two: [] as Round[], one: [] as Round[] };
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? (['two', 'one'] as const) : (['one', 'two'] as const);
      for (const side of order) {
        const round =
          side === 'two' ? await measure(two, processes, connectionCount) : await measure(one, processes.slice(0, 1), connectionCount);
        sides[side].push(round);
        progress(
          `  round ${i + 1} ${side}: ${Math.round(round.load.requestsPerSecond)} req/s, p99 ${round.load.latencyP99} ms, servers ${round.serverCores
            .map((c) => c.toFixed(2))
            .join(
              '+',
            )} cores, db ${round.databaseCores?.toFixed(2) ?? '?'}, nginx ${round.nginxCores.toFixed(2)}, load ${round.loadGeneratorCores.toFixed(2)}, machine ${round.machineCores.toFixed(2)}`,
        );
      }
    }
    const per = (side: Round[], pick: (round: Round) => number) => side.map(pick);
    const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
    rows.push(
      ratioRow(
        `mixed desk throughput, ${connectionCount} connections`,
        'req/s',
        per(sides.two, (r) => r.load.requestsPerSecond),
        per(sides.one, (r) => r.load.requestsPerSecond),
        null,
      ),
      ratioRow(
        `latency p99, ${connectionCount} connections`,
        'ms',
        per(sides.two, (r) => r.load.latencyP99),
        per(sides.one, (r) => r.load.latencyP99),
        null,
      ),
      ratioRow(
        `server CPU, all processes, ${connectionCount} connections`,
        'cores',
        per(sides.two, (r) => sum(r.serverCores)),
        per(sides.one, (r) => sum(r.serverCores)),
        null,
      ),
      ratioRow(
        `server CPU per process, ${connectionCount} connections`,
        'cores',
        per(sides.two, (r) => sum(r.serverCores) / r.serverCores.length),
        per(sides.one, (r) => r.serverCores[0]),
        null,
      ),
    );
    if (databaseLocal) {
      rows.push(
        ratioRow(
          `PostgreSQL backends' CPU, ${connectionCount} connections`,
          'cores',
          per(sides.two, (r) => r.databaseCores!),
          per(sides.one, (r) => r.databaseCores!),
          null,
        ),
        ratioRow(
          `requests per database CPU-second, ${connectionCount} connections`,
          'req',
          per(sides.two, (r) => r.load.requestsPerSecond / r.databaseCores!),
          per(sides.one, (r) => r.load.requestsPerSecond / r.databaseCores!),
          null,
        ),
      );
    }
    rows.push(
      ratioRow(
        `requests per server CPU-second, ${connectionCount} connections`,
        'req',
        per(sides.two, (r) => r.load.requestsPerSecond / sum(r.serverCores)),
        per(sides.one, (r) => r.load.requestsPerSecond / sum(r.serverCores)),
        null,
      ),
      ratioRow(
        `nginx CPU, ${connectionCount} connections`,
        'cores',
        per(sides.two, (r) => r.nginxCores),
        per(sides.one, (r) => r.nginxCores),
        null,
      ),
      ratioRow(
        `load generator CPU (autocannon), ${connectionCount} connections`,
        'cores',
        per(sides.two, (r) => r.loadGeneratorCores),
        per(sides.one, (r) => r.loadGeneratorCores),
        null,
      ),
      ratioRow(
        `machine CPU busy (everything), ${connectionCount} connections`,
        'cores',
        per(sides.two, (r) => r.machineCores),
        per(sides.one, (r) => r.machineCores),
        null,
      ),
      ratioRow(
        `database transactions per request, ${connectionCount} connections`,
        'xacts',
        per(sides.two, (r) => r.transactionsPerRequest),
        per(sides.one, (r) => r.transactionsPerRequest),
        null,
      ),
    );
    const lastTwo = sides.two[sides.two.length - 1].connections;
    notes.push(
      `At ${connectionCount} connections, database connections at the end of the last two-process round: ${Object.entries(lastTwo)
        .map(([name, n]) => `${name || '(none)'} ${n}`)
        .join(', ')} (two processes; pools grow on demand up to DB_POOL_SIZE each). Requests per server CPU-second, median: ${round(
        median(per(sides.two, (r) => r.load.requestsPerSecond / sum(r.serverCores))),
      )} (two) and ${round(median(per(sides.one, (r) => r.load.requestsPerSecond / sum(r.serverCores))))} (one).`,
    );
  }
  const [{ filed }] = (await owner.query<{ filed: number }>('SELECT count(*)::int AS filed FROM complaints')).rows;
  return {
    scenario: 'S11',
    title: 'Scale-out: a mixed desk workload through nginx, two server processes vs one',
    rows,
    notes: [
      `Workload: each autocannon connection (a separate process) is one agent of one of ${TENANTS} tenants (tokens handed round), looping: fileComplaint (a new complainant), the board (first 50 with category, owner, department, last event), acknowledgeComplaint of what it filed; a request is one of the three. Each board held ${BOARD_PREFILL} complaints at the start; ${filed.toLocaleString('en')} complaints at the end. Every answer is checked for errors.`,
      'Platform: two processes of the built server (server/dist/main.js) behind nginx; baseline: one of the same two processes behind another nginx, so both sides share the database and its warm cache. Rounds alternate. PostgreSQL, nginx, the load generator and the servers share the machine: on few cores the second process competes with the database for CPU, and the throughput ratio measures that machine, not a cluster.',
      `Statements one operation sends (the server's own count, EXPOSE_STATEMENT_COUNT): fileComplaint ${statements.file}, board ${statements.board}, acknowledgeComplaint ${statements.acknowledge}; pg_stat_statements is ${databaseLocal ? 'not loaded on this server (shared_preload_libraries)' : 'not read'}, so transactions come from pg_stat_database.`,
      databaseLocal
        ? "CPU from /proc: each server process (user + system time over the round), nginx's master and workers, the database's backends for this database (PostgreSQL's own background processes not counted), and the machine as a whole."
        : 'PostgreSQL runs on another machine: its CPU is not read.',
      ...notes,
    ],
  };
});

function readComm(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The server's own count of the statements one operation of each kind sends (extensions.sqlStatements). */
async function statementsPerOperation(url: string, token: string): Promise<{ file: number; board: number; acknowledge: number }> {
  const ask = async (query: string, variables: Record<string, unknown> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; errors?: unknown[]; extensions?: { sqlStatements?: number } };
    if (body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(body.errors)}`);
    return body;
  };
  const filed = await ask(FILE_COMPLAINT, { input: intakeInput('statements-probe', { email: true }) });
  const board = await ask(BOARD);
  const complaint = filed.data.fileComplaint.complaint;
  const acknowledged = await ask(ACKNOWLEDGE, { input: { complaintId: complaint.id, expectedVersion: complaint.version } });
  if (acknowledged.data.acknowledgeComplaint.errors.length) throw new Error(`acknowledge: ${JSON.stringify(acknowledged)}`);
  return {
    file: filed.extensions!.sqlStatements!,
    board: board.extensions!.sqlStatements!,
    acknowledge: acknowledged.extensions!.sqlStatements!,
  };
}
