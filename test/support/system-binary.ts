import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * A program from the operating system's packages (nginx, pgbouncer): found on PATH or in the
 * sbin folders Debian installs daemons to, which a user's PATH often lacks.
 */
export function findSystemBinary(name: string): string | null {
  const folders = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/sbin', '/usr/local/sbin', '/sbin'];
  for (const folder of folders) {
    const candidate = path.join(folder, name);
    if (folder && existsSync(candidate)) return candidate;
  }
  return null;
}

/**
 * The binary, or null with a note when it is missing; missing with `<requireVariable>=1`
 * (CI sets it) is an error instead, so that CI never skips silently.
 */
export function systemBinaryOrSkip(name: string, requireVariable: string, install: string): string | null {
  const found = findSystemBinary(name);
  if (found) return found;
  if (process.env[requireVariable] === '1') throw new Error(`${requireVariable}=1 but ${name} is not installed (${install})`);
  console.warn(`Skipped: ${name} is not installed (${install}); set ${requireVariable}=1 to make that a failure`);
  return null;
}
