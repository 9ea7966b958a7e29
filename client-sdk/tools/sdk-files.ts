import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The repository root, from the working directory npm runs scripts in. */
export const REPOSITORY_ROOT = process.cwd();
export const SCHEMA_FILE = 'schema/schema.graphql';
export const OPERATIONS_DIR = 'client-sdk/operations';

export function readSchema(root = REPOSITORY_ROOT): string {
  return readFileSync(path.join(root, SCHEMA_FILE), 'utf8');
}

/** The SDK's operation documents, each as its text. */
export function readOperationDocuments(root = REPOSITORY_ROOT): string[] {
  const directory = path.join(root, OPERATIONS_DIR);
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => readFileSync(path.join(directory, file), 'utf8'));
}
