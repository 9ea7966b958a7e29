import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseAllowList, unapprovedBreakingChanges } from './breaking-changes.js';
import { SchemaHistoryUnavailable, schemaRevisions } from './schema-history.js';
import { REPOSITORY_ROOT, SCHEMA_FILE } from './sdk-files.js';

export const ALLOW_LIST_FILE = 'schema/breaking-changes.allowed.json';

/**
 * Fails when any committed version of the public schema (or the working tree) breaks the
 * one before it, unless the change is recorded as deliberate in the allow-list.
 */
async function main(): Promise<void> {
  const allowed = parseAllowList(readFileSync(path.join(REPOSITORY_ROOT, ALLOW_LIST_FILE), 'utf8'));
  const revisions = schemaRevisions(REPOSITORY_ROOT, SCHEMA_FILE);
  const breaking = await unapprovedBreakingChanges(revisions, allowed);
  if (breaking.length > 0) {
    console.error(`Breaking changes to ${SCHEMA_FILE}:`);
    for (const change of breaking) {
      console.error(`  ${change.revision.label} (${change.revision.subject}): ${change.message} [${change.type} ${change.path}]`);
    }
    console.error(
      `Restore what clients rely on (deprecate first), or, when the break is deliberate, record each ` +
        `change in ${ALLOW_LIST_FILE} as { "type", "path", "reason" }.`,
    );
    process.exit(1);
  }
  console.log(`${SCHEMA_FILE}: no unrecorded breaking change across ${revisions.length} versions`);
}

main().catch((error: unknown) => {
  if (error instanceof SchemaHistoryUnavailable) {
    console.error(`Cannot check ${SCHEMA_FILE} for breaking changes: ${error.message}`);
  } else {
    console.error(error);
  }
  process.exit(1);
});
