import type { DataSource } from 'typeorm';
import type { DatabaseLimits } from '../config/config';

export type TransactionLimits = Pick<DatabaseLimits, 'statementTimeoutMs' | 'idleInTransactionTimeoutMs'>;

const limitsOfPool = new WeakMap<DataSource, TransactionLimits>();

/** Records the timeouts each transaction of a runtime pool sets for itself as it opens. */
export function setTransactionLimits(dataSource: DataSource, { statementTimeoutMs, idleInTransactionTimeoutMs }: TransactionLimits): void {
  limitsOfPool.set(dataSource, { statementTimeoutMs, idleInTransactionTimeoutMs });
}

/** The timeouts a transaction on this pool sets, transaction-locally; none for a pool made otherwise. */
export function transactionLimitsOf(dataSource: DataSource): TransactionLimits | undefined {
  return limitsOfPool.get(dataSource);
}
