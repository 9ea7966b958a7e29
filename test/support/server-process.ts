import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { sleep } from './live-client';

export const SERVER_MAIN = path.join(__dirname, '../../server/dist/main.js');

export interface ServerProcess {
  /** Its own port (it is reached through a load balancer; this is for readiness and metrics). */
  port: number;
  child: ChildProcess;
  /** Everything it printed, for a failure's report. */
  output(): string;
  /** Sends SIGTERM and resolves with the exit code once it has exited. */
  terminate(): Promise<number | null>;
}

/**
 * The built server (`server/dist/main.js`) as an operating-system process of its own on
 * `port`, started as an operator would, from the environment; resolves once /readyz answers.
 */
export async function startServerProcess(port: number, env: Record<string, string>): Promise<ServerProcess> {
  if (!existsSync(SERVER_MAIN)) throw new Error('server/dist/main.js is missing: run `npm run build` (npm test does)');
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, ...alignedFakeTime(), ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-50_000));
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = performance.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server process on port ${port} exited: ${output}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (performance.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server process on port ${port} was not ready within 30 s: ${output}`);
    }
    await sleep(100);
  }
  return {
    port,
    child,
    output: () => output,
    async terminate() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * Under libfaketime's "start at" (`FAKETIME=@2099-06-15 02:00:00`, as CI runs the suite),
 * each process's clock starts at that instant when the process starts: a server started
 * later would run behind this one by the difference. It starts where this process's clock
 * is now instead (to the second), as servers on synchronised machines would.
 */
function alignedFakeTime(): Record<string, string> {
  if (!process.env.FAKETIME?.startsWith('@')) return {};
  const now = new Date();
  const two = (n: number) => String(n).padStart(2, '0');
  const local = `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())} ${two(now.getHours())}:${two(now.getMinutes())}:${two(now.getSeconds())}`;
  return { FAKETIME: `@${local}` };
}
