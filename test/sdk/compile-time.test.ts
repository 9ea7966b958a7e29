import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * test/sdk/compile-time/frontend-usage.ts holds correct usages and `@ts-expect-error` lines
 * (wrong variables, missing variables, unselected fields, unchecked results). tsc must accept
 * it: a mistake the compiler stops catching leaves its directive unused, which fails here.
 */
const ROOT = path.resolve(__dirname, '../..');

function typeCheck(): { ok: boolean; output: string } {
  try {
    const output = execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['--noEmit', '--explainFiles', '-p', 'test/sdk/compile-time'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return { ok: true, output };
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    return { ok: false, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

it('type-checks frontend usage of the installed package: mistakes against the schema fail to compile', () => {
  if (!existsSync(path.join(ROOT, 'client-sdk/dist/index.d.ts'))) {
    throw new Error('client-sdk/dist is missing: run `npm run build` (npm test does it first)');
  }
  const { ok, output } = typeCheck();
  const errors = output.split('\n').filter((line) => line.includes('error TS'));
  expect(errors).toEqual([]);
  expect(ok).toBe(true);
  // The package is resolved as a frontend installs it: its built declarations, not its sources.
  expect(output).toMatch(/client-sdk\/dist\/index\.d\.ts/);
  expect(output).not.toMatch(/client-sdk\/src\//);
});
