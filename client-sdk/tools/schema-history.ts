import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface SchemaRevision {
  /** A commit id, or `working tree` for uncommitted changes. */
  label: string;
  subject: string;
  sdl: string;
}

export class SchemaHistoryUnavailable extends Error {}

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/**
 * Every committed version of the schema file along the first-parent history, oldest first,
 * then the working tree when it differs from the last commit. Throws SchemaHistoryUnavailable
 * when git or a complete history is missing (a shallow clone cannot show what was removed).
 */
export function schemaRevisions(root: string, file: string): SchemaRevision[] {
  let shallow: string;
  try {
    shallow = git(root, ['rev-parse', '--is-shallow-repository']).trim();
  } catch (error) {
    throw new SchemaHistoryUnavailable(`git history is not available here: ${(error as Error).message.split('\n')[0]}`);
  }
  if (shallow !== 'false') {
    throw new SchemaHistoryUnavailable('this is a shallow clone; fetch the whole history (git fetch --unshallow)');
  }
  const log = git(root, ['log', '--first-parent', '--reverse', '--format=%H%x09%s', '--', file]).trim();
  if (!log) throw new SchemaHistoryUnavailable(`${file} has no committed version to compare with`);
  const revisions = log.split('\n').map((line) => {
    const [commit, subject] = line.split('\t');
    return { label: commit.slice(0, 12), subject, sdl: git(root, ['show', `${commit}:${file}`]) };
  });
  const current = readFileSync(path.join(root, file), 'utf8');
  if (current !== revisions[revisions.length - 1].sdl) {
    revisions.push({ label: 'working tree', subject: 'uncommitted changes', sdl: current });
  }
  return revisions;
}
