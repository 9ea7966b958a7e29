import { findUncoveredRootFields } from './operation-coverage.js';
import { OPERATIONS_DIR, readOperationDocuments, readSchema } from './sdk-files.js';

/** Fails when a root field of the committed schema has no operation document in the SDK. */
const uncovered = findUncoveredRootFields(readSchema(), readOperationDocuments());
if (uncovered.length > 0) {
  console.error(`These root fields of schema/schema.graphql have no SDK operation in ${OPERATIONS_DIR}:`);
  for (const { operation, field } of uncovered) console.error(`  ${operation} ${field}`);
  console.error('Add an operation document for each, then run `npm run sdk:generate`.');
  process.exit(1);
}
console.log('every root field of the schema has an SDK operation');
