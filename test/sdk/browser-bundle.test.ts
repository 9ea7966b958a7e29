import path from 'node:path';
import { build } from 'esbuild';

/** The built SDK bundles for a browser: no Node built-ins, no server code, no `ws`. */
const ROOT = path.resolve(__dirname, '../..');

it('bundles client-sdk/dist for the browser with nothing but its own code, graphql and graphql-ws', async () => {
  const result = await build({
    entryPoints: [path.join(ROOT, 'client-sdk/dist/index.js')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  expect(result.errors).toEqual([]);
  const packages = new Set(
    Object.keys(result.metafile.inputs).map((input) => {
      const inNodeModules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      return inNodeModules ? inNodeModules[1] : input.split('/').slice(0, 2).join('/');
    }),
  );
  expect([...packages].sort()).toEqual(['client-sdk/dist', 'graphql', 'graphql-ws']);
  const code = result.outputFiles[0].text;
  expect(code).not.toMatch(/["']node:/);
  expect(code).toContain('graphql-transport-ws');
});
