import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LoadJob, LoadResult } from './load-process';
import { ratioRow } from './compare';
import type { ScenarioRow } from './report';

export type { LoadJob, LoadResult };

/** A load generator running in a separate process (autocannon), reused for every job of a scenario. */
export class LoadGenerator {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(path.join(__dirname, 'load-process.ts'), [], {
      // tsx by path, so that the scenario may be started from any folder.
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
  }

  /** The generator's process (for reading its CPU time). */
  get pid(): number {
    return this.child.pid!;
  }

  run(job: LoadJob): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: { ok: boolean; result?: LoadResult; error?: string }) => {
        if (message.ok) resolve(message.result!);
        else reject(new Error(`load generator: ${message.error}`));
      });
      this.child.send(job);
    });
  }

  /** Runs a job and fails when any request errored, answered other than 2xx, or (in a sequence) answered errors. */
  async runClean(job: LoadJob): Promise<LoadResult> {
    const result = await this.run(job);
    if (result.errors || result.non2xx || result.failedAnswers) {
      throw new Error(
        `${job.url}: ${result.errors} errors, ${result.non2xx} non-2xx and ${result.failedAnswers} answers with errors of ${result.requests} requests`,
      );
    }
    return result;
  }

  close(): void {
    this.child.kill();
  }
}

export interface LoadComparison {
  platform: LoadResult[];
  baseline: LoadResult[];
}

/**
 * Warms both sides up, then runs `rounds` alternating rounds of the same load against the
 * platform and its baseline.
 */
export async function compareUnderLoad(
  load: LoadGenerator,
  jobs: { platform: LoadJob; baseline: LoadJob },
  options: { rounds: number; warmupSeconds: number; log?: (message: string) => void },
): Promise<LoadComparison> {
  await load.runClean({ ...jobs.platform, durationSeconds: options.warmupSeconds });
  await load.runClean({ ...jobs.baseline, durationSeconds: options.warmupSeconds });
  const out: LoadComparison = { platform: [], baseline: [] };
  for (let i = 0; i < options.rounds; i++) {
    const order = i % 2 === 0 ? (['platform', 'baseline'] as const) : (['baseline', 'platform'] as const);
    for (const side of order) {
      const result = await load.runClean(jobs[side]);
      out[side].push(result);
      options.log?.(`  round ${i + 1} ${side}: ${Math.round(result.requestsPerSecond)} req/s, p99 ${result.latencyP99} ms`);
    }
  }
  return out;
}

type RowTarget = Parameters<typeof ratioRow>[4];

/** The throughput and p99 latency rows of a load comparison (`suffix` names its load, if several). */
export function loadRatioRows(runs: LoadComparison, targets: { throughput: RowTarget; latencyP99: RowTarget }, suffix = ''): ScenarioRow[] {
  const of = (pick: (result: LoadResult) => number) => [runs.platform.map(pick), runs.baseline.map(pick)] as const;
  return [
    ratioRow(`throughput${suffix}`, 'req/s', ...of((r) => r.requestsPerSecond), targets.throughput),
    ratioRow(`latency p99${suffix}`, 'ms', ...of((r) => r.latencyP99), targets.latencyP99),
  ];
}
