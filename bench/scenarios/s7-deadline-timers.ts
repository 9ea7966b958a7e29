import { Client, Pool } from 'pg';
import { ratioRow } from '../support/compare';
import { FILE_COMPLAINT, intakeInput } from '../support/complaint-data';
import { readBody, sendJson, startBaselineServer } from '../support/http-server';
import { LoadGenerator } from '../support/load';
import { startBenchPlatform } from '../support/platform';
import { progress, runScenario, type ScenarioRow } from '../support/report';
import { median, percentile } from '../support/stats';

/**
 * S7 deadline timers: how late a stage clock's breach fires while complaints keep coming
 * in. Platform: every filing starts an acknowledgement clock that runs out a few seconds
 * later; its breach is a job on the PostgreSQL queue (graphile-worker), handled in a
 * tenant-scoped transaction (claim, escalation, timeline event, penalty, live alert).
 * Baseline: the fastest way to fire the same number of timers on this machine, a plain
 * node `http` server that inserts the timer row and fires a `setTimeout` in memory (one
 * UPDATE when it runs), with nothing durable about it. Same load on both: autocannon in a
 * separate process. Lateness = fired (breached) at − due at, per timer.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);
const CONNECTIONS = 4;
/** The paced phase's intake: filings per second across the connections, well inside what the machine takes. */
const PACED_RATE = 25;
const DUE_AFTER_SECONDS = 2;
/** The platform's JOB_POLL_INTERVAL_MS (its default): the p99 target is a breach fired within it plus 100 ms. */
const POLL_INTERVAL_MS = 1000;
const P99_TARGET_MS = POLL_INTERVAL_MS + 100;
const MARKER = '__UNIQUE__';

async function inMemoryTimerServer(ownerUrl: string) {
  const pool = new Pool({ connectionString: ownerUrl, max: 10 });
  await pool.query(
    `CREATE TABLE bench_timers (id bigserial PRIMARY KEY, round int NOT NULL, due_at timestamptz NOT NULL, fired_at timestamptz)`,
  );
  let round = 0;
  const pending = new Set<NodeJS.Timeout>();
  const server = await startBaselineServer(async (req, res) => {
    await readBody(req);
    const due = new Date(Date.now() + DUE_AFTER_SECONDS * 1000);
    const { rows } = await pool.query('INSERT INTO bench_timers (round, due_at) VALUES ($1, $2) RETURNING id', [round, due]);
    const timer = setTimeout(() => {
      pending.delete(timer);
      void pool.query('UPDATE bench_timers SET fired_at = clock_timestamp() WHERE id = $1 AND fired_at IS NULL', [rows[0].id]);
    }, due.getTime() - Date.now());
    pending.add(timer);
    sendJson(res, 200, JSON.stringify({ data: { fileComplaint: { complaint: { id: String(rows[0].id) }, errors: [] } } }));
  });
  return {
    url: server.url,
    startRound: (n: number) => (round = n),
    close: async () => {
      for (const timer of pending) clearTimeout(timer);
      await server.close();
      await pool.end();
    },
  };
}

/** The p99 row with its absolute target: a breach fired within a poll interval plus 100 ms. */
function p99Row(row: ScenarioRow): ScenarioRow {
  return { ...row, target: `platform ≤ ${P99_TARGET_MS} ms`, met: row.platform <= P99_TARGET_MS };
}

