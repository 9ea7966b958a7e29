import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** A stack trace or debugger in an app that installed the package reaches the SDK's source: every map resolves inside the package. */
const ROOT = path.resolve(__dirname, '../..');
const PACKAGE = path.join(ROOT, 'client-sdk');

interface SourceMap {
  sources: string[];
  sourcesContent?: (string | null)[];
}

it('ships source maps whose sources are in the package or carried by the map itself', () => {
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--dry-run', '--json', '-w', 'client-sdk'], { cwd: ROOT, encoding: 'utf8' }),
  ) as { files: { path: string }[] }[];
  const shipped = new Set(packed.files.map((file) => file.path));
  const maps = [...shipped].filter((file) => file.endsWith('.js.map'));
  expect(maps.length).toBeGreaterThan(10);

  const unresolved: string[] = [];
  for (const file of maps) {
    const map = JSON.parse(readFileSync(path.join(PACKAGE, file), 'utf8')) as SourceMap;
    map.sources.forEach((source, index) => {
      const inPackage = path.posix.normalize(path.posix.join(path.posix.dirname(file), source));
      const carried = typeof map.sourcesContent?.[index] === 'string';
      if (!shipped.has(inPackage) && !carried) unresolved.push(`${file}: ${source}`);
    });
  }
  expect(unresolved).toEqual([]);
  // Every built map in dist is shipped.
  const built = readdirSync(path.join(PACKAGE, 'dist'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js.map'));
  expect(built.map((file) => `dist/${file}`).sort()).toEqual(maps.sort());
});
