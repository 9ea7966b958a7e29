import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describeMachine } from './support/machine';
import { BENCH_DATABASE_URL } from './support/platform';
import type { ScenarioResult } from './support/report';
import { markdownSummary, textTable, type ScenarioRun } from './support/summary';

/**
 * Runs every bench/scenarios/s<N>-*.ts in order, each in its own process, prints the table
 * of ratios and writes BENCHMARKS.md. Arguments (e.g. `s2 s4`) run only those scenarios
 * and leave BENCHMARKS.md alone.
 */
const SCENARIOS = path.join(__dirname, 'scenarios');
const ROOT = path.join(__dirname, '..');

function discover(filter: string[]): string[] {
  const number = (file: string) => Number(/^s(\d+)-/.exec(file)![1]);
  return readdirSync(SCENARIOS)
    .filter((file) => /^s\d+-.+\.ts$/.test(file))
    .filter((file) => filter.length === 0 || filter.some((f) => file === f || file.startsWith(`${f}-`)))
    .sort((a, b) => number(a) - number(b));
}

function runScenarioFile(file: string): Promise<ScenarioRun> {
  const started = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(SCENARIOS, file)], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const last = stdout.trim().split('\n').at(-1) ?? '';
      try {
        if (code !== 0) throw new Error(`exited with ${code}`);
        resolve({ file, seconds, result: JSON.parse(last) as ScenarioResult, error: null });
      } catch (error) {
        resolve({ file, seconds, result: null, error: (error as Error).message });
      }
    });
  });
}

/** Sections written by hand (the sizing guide) follow this line and survive a full run. */
const HAND_WRITTEN = '<!-- Written by hand: npm run bench keeps everything below this line. -->';

function handWritten(file: string): string {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const at = text.indexOf(HAND_WRITTEN);
  return at < 0 ? '' : `\n${text.slice(at)}`;
}

async function main(): Promise<void> {
  const filter = process.argv.slice(2);
  const files = discover(filter);
  if (files.length === 0) throw new Error(`no scenario matches ${filter.join(' ')}`);
  const startedAt = new Date();
  const started = performance.now();
  const runs: ScenarioRun[] = [];
  for (const file of files) {
    process.stderr.write(`\n=== ${file}\n`);
    const run = await runScenarioFile(file);
    process.stderr.write(`=== ${file}: ${run.result ? 'done' : `FAILED (${run.error})`} in ${Math.round(run.seconds)} s\n`);
    runs.push(run);
  }
  const totalSeconds = (performance.now() - started) / 1000;
  process.stdout.write(`\n${textTable(runs)}\n\nwhole run: ${Math.round(totalSeconds)} s\n`);
  if (filter.length === 0) {
    const machine = await describeMachine(BENCH_DATABASE_URL);
    const file = path.join(ROOT, 'BENCHMARKS.md');
    writeFileSync(file, markdownSummary(runs, machine, startedAt, totalSeconds) + handWritten(file));
    process.stdout.write('wrote BENCHMARKS.md\n');
  }
  if (runs.some((run) => !run.result)) process.exitCode = 1;
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
