import type { DataSource, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity's columns read under a prefix (`t.id AS "tenant__id", …`), so that a statement
 * reading other rows can carry an entity's row along, with the column types pg parses.
 */
export function prefixedColumns(dataSource: DataSource, entity: EntityTarget<ObjectLiteral>, alias: string, prefix: string): string {
  return dataSource
    .getMetadata(entity)
    .columns.map((column) => `${alias}.${column.databaseName} AS "${prefix}${column.databaseName}"`)
    .join(', ');
}

/** The entity a row read with `prefixedColumns` carries; null when its primary key is null (no row joined). */
export function entityFromPrefixed<T extends ObjectLiteral>(
  dataSource: DataSource,
  entity: EntityTarget<T>,
  raw: Record<string, unknown>,
  prefix: string,
): T | null {
  const metadata = dataSource.getMetadata(entity);
  const { keys, columns } = prefixedNames(metadata, prefix);
  if (keys.some((key) => raw[key] == null)) return null;
  const result = metadata.create() as T;
  for (const [name, column] of columns) column.setEntityValue(result, dataSource.driver.prepareHydratedValue(raw[name], column));
  return result;
}

type Prefixed = { keys: string[]; columns: [string, ColumnMetadata][] };
const prefixedNamesCache = new WeakMap<EntityMetadata, Map<string, Prefixed>>();

/** The prefixed names of an entity's primary key and of all its columns, worked out once. */
function prefixedNames(metadata: EntityMetadata, prefix: string): Prefixed {
  let byPrefix = prefixedNamesCache.get(metadata);
  if (!byPrefix) prefixedNamesCache.set(metadata, (byPrefix = new Map()));
  let names = byPrefix.get(prefix);
  if (!names) {
    names = {
      keys: metadata.primaryColumns.map((column) => `${prefix}${column.databaseName}`),
      columns: metadata.columns.map((column) => [`${prefix}${column.databaseName}`, column]),
    };
    byPrefix.set(prefix, names);
  }
  return names;
}
