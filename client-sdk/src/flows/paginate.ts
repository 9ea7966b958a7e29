import type { RedressClient } from '../client.js';
import type { OperationArguments, QueryDocument } from '../documents.js';

/** What every paginated field of the API answers (`complaints`, `penalties`, `members`, …). */
export interface ConnectionPage<TNode> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: ReadonlyArray<{ node: TNode }>;
}

export interface PaginateOptions {
  /** Aborts the request under way and stops between pages: the iteration throws. */
  signal?: AbortSignal | undefined;
}

/** The variables of a document whose connection takes `after`, without it (the iterator sets it). */
type PageVariables<TVariables> = Omit<TVariables, 'after'>;

/**
 * Reads a connection query page after page: yields each page as `select` picks it out of the
 * data, following `pageInfo.endCursor` until `hasNextPage` is false.
 *
 *   for await (const page of pages(client, PenaltiesDocument, { first: 100 }, (data) => data.penalties)) …
 */
export async function* pages<TData, TVariables extends { after?: string | null | undefined }, TNode>(
  client: RedressClient,
  document: QueryDocument<TData, TVariables>,
  variables: PageVariables<TVariables>,
  select: (data: TData) => ConnectionPage<TNode>,
  options: PaginateOptions = {},
): AsyncGenerator<ConnectionPage<TNode>, void, undefined> {
  let after: string | null = null;
  for (;;) {
    options.signal?.throwIfAborted();
    const requestOptions = options.signal ? { signal: options.signal } : {};
    const data = await client.query(document, ...([{ ...variables, after }, requestOptions] as unknown as OperationArguments<TVariables>));
    options.signal?.throwIfAborted();
    const page = select(data);
    yield page;
    if (!page.pageInfo.hasNextPage || page.edges.length === 0) return;
    after = page.pageInfo.endCursor;
  }
}

/**
 * Every node of a connection query, page after page (see `pages`):
 *
 *   for await (const complaint of paginate(client, ComplaintsDocument, { first: 100 }, (data) => data.complaints)) …
 */
export async function* paginate<TData, TVariables extends { after?: string | null | undefined }, TNode>(
  client: RedressClient,
  document: QueryDocument<TData, TVariables>,
  variables: PageVariables<TVariables>,
  select: (data: TData) => ConnectionPage<TNode>,
  options: PaginateOptions = {},
): AsyncGenerator<TNode, void, undefined> {
  for await (const page of pages(client, document, variables, select, options)) {
    for (const edge of page.edges) yield edge.node;
  }
}
