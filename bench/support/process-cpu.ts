import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second of /proc's CPU times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** CPU seconds (user + system) a process has used so far; 0 once it is gone. */
export function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name.
  return fields ? (Number(fields[11]) + Number(fields[12])) / TICKS : 0;
}

/** The processes whose parent is `pid` (nginx's workers under its master). */
export function childPids(pid: number): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((candidate) => statFields(candidate)?.[1] === String(pid));
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait). */
export function machineBusySeconds(): number {
  const [cpu] = readFileSync('/proc/stat', 'utf8').split('\n');
  const values = cpu.trim().split(/\s+/).slice(1).map(Number);
  const idle = values[3] + (values[4] ?? 0);
  return (values.reduce((a, b) => a + b, 0) - idle) / TICKS;
}

/** CPU seconds of a set of processes between two readings, counting those gone in between as far as last seen. */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly last = new Map<number, number>();

  constructor(private readonly pids: () => number[]) {
    for (const pid of pids()) this.start.set(pid, cpuSeconds(pid));
  }

  /** Seconds used since construction by the processes listed now or then. */
  read(): number {
    for (const pid of this.pids()) {
      if (!this.start.has(pid)) this.start.set(pid, 0);
    }
    let total = 0;
    for (const [pid, from] of this.start) {
      const now = cpuSeconds(pid) || this.last.get(pid) || from;
      this.last.set(pid, now);
      total += now - from;
    }
    return total;
  }
}
