import { connectionFromRows, pageSize, type Connection, type PageArgs } from '../graphql/connection';
import { badUserInput } from '../graphql/errors';
import type { TenantTransaction } from './tenant-transaction';

/**
 * A position in a keyset order: the row's value of the ordering column (an ISO timestamp, or
 * the decimal digits of a bigint) and its id. Clients see it only as an opaque cursor.
 */
export interface KeysetCursor {
  sortKey: string;
  id: string;
}

/** The type of an ordering column: how a cursor's sort key is checked and compared. */
export type KeysetKeyType = 'timestamptz' | 'bigint';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const BIGINT = /^-?\d{1,19}$/;

/**
 * The cursor clients are given: base64url of `[sortKey, id]`, or `[tag, sortKey, id]` for a
 * list that can be ordered several ways (the tag names the order it was made for).
 */
export function encodeKeysetCursor(position: KeysetCursor, tag?: string): string {
  const parts = tag === undefined ? [position.sortKey, position.id] : [tag, position.sortKey, position.id];
  return Buffer.from(JSON.stringify(parts)).toString('base64url');
}

/** Reads a cursor made by `encodeKeysetCursor`; a cursor this API did not make is a user error. */
export function decodeKeysetCursor(cursor: string, keyType: KeysetKeyType): KeysetCursor {
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parts) && (parts.length === 2 || parts.length === 3)) {
      const [sortKey, id] = parts.slice(-2);
      const validKey = typeof sortKey === 'string' && (keyType === 'bigint' ? BIGINT.test(sortKey) : !Number.isNaN(Date.parse(sortKey)));
      if (validKey && typeof id === 'string' && UUID.test(id)) return { sortKey, id };
    }
  } catch {
    /* fall through */
  }
  throw badUserInput('The cursor `after` is not one this API produced', 'after');
}

/**
 * A position in a sequence numbered per parent (a complaint's timeline): base64url of
 * `<kind>:<number>`. Such lists are paged for many parents at once by one lateral statement
 * (see the complaint loaders), and build their connections with `connectionFromRows`.
 */
export function encodeSequenceCursor(kind: string, seq: string | number): string {
  return Buffer.from(`${kind}:${seq}`).toString('base64url');
}

/** Reads a cursor made by `encodeSequenceCursor` for `kind`: the sequence number, as digits. */
export function decodeSequenceCursor(kind: string, cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^(\d{1,18})$/.exec(decoded.startsWith(`${kind}:`) ? decoded.slice(kind.length + 1) : '');
  if (!match) throw badUserInput('The cursor `after` is not one this API produced', 'after');
  return match[1];
}

/** The prefix of the columns of rows read along with a page's rows (see `KeysetListing.along`). */
export const ALONG = 'along__';

/** The order of a keyset listing: a column, then the row id to break ties. */
export interface KeysetOrder {
  /** The ordering column and the id column, qualified (`t.due_at`, `t.id`). */
  column: string;
  id: string;
  direction: 'ASC' | 'DESC';
  /** The ordering column's type; timestamptz when not given. */
  keyType?: KeysetKeyType;
  /**
   * Timestamps only: compare the column as stored rather than at the millisecond precision
   * cursors carry, so an index on (…, column, id) serves the order and the page condition.
   * For columns whose values carry no finer precision than milliseconds.
   */
  asStored?: boolean;
  /** Written into each cursor: which of several orders of the same list it belongs to. */
  tag?: string;
}

/** A raw-SQL listing paged by an ordering column and the row id (see `keysetPage`). */
export interface KeysetListing<R> {
  /** What to read, e.g. `p.*`; `from`: the FROM clause, e.g. `penalties p`. */
  select: string;
  from: string;
  /** The filter conditions, already joined with AND; their values are in `params` ($1 …). */
  where: string;
  params: unknown[];
  /**
   * Rows read along with each row of the page only (not counted): joins after `from` and the
   * columns they add to `select`, e.g. a lateral join for a row's newest event. Their columns
   * are named `along__<name>` and reach `toNode` as `<name>`, apart from the row.
   */
  along?: { joins: string; select: string };
  orderBy: KeysetOrder;
  /** A database row as the service's row type. */
  rowOf(raw: Record<string, unknown>): R;
  /** The row's position: its value of the ordering column and its id. */
  positionOf(row: R): { sortKey: Date | string | number; id: string };
}

