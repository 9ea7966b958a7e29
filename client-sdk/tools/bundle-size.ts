import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { REPOSITORY_ROOT } from './sdk-files.js';

/**
 * What the SDK adds to a browser app, for three typical apps: minified ES module bundles
 * with code splitting, as a bundler builds them. "Loaded first" is the entry chunk and what
 * it imports statically; "in all" adds the chunks loaded on demand (the WebSocket code).
 */
export const APPS: Record<string, string> = {
  'HTTP only (a query)': `
    import { createClient, ComplaintsDocument } from '@redress/client-sdk';
    export const run = () => createClient({ url: '/graphql' }).query(ComplaintsDocument, { first: 20 });`,
  'HTTP with the whole workflow': `
    import { createClient, complaintWorkflow, fileComplaint } from '@redress/client-sdk';
    const client = createClient({ url: '/graphql' });
    export const run = () => [complaintWorkflow(client), fileComplaint];`,
  'live queue (HTTP and WebSocket)': `
    import { createClient, watchComplaintQueue } from '@redress/client-sdk';
    export const run = () => watchComplaintQueue(createClient({ url: '/graphql' }), { onChange: () => {} });`,
};

export interface BundleSize {
  app: string;
  firstBytes: number;
  firstGzip: number;
  allBytes: number;
  allGzip: number;
}

export async function measureBundle(app: string, source: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents: source, resolveDir: REPOSITORY_ROOT, loader: 'ts' },
    alias: { '@redress/client-sdk': path.join(REPOSITORY_ROOT, 'client-sdk/dist/index.js') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    outdir: path.join(REPOSITORY_ROOT, 'client-sdk/.bundle-size'),
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const outputs = new Map(result.outputFiles.map((file) => [path.relative(REPOSITORY_ROOT, file.path), file.contents]));
  const first = staticClosure(result.metafile, entryOf(result.metafile));
  const size = (files: Iterable<string>) => {
    let bytes = 0;
    let gzip = 0;
    for (const file of files) {
      const contents = outputs.get(file);
      if (!contents) continue;
      bytes += contents.byteLength;
      gzip += gzipSync(contents).byteLength;
    }
    return { bytes, gzip };
  };
  const loadedFirst = size(first);
  const inAll = size([...outputs.keys()].filter((file) => file.endsWith('.js')));
  return { app, firstBytes: loadedFirst.bytes, firstGzip: loadedFirst.gzip, allBytes: inAll.bytes, allGzip: inAll.gzip };
}

function entryOf(metafile: Metafile): string {
  const entry = Object.entries(metafile.outputs).find(([, output]) => output.entryPoint);
  if (!entry) throw new Error('esbuild reported no entry chunk');
  return entry[0];
}

/** The entry chunk and every chunk it imports statically, transitively. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const imported of metafile.outputs[file]?.imports ?? []) {
      if (imported.kind === 'import-statement') visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}
