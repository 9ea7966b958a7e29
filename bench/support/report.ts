/** The one JSON line every scenario prints last on stdout; bench/run.ts reads it. */
export interface ScenarioRow {
  metric: string;
  unit: string;
  platform: number;
  baseline: number;
  ratio: number;
  spread: string;
  target: string;
  met: boolean | null;
}

export interface ScenarioResult {
  scenario: string;
  title: string;
  rows: ScenarioRow[];
  notes: string[];
}

/** Progress goes to stderr so that stdout carries only the result. */
export function progress(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

export function emitResult(result: ScenarioResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/**
 * Runs a scenario body, prints its result, and exits non-zero on failure; `cleanup` runs
 * either way (drops the scenario's database, stops servers).
 */
export async function runScenario(body: (cleanup: (step: () => unknown) => void) => Promise<ScenarioResult>): Promise<void> {
  const steps: (() => unknown)[] = [];
  let failed = false;
  try {
    emitResult(await body((step) => steps.unshift(step)));
  } catch (error) {
    failed = true;
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  } finally {
    for (const step of steps) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`cleanup: ${(error as Error).message}\n`);
      }
    }
  }
  process.exit(failed ? 1 : 0);
}