/**
 * One page of a listing, with its total count: one statement (the count an uncounted
 * subquery of it), the page found by a row comparison on (ordering column, id) that an index
 * on them serves. Every paged list of the API goes through here, so every cursor is made and
 * checked the same way.
 */
export async function keysetPage<R, T>(
  db: TenantTransaction,
  listing: KeysetListing<R>,
  args: PageArgs,
  toNode: (row: R, raw: Record<string, unknown>) => T | Promise<T>,
): Promise<Connection<T>> {
  const { from, where, orderBy } = listing;
  const keyType = orderBy.keyType ?? 'timestamptz';
  const params = [...listing.params];
  const limit = pageSize(args.first);
  const cursor = args.after ? decodeKeysetCursor(args.after, keyType) : null;
  const count = `SELECT count(*)::int AS total FROM ${from} WHERE ${where}`;
  // Cursors carry milliseconds (JavaScript dates); unless the column holds no finer values,
  // compare at that precision so no row repeats or goes missing between pages.
  const key = keyType === 'timestamptz' && !orderBy.asStored ? `date_trunc('milliseconds', ${orderBy.column})` : orderBy.column;
  const beyond = orderBy.direction === 'ASC' ? '>' : '<';
  let page = '';
  if (cursor) {
    params.push(cursor.sortKey, cursor.id);
    page = ` AND (${key}, ${orderBy.id}) ${beyond} ($${params.length - 1}::${keyType}, $${params.length}::uuid)`;
  }
  const along = listing.along ? { joins: ` ${listing.along.joins}`, select: `, ${listing.along.select}` } : { joins: '', select: '' };
  // The count runs once for the statement (an uncorrelated subquery: an InitPlan).
  const raw = await db.query<Record<string, unknown>>(
    `SELECT ${listing.select}${along.select}, (${count}) AS keyset_total__ FROM ${from}${along.joins} WHERE ${where}${page}
      ORDER BY ${key} ${orderBy.direction}, ${orderBy.id} ${orderBy.direction} LIMIT ${limit + 1}`,
    params,
  );
  // An empty page carries no count: past the end of the list it is read on its own.
  const total =
    raw.length > 0 ? (raw[0].keyset_total__ as number) : cursor ? (await db.query<{ total: number }>(count, listing.params))[0].total : 0;
  // The rows read along (their columns named `along__…`) go to `toNode` apart from the row;
  // the columns are told apart once, and each row copied in two (deleting keys from pg's row
  // objects would turn them into slow dictionaries).
  const columns = raw.length ? Object.keys(raw[0]).filter((column) => column !== 'keyset_total__') : [];
  const own = columns.filter((column) => !column.startsWith(ALONG));
  const alongColumns = columns.filter((column) => column.startsWith(ALONG));
  const split = raw.map((row) => {
    const base: Record<string, unknown> = {};
    for (const column of own) base[column] = row[column];
    const along: Record<string, unknown> = {};
    for (const column of alongColumns) along[column.slice(ALONG.length)] = row[column];
    return { base, along };
  });
  const rows = split.map(({ base }) => listing.rowOf(base));
  const nodes = await Promise.all(rows.slice(0, limit).map((row, index) => toNode(row, split[index].along)));
  const cursorOf = ({ row }: { row: R }) => {
    const position = listing.positionOf(row);
    const sortKey = position.sortKey instanceof Date ? position.sortKey.toISOString() : String(position.sortKey);
    return encodeKeysetCursor({ sortKey, id: position.id }, orderBy.tag);
  };
  const paired = rows.map((row, index) => ({ row, node: nodes[index] }));
  return connectionFromRows(paired, limit, total, Boolean(cursor), cursorOf, ({ node }) => node);
}
