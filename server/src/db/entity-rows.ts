import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';

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
  if (metadata.primaryColumns.some((column) => raw[`${prefix}${column.databaseName}`] == null)) return null;
  const result = metadata.create() as T;
  for (const column of metadata.columns) {
    const value = raw[`${prefix}${column.databaseName}`];
    column.setEntityValue(result, dataSource.driver.prepareHydratedValue(value, column));
  }
  return result;
}
