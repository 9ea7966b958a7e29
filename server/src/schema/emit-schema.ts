import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildAppSchema } from '../graphql/schema';

/**
 * Writes schema/schema.graphql from the code, or with --check fails when the committed
 * file differs (the committed schema is the public contract).
 */
async function main(): Promise<void> {
  const target = path.resolve(__dirname, '../../../schema/schema.graphql');
  const printed = `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
  if (process.argv.includes('--check')) {
    const committed = await readFile(target, 'utf8').catch(() => '');
    if (committed !== printed) {
      console.error('schema/schema.graphql is out of date with the code. Run `npm run schema:emit` and commit it.');
      process.exit(1);
    }
    console.log('schema/schema.graphql is current');
    return;
  }
  await writeFile(target, printed);
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
