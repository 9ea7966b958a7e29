import path from 'node:path';
import { build } from 'esbuild';

/**
 * The built SDK bundles for a browser: no Node built-ins, no server code, no `ws`. The chunk
 * an app loads first holds the SDK's own code only: documents are strings (no syntax trees,
 * no graphql parser or printer), and the WebSocket client is a chunk loaded when the first
 * live operation starts.
 */
const ROOT = path.resolve(__dirname, '../..');

const packageOf = (input: string) => {
  const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
  return inNodeModules ? inNodeModules[1] : input.split('/').slice(0, 2).join('/');
};

async function bundle(entry: { file: string } | { contents: string }) {
  const result = await build({
    ...('file' in entry
      ? { entryPoints: [entry.file] }
      : { stdin: { contents: entry.contents, resolveDir: ROOT, sourcefile: 'app.js', loader: 'js' as const } }),
    bundle: true,
    splitting: true,
    outdir: path.join(ROOT, 'bundle-out'),
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  const outputs = Object.entries(result.metafile.outputs);
  const [entryName, entryOutput] = outputs.find(([, output]) => output.entryPoint !== undefined)!;
  const code = (name: string) => result.outputFiles.find((file) => file.path === path.resolve(ROOT, name))!.text;
  /** The chunks the entry loads at once (static imports, transitively): what an app pays before any live operation. */
  const eager = new Set<string>();
  const visit = (name: string) => {
    if (eager.has(name)) return;
    eager.add(name);
    for (const imported of result.metafile.outputs[name].imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryName);
  const inputsOf = (names: Iterable<string>) => [...names].flatMap((name) => Object.keys(result.metafile.outputs[name].inputs));
  return { outputs, entryOutput, eager, inputsOf, code };
}

it('bundles client-sdk/dist for the browser: the SDK, with graphql-ws (and graphql, for an app’s own syntax trees) in chunks loaded later', async () => {
  const { outputs, eager, inputsOf, code } = await bundle({ file: path.join(ROOT, 'client-sdk/dist/index.js') });
  const all = new Set(inputsOf(outputs.map(([name]) => name)).map(packageOf));
  expect([...all].sort()).toEqual(['client-sdk/dist', 'graphql', 'graphql-ws']);
  for (const [name] of outputs) expect(code(name)).not.toMatch(/["']node:/);

  const eagerInputs = inputsOf(eager);
  expect([...new Set(eagerInputs.map(packageOf))]).toEqual(['client-sdk/dist']);
  expect(eagerInputs).not.toContain('client-sdk/dist/socket-transport.js');
  const eagerCode = [...eager].map(code).join('\n');
  expect(eagerCode).not.toContain('graphql-transport-ws');
  // Documents are their text, not syntax trees.
  expect(eagerCode).not.toContain('"kind":"OperationDefinition"');
  expect(eagerCode).toContain('query Me');

  const lazy = outputs.filter(([name]) => !eager.has(name));
  const socketChunk = lazy.find(([, output]) => Object.keys(output.inputs).includes('client-sdk/dist/socket-transport.js'));
  expect(socketChunk).toBeDefined();
  expect(code(socketChunk![0])).toContain('graphql-transport-ws');
});

it('leaves the WebSocket client and graphql out of what an HTTP-only app loads', async () => {
  const app = `
    import { createClient, MeDocument } from './client-sdk/dist/index.js';
    const client = createClient({ url: '/graphql', token: 'x' });
    client.query(MeDocument).then((data) => console.log(data.me.name));
  `;
  const { eager, inputsOf, code } = await bundle({ contents: app });
  const eagerInputs = inputsOf(eager);
  expect(eagerInputs.filter((input) => input.includes('node_modules'))).toEqual([]);
  expect(eagerInputs).not.toContain('client-sdk/dist/socket-transport.js');
  const eagerCode = [...eager].map(code).join('\n');
  expect(eagerCode).not.toContain('graphql-transport-ws');
  // Only the documents the app uses are bundled.
  expect(eagerCode).toContain('query Me');
  expect(eagerCode).not.toContain('mutation FileComplaint');
});
