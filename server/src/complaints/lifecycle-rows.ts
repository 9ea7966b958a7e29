import type { ComplaintRow, ResolutionRow } from './complaint-rows';

/** A camelCase property name as its snake_case column: `tenantId` → `tenant_id`. */
type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** A row as PostgreSQL returns it, before `camelRow` turns it into `Row`. */
export type TableRow<Row> = { [K in keyof Row & string as SnakeCase<K>]: Row[K] };

/** Rows the lifecycle's own queries read. */
export type ComplaintTableRow = TableRow<ComplaintRow>;
export type ResolutionTableRow = TableRow<ResolutionRow>;
export interface IdRow {
  id: string;
}
export interface PendingStepRow {
  id: string;
  role: string;
}
export interface DecidedStepRow {
  id: string;
  position: number;
  role: string;
  resolution_id: string;
}
export interface PendingCountRow {
  pending: number;
}
