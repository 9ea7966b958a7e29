import { APPS, measureBundle } from './bundle-size.js';

/** Prints the browser bundle sizes of typical apps as a Markdown table (for client-sdk/README.md). */
async function main(): Promise<void> {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log('| app | loaded first (min / gzip) | in all (min / gzip) |');
  console.log('|---|---|---|');
  for (const [app, source] of Object.entries(APPS)) {
    const size = await measureBundle(app, source);
    console.log(`| ${app} | ${kb(size.firstBytes)} / ${kb(size.firstGzip)} | ${kb(size.allBytes)} / ${kb(size.allGzip)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
