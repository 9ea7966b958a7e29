import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

/** Gzip sizes of a Vite build's JavaScript: what index.html loads, and what each lazy chunk adds. */
export interface BundleSizes {
  /** The entry chunk and everything it imports statically, gzip bytes. */
  initialBytes: number;
  initialFiles: string[];
  /** Each dynamically imported chunk with its static imports not already loaded at start. */
  lazy: { file: string; bytes: number; files: string[] }[];
}

// Minified output quotes with ", ' or `.
const STATIC_IMPORT = /import\s*(?:[\w$*{}\s,]+from\s*)?["'`]\.\/([\w.-]+\.js)["'`]/g;
const DYNAMIC_IMPORT = /import\(\s*["'`]\.\/([\w.-]+\.js)["'`]\s*\)/g;

/** Gzip bytes of a set of chunks of `dist/assets`. */
export function gzipBytes(dist: string, files: Iterable<string>): number {
  let total = 0;
  for (const file of new Set(files)) total += gzipSync(readFileSync(path.join(dist, 'assets', file)), { level: 9 }).length;
  return total;
}

/** A chunk's name without Vite's content hash: `QueuePage-B64s7pGU.js` → `QueuePage`. */
export const chunkName = (file: string) => file.replace(/-[\w-]{8}\.js$/, '');

export function bundleSizes(dist: string): BundleSizes {
  const assets = path.join(dist, 'assets');
  const read = (file: string) => readFileSync(path.join(assets, file), 'utf8');
  const closure = (start: string, known: ReadonlySet<string>): string[] => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file) || known.has(file)) return;
      seen.add(file);
      for (const match of read(file).matchAll(STATIC_IMPORT)) visit(match[1]);
    };
    visit(start);
    return [...seen];
  };
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const entry = /<script[^>]+type="module"[^>]+src="\/assets\/([\w.-]+\.js)"/.exec(html)?.[1];
  if (!entry) throw new Error(`no module entry in ${dist}/index.html`);
  const initialFiles = closure(entry, new Set());
  const initial = new Set(initialFiles);
  const dynamic = new Set(initialFiles.flatMap((file) => [...read(file).matchAll(DYNAMIC_IMPORT)].map((match) => match[1])));
  const lazy = [...dynamic]
    .filter((file) => !initial.has(file))
    .map((file) => {
      const files = closure(file, initial);
      return { file, files, bytes: gzipBytes(dist, files) };
    });
  return { initialBytes: gzipBytes(dist, initialFiles), initialFiles, lazy };
}
