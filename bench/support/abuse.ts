import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { AbuseJob, AbuseResult } from './abuse-process';

export type { AbuseJob, AbuseKind, AbuseResult } from './abuse-process';

/** Abusive traffic from a separate process (see abuse-process.ts), one job at a time. */
export class AbuseGenerator {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(path.join(__dirname, 'abuse-process.ts'), [], {
      execArgv: ['--import', pathToFileURL(require.resolve('tsx')).href],
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
  }

  run(job: AbuseJob): Promise<AbuseResult> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (message: { ok: boolean; result?: AbuseResult; error?: string }) => {
        if (message.ok) resolve(message.result!);
        else reject(new Error(`abuse generator: ${message.error}`));
      });
      this.child.send(job);
    });
  }

  close(): void {
    this.child.kill();
  }
}

/** Adds up the tallies of several runs. */
export function addAbuse(total: AbuseResult, more: AbuseResult): AbuseResult {
  for (const [kind, tally] of Object.entries(more)) {
    const into = (total[kind] ??= { sent: 0, outcomes: {} });
    into.sent += tally.sent;
    for (const [outcome, n] of Object.entries(tally.outcomes)) into.outcomes[outcome] = (into.outcomes[outcome] ?? 0) + n;
  }
  return total;
}
