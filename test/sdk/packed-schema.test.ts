import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { buildSchema, parse, validate } from 'graphql';

/** The package ships the schema it was generated from, so an app can type documents of its own. */
const ROOT = path.resolve(__dirname, '../..');
const run = promisify(execFile);

it('ships schema.graphql, exported as @redress/client-sdk/schema.graphql and equal to the committed schema', async () => {
  const directory = await mkdtemp(path.join(tmpdir(), 'redress-sdk-pack-'));
  try {
    const { stdout } = await run('npm', ['pack', '-w', 'client-sdk', '--pack-destination', directory, '--json'], { cwd: ROOT });
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    await run('tar', ['-xzf', filename], { cwd: directory });
    const manifest = JSON.parse(await readFile(path.join(directory, 'package/package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    expect(manifest.exports['./schema.graphql']).toBe('./schema.graphql');

    const shipped = await readFile(path.join(directory, 'package/schema.graphql'), 'utf8');
    expect(shipped).toBe(await readFile(path.join(ROOT, 'schema/schema.graphql'), 'utf8'));
    // An app's own document checks against it: right fields pass, a wrong one is named.
    const schema = buildSchema(shipped);
    expect(
      validate(schema, parse('query Mine { complaints(first: 5) { totalCount edges { node { number availableActions { action } } } } }')),
    ).toEqual([]);
    const [wrong] = validate(schema, parse('query Wrong { complaints { nope } }'));
    expect(wrong?.message).toMatch(/nope/);
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
});