/** Waits until every timer of the round has fired, then returns each one's lateness in ms. */
async function latenessOf(owner: Client, sql: string, params: unknown[], expected: number): Promise<number[]> {
  const until = Date.now() + 60_000;
  for (;;) {
    const { rows } = await owner.query(sql, params);
    const fired = rows.filter((row) => row.lateness_ms !== null);
    if (rows.length >= expected && fired.length === rows.length) return fired.map((row) => Number(row.lateness_ms));
    if (Date.now() > until) throw new Error(`${rows.length - fired.length} of ${rows.length} timers never fired`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

void runScenario(async (cleanup) => {
  progress('S7: starting the platform');
  const platform = await startBenchPlatform();
  cleanup(() => platform.stop());
  const tenant = await platform.createTenant('timers', ['agent']);
  const installed = await platform.request(
    `mutation ($config: JSON) { installPlugin(input: { pluginId: "default", config: $config }) { errors { code message } } }`,
    { config: { 'default.deadlines': { acknowledgeHours: DUE_AFTER_SECONDS / 3600 } } },
    tenant.tokens.admin,
  );
  if (installed.data.installPlugin.errors.length) throw new Error(JSON.stringify(installed.data.installPlugin.errors));
  const owner = new Client({ connectionString: platform.ownerUrl });
  await owner.connect();
  cleanup(() => owner.end());
  const baseline = await inMemoryTimerServer(platform.ownerUrl);
  cleanup(() => baseline.close());
  const load = new LoadGenerator();
  cleanup(() => load.close());
  const job = (url: string, overallRate?: number) => ({
    url,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tenant.tokens.agent}` },
    body: JSON.stringify({ query: FILE_COMPLAINT, variables: { input: intakeInput(MARKER, { email: true }) } }),
    uniqueMarker: MARKER,
    connections: CONNECTIONS,
    durationSeconds: SECONDS,
    overallRate,
  });

  const platformRound = async (rate?: number) => {
    const [{ since }] = (await owner.query('SELECT clock_timestamp() AS since')).rows;
    const result = await load.runClean(job(platform.url, rate));
    return latenessOf(
      owner,
      `SELECT extract(epoch FROM breached_at - due_at) * 1000 AS lateness_ms FROM complaint_deadlines
        WHERE stage = 'ACKNOWLEDGE' AND created_at >= $1`,
      [since],
      result.requests,
    );
  };
  let round = 0;
  const baselineRound = async (rate?: number) => {
    baseline.startRound(++round);
    const result = await load.runClean(job(baseline.url, rate));
    return latenessOf(
      owner,
      `SELECT extract(epoch FROM fired_at - due_at) * 1000 AS lateness_ms FROM bench_timers WHERE round = $1`,
      [round],
      result.requests,
    );
  };

  progress('S7: warm-up');
  await platformRound();
  await baselineRound();
  /** Alternating rounds of both sides at one intake rate (as fast as answers come when not given). */
  const phase = async (label: string, rate?: number) => {
    const rounds = { platform: [] as number[][], baseline: [] as number[][] };
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? (['platform', 'baseline'] as const) : (['baseline', 'platform'] as const);
      for (const side of order) {
        const lateness = await (side === 'platform' ? platformRound(rate) : baselineRound(rate));
        rounds[side].push(lateness);
        progress(
          `  ${label} round ${i + 1} ${side}: ${lateness.length} timers, median ${Math.round(median(lateness))} ms, p99 ${Math.round(percentile(lateness, 99))} ms late`,
        );
      }
    }
    return rounds;
  };
  const paced = await phase('paced', PACED_RATE);
  const saturated = await phase('saturating');
  const p = (q: number) => (values: number[]) => percentile(values, q);
  const timers = (rounds: number[][]) => rounds.reduce((sum, round) => sum + round.length, 0);
  const rows: ScenarioRow[] = [
    ratioRow(`breach lateness at ${PACED_RATE} filings/s, median`, 'ms', paced.platform.map(p(50)), paced.baseline.map(p(50)), null),
    p99Row(ratioRow(`breach lateness at ${PACED_RATE} filings/s, p99`, 'ms', paced.platform.map(p(99)), paced.baseline.map(p(99)), null)),
    ratioRow(
      'breach lateness, intake as fast as it is answered, median',
      'ms',
      saturated.platform.map(p(50)),
      saturated.baseline.map(p(50)),
      null,
    ),
    ratioRow(
      'breach lateness, intake as fast as it is answered, p99',
      'ms',
      saturated.platform.map(p(99)),
      saturated.baseline.map(p(99)),
      null,
    ),
  ];
  const [{ breaches, breachedClocks }] = (
    await owner.query(
      `SELECT (SELECT count(*)::int FROM complaint_events WHERE kind = 'DEADLINE_BREACHED') AS breaches,
              (SELECT count(*)::int FROM complaint_deadlines WHERE stage = 'ACKNOWLEDGE' AND breached_at IS NOT NULL) AS "breachedClocks"`,
    )
  ).rows;
  if (breaches !== breachedClocks)
    throw new Error(`${breaches} breach events for ${breachedClocks} breached clocks: a timer fired twice or not at all`);
  return {
    scenario: 'S7',
    title: 'Deadline timers: breach lateness under intake load, job queue vs in-memory timers',
    rows,
    notes: [
      `Each round files complaints for ${SECONDS} s at ${CONNECTIONS} connections (autocannon, separate process), paced at ${PACED_RATE} filings/s (a busy desk's bursts, well inside what the machine takes), then as fast as they are answered (the machine saturated); every filing starts a clock due ${DUE_AFTER_SECONDS} s later, so its breach falls due while the intake goes on. Lateness is measured on every timer of the round, after all have fired; ${breaches} breaches in all (platform: ${timers(paced.platform)} paced, ${timers(saturated.platform)} saturating), each recorded exactly once.`,
      'Platform: graphile-worker works 2 jobs at a time and polls for due jobs every JOB_POLL_INTERVAL_MS (1,000 ms by default); on top of that each process keeps an alarm (server/src/jobs/due-job-alarm.ts) that reads the run_at of its timer jobs falling due within the next two poll intervals (every poll interval, and within 100 ms of any job being added), in database time, so the business clock offset the jobs were scheduled with is already in it, and sets an in-memory timer for each; when one rings it nudges an idle worker, which takes the job from the queue as a poll would. A breach therefore fires when it falls due plus its transaction, not up to a poll interval later; what the alarm misses (a job scheduled to fall due sooner than its next read) the poll still finds. Deadlines here are counted in hours and working days, so a second of lateness is well inside their precision.',
      'The queue stays the only record: a restart loses no timer (the next process reads the queue again), and with several processes each one is woken and the job is taken by one (SKIP LOCKED, then a conditional claim of the deadline row), so each breach fires exactly once (see deadlines.test.ts; every breach event of this run is checked to belong to exactly one breached clock).',
      `Baseline: a setTimeout per timer in the process that took the request, one UPDATE when it fires. It is faster because it keeps nothing: a restart loses every pending timer, and two processes would both fire it. No target is set for the ratios; the platform's p99 under the paced intake has a target of its own: at most a poll interval plus 100 ms (${P99_TARGET_MS} ms). With the intake saturating the machine, breaches fall due faster than two workers (JOB_CONCURRENCY) sharing both cores with the intake can handle them, and wait for one another however they are woken: reported, without a target.`,
      'Fixed on the way: before the alarm, breaches waited for the next poll: median about 250 ms and p99 about 1 s late (one poll interval). In isolation (the queue alone, 100 jobs due 1.5 s after they were added) the alarm takes them 9 ms late at the median and 24 ms at p99, against 31 ms and 1,003 ms with the poll alone. Under intake load the wake-up is no longer what limits: the 2 workers share the process with the intake, each breach is a transaction of its own, and the breaches that fall due together wait for one another; on a loaded machine (other work on both cores) the rounds filed 25 to 160 complaints and their breaches came 0.5 to 2.3 s late with or without the alarm, so the p99 target depends on breach throughput (JOB_CONCURRENCY, the breach transaction) rather than on the poll. On the quiet machine, saturating intake (about 100–175 filings/s, each with a clock): p99 3.7 s late with JOB_CONCURRENCY 2, 1.2 s with 8 (one run each); the default stays 2 (each worker holds a database connection of its own; see the sizing guide).',
    ],
  };
});
