import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, pageSize, toConnection, type Connection, type PageArgs } from '../graphql/connection';

/**
 * One page of a query ordered by (created_at, <idColumn>), with its total count. The
 * query must already carry its filters; ordering and the cursor condition are added here.
 */
export async function keysetPage<E extends ObjectLiteral & { createdAt: Date }, T>(
  query: SelectQueryBuilder<E>,
  args: PageArgs,
  toNode: (row: E) => T | Promise<T>,
  idColumn = 'id',
): Promise<Connection<T>> {
  const alias = query.alias;
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeCursor(args.after) : null;
  const totalCount = await query.clone().getCount();
  // Cursors carry milliseconds (JavaScript dates); compare at that precision so no row repeats.
  const at = `date_trunc('milliseconds', ${alias}.created_at)`;
  query.orderBy(at, 'ASC').addOrderBy(`${alias}.${idColumn}`, 'ASC');
  if (cursor) {
    query.andWhere(`(${at}, ${alias}.${idColumn}) > (:cursorAt, :cursorId)`, {
      cursorAt: cursor.createdAt,
      cursorId: cursor.id,
    });
  }
  const rows = await query.limit(limit + 1).getMany();
  const idProperty = idColumn.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  const nodes = await Promise.all(rows.slice(0, limit).map(toNode));
  return toConnection(
    rows.map((row, i) => ({ createdAt: row.createdAt, id: String(row[idProperty]), node: nodes[i] })),
    limit,
    totalCount,
    Boolean(cursor),
    (row) => row.node as T,
  );
}
