import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import {
  connectionFromRows,
  decodeCursor,
  encodeCursor,
  pageSize,
  toConnection,
  type Connection,
  type PageArgs,
} from '../graphql/connection';
import type { TenantTransaction } from './tenant-transaction';

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

/** A raw-SQL listing paged by a timestamp column and the row id (see `sqlKeysetPage`). */
export interface SqlKeysetListing<R> {
  /** What to read, e.g. `p.*`; `from`: the FROM clause, e.g. `penalties p`. */
  select: string;
  from: string;
  /** The filter conditions, already joined with AND; their values are in `params` ($1 …). */
  where: string;
  params: unknown[];
  /** The timestamp column and the id column, qualified (`t.due_at`, `t.id`), and the direction. */
  orderBy: { column: string; id: string; direction: 'ASC' | 'DESC' };
  /** A database row as the service's row type. */
  rowOf(raw: Record<string, unknown>): R;
  /** The row's value of the ordering column, which its cursor carries. */
  keyOf(row: R): Date;
}

/**
 * One page of a raw-SQL listing, with its total count: two statements, the page found by a
 * row comparison on (ordering column, id) that an index on them serves. Cursors carry
 * milliseconds (JavaScript dates), so the column is compared at that precision.
 */
export async function sqlKeysetPage<R extends { id: string }, T>(
  db: TenantTransaction,
  listing: SqlKeysetListing<R>,
  args: PageArgs,
  toNode: (row: R) => T,
): Promise<Connection<T>> {
  const { from, where, orderBy } = listing;
  const params = [...listing.params];
  const limit = pageSize(args.first);
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`, params);
  const cursor = args.after ? decodeCursor(args.after) : null;
  const at = `date_trunc('milliseconds', ${orderBy.column})`;
  const beyond = orderBy.direction === 'ASC' ? '>' : '<';
  let page = '';
  if (cursor) {
    params.push(cursor.createdAt, cursor.id);
    page = ` AND (${at}, ${orderBy.id}) ${beyond} ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
  }
  const raw = await db.query(
    `SELECT ${listing.select} FROM ${from} WHERE ${where}${page}
      ORDER BY ${at} ${orderBy.direction}, ${orderBy.id} ${orderBy.direction} LIMIT ${limit + 1}`,
    params,
  );
  const rows = raw.map((row: Record<string, unknown>) => listing.rowOf(row));
  return connectionFromRows(rows, limit, total, Boolean(cursor), (row) => encodeCursor({ createdAt: listing.keyOf(row), id: row.id }), toNode);
}
