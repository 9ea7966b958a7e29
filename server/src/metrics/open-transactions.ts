/**
 * Database transactions open right now, per DataSource (one per running app; tests start
 * several in one process). TenantTransaction counts itself in when its BEGIN succeeded and
 * out when it is finished; the metrics read the count at scrape time.
 */
const openByDataSource = new WeakMap<object, number>();

export function countTransaction(dataSource: object, delta: 1 | -1): void {
  openByDataSource.set(dataSource, (openByDataSource.get(dataSource) ?? 0) + delta);
}

export function openTransactions(dataSource: object): number {
  return openByDataSource.get(dataSource) ?? 0;
}
