import type { TestServer } from './test-server';

/**
 * Reads a connection page by page (`first` at a time, following `endCursor`) and returns the
 * node ids in order with the total counts each page reported. `query` takes `$first` and
 * `$after` and selects `totalCount pageInfo { hasNextPage endCursor } edges { node { id } }`
 * of the root field `field`.
 */
export async function pageThrough(
  server: TestServer,
  token: string,
  query: string,
  field: string,
  first: number,
  variables: Record<string, unknown> = {},
): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 100; pages++) {
    const result: { data?: any; errors?: unknown } = await server.request(query, { ...variables, first, after }, { token });
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    const connection: { totalCount: number; edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } =
      result.data[field];
    ids.push(...connection.edges.map((edge) => edge.node.id));
    totals.push(connection.totalCount);
    if (!connection.pageInfo.hasNextPage) return { ids, totals };
    after = connection.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

/**
 * Asserts that reading the root field `field` page by page (`first` at a time) yields the
 * ids of `all` in the same order, each once, with the same total count on every page.
 * `args` are the field's other arguments as GraphQL text, e.g. `filter: { includeClosed: true }`.
 */
export async function expectPagedAsWhole(
  server: TestServer,
  token: string,
  field: string,
  all: string[],
  first: number,
  args = '',
): Promise<void> {
  const paged = await pageThrough(
    server,
    token,
    `query ($first: Int, $after: String) { ${field}(${args ? `${args}, ` : ''}first: $first, after: $after) {
       totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
    field,
    first,
  );
  expect(paged.ids).toEqual(all);
  expect(new Set(paged.totals)).toEqual(new Set([all.length]));
}
