import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Every ```ts sample of client-sdk/README.md compiles as an app would write it: against the
 * built package, with `strict`, `noUncheckedIndexedAccess` and `exactOptionalPropertyTypes`.
 * Each sample is a module of its own; its statements run in an async function (so a sample
 * may `await` and `return` early), and readme-samples/prelude.d.ts declares the app's own
 * names (render, showErrors, …).
 */
const ROOT = path.resolve(__dirname, '../..');
const README = path.join(ROOT, 'client-sdk/README.md');
const PRELUDE = path.join(__dirname, 'readme-samples/prelude.d.ts');

interface Sample {
  /** Line of the README where the sample's code starts. */
  line: number;
  code: string;
}

function samplesOf(markdown: string): Sample[] {
  const samples: Sample[] = [];
  for (const match of markdown.matchAll(/^```ts\n([\s\S]*?)^```$/gm)) {
    samples.push({ line: markdown.slice(0, match.index).split('\n').length + 1, code: match[1] });
  }
  return samples;
}

/** The sample as a module: its imports on top, the rest in an async function, each line where it was. */
function moduleOf(code: string): string {
  const imports = /^(?:\s*import\s[^;]*?from\s*'[^']+';)*/.exec(code)![0];
  return `${imports} export async function sample(): Promise<void> {${code.slice(imports.length)}\n}\n`;
}

/** Compiles the samples; returns the compiler's errors, each named by the README line it comes from. */
function compile(samples: Sample[]): string[] {
  const dir = mkdtempSync(path.join(__dirname, 'readme-samples/compiled-'));
  try {
    const files = samples.map((sample, index) => {
      const file = `sample-${index}.mts`;
      writeFileSync(path.join(dir, file), moduleOf(sample.code));
      return file;
    });
    const tsconfig = {
      compilerOptions: {
        strict: true,
        noUncheckedIndexedAccess: true,
        exactOptionalPropertyTypes: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: [],
        noEmit: true,
        skipLibCheck: true,
      },
      files: [path.relative(dir, PRELUDE), ...files],
    };
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
    try {
      execFileSync(path.join(ROOT, 'node_modules/.bin/tsc'), ['-p', dir], { cwd: ROOT, encoding: 'utf8' });
      return [];
    } catch (error) {
      const failed = error as { stdout?: string; stderr?: string };
      return `${failed.stdout ?? ''}${failed.stderr ?? ''}`
        .split('\n')
        .filter((line) => line.includes('error TS'))
        .map((line) => {
          // sample-3.mts(12,5): … → README line of the sample's code
          const at = /sample-(\d+)\.mts\((\d+),\d+\)/.exec(line);
          if (!at) return line;
          return `README.md:${samples[Number(at[1])].line + Number(at[2]) - 1}: ${line.slice(line.indexOf('error TS'))}`;
        });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!existsSync(path.join(ROOT, 'client-sdk/dist/index.d.ts'))) {
    throw new Error('client-sdk/dist is missing: run `npm run build` (npm test does it first)');
  }
});

it('compiles every TypeScript sample of the SDK README under strict settings', () => {
  const samples = samplesOf(readFileSync(README, 'utf8'));
  expect(samples.length).toBeGreaterThan(5);
  expect(compile(samples)).toEqual([]);
});

it('fails a sample that is wrong under these settings', () => {
  // An unchecked index: fine under plain `strict`, an error with noUncheckedIndexedAccess.
  const wrong = `import { complaintWorkflow, createClient } from '@redress/client-sdk';
const workflow = complaintWorkflow(createClient({ url: '/graphql' }));
const accepted = await workflow.assess({ id: 'x', version: 1 }, { decision: 'ACCEPT' });
if (!accepted.ok && accepted.errors[0].code === 'STALE_VERSION') reload();
`;
  const errors = compile([{ line: 1, code: wrong }]);
  expect(errors).toEqual([expect.stringMatching(/^README\.md:4: error TS(2532|18048)/)]);
});
