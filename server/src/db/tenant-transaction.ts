import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Clock } from '../time/clock';
import { countTransaction } from '../metrics/open-transactions';

/** Whose data a transaction may touch: row-level security reads these settings. */
export interface DataScope {
  tenantId: string | null;
  userId: string | null;
}

/**
 * One database transaction for one GraphQL operation. It is opened on first use, begins
 * with transaction-local `app.tenant_id` / `app.user_id` settings (they cannot leak to the
 * next user of the pooled connection) and is finished once, when the operation ends.
 *
 * It also sets `app.now`, the business clock's instant as the transaction opens: SQL writes
 * business time with `app_now()` (that instant plus the time elapsed in the transaction), so
 * timestamps written by the database agree with the clock the server runs on.
 */
export class TenantTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private finished = false;
  private savepoints = 0;
  /** Counted in the open-transactions metric (from BEGIN until finished). */
  private counted = false;
  /** Statements sent through this transaction, including BEGIN and the settings. */
  statementCount = 0;

  constructor(
    readonly dataSource: DataSource,
    /** The business clock; services that hold the transaction read time from it. */
    readonly clock: Clock,
    readonly scope: DataScope,
    /** READ COMMITTED unless a reader needs one snapshot across its statements. */
    private readonly isolation: 'READ COMMITTED' | 'REPEATABLE READ' = 'READ COMMITTED',
  ) {}

  /** The EntityManager bound to this transaction; opens it on first call. */
  manager(): Promise<EntityManager> {
    if (this.finished) throw new Error('The transaction of this operation has already finished');
    this.opening ??= this.open();
    return this.opening;
  }

  /** Runs a raw statement inside the transaction and returns its rows (RETURNING rows for writes). */
  async query<T = any>(sql: string, params: unknown[] = []): Promise<T[]> {
    await this.manager();
    // The structured result keeps UPDATE … RETURNING rows apart from the affected count.
    const result = await this.runner!.query(sql, params, true);
    return result.records as T[];
  }

  /**
   * Runs `work` inside a savepoint and undoes its writes when it throws or when
   * `shouldUndo(result)` says so (a mutation that returns expected errors changes nothing).
   */
  async withSavepoint<T>(work: () => Promise<T>, shouldUndo: (result: T) => boolean): Promise<T> {
    await this.manager();
    const name = `op_${++this.savepoints}`;
    await this.query(`SAVEPOINT ${name}`);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      await this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    }
    await this.query(shouldUndo(result) ? `ROLLBACK TO SAVEPOINT ${name}` : `RELEASE SAVEPOINT ${name}`);
    return result;
  }

  /** Commits (or rolls back) and returns the connection to the pool. Safe to call twice. */
  async finish(commit: boolean): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    if (!this.opening) return;
    const runner = this.runner;
    try {
      await this.opening.catch(() => undefined);
      if (runner?.isTransactionActive) {
        if (commit) await runner.commitTransaction();
        else await runner.rollbackTransaction();
      }
    } finally {
      if (this.counted) countTransaction(this.dataSource, -1);
      this.counted = false;
      if (runner && !runner.isReleased) await runner.release();
    }
  }

  private async open(): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    // Resolvers of one operation run concurrently; one connection takes one statement at a
    // time, so statements are queued here (pg would queue them too, but deprecates it).
    const originalQuery = runner.query.bind(runner);
    let queue: Promise<unknown> = Promise.resolve();
    runner.query = ((...args: Parameters<QueryRunner['query']>) => {
      this.statementCount++;
      const run = queue.then(() => originalQuery(...args));
      queue = run.catch(() => undefined);
      return run;
    }) as QueryRunner['query'];
    try {
      await runner.connect();
      await runner.startTransaction(this.isolation);
      countTransaction(this.dataSource, 1);
      this.counted = true;
      this.statementCount++;
      await runner.query(
        `SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true), set_config('app.now', $3, true)`,
        [this.scope.tenantId ?? '', this.scope.userId ?? '', this.clock.now().toISOString()],
      );
      return runner.manager;
    } catch (error) {
      this.finished = true;
      if (this.counted) countTransaction(this.dataSource, -1);
      this.counted = false;
      if (!runner.isReleased) await runner.release();
      throw error;
    }
  }
}

/**
 * Runs `work` in its own scoped transaction and commits it: the explicit path for work that
 * has no request transaction of the right scope (login, tenant creation, seeding, jobs).
 * `snapshot` reads every statement from one snapshot (REPEATABLE READ), for a view that must
 * not mix the states before and after a concurrent change.
 */
export async function inScopedTransaction<T>(
  dataSource: DataSource,
  clock: Clock,
  scope: DataScope,
  work: (tx: TenantTransaction) => Promise<T>,
  options: { snapshot?: boolean } = {},
): Promise<T> {
  const tx = new TenantTransaction(dataSource, clock, scope, options.snapshot ? 'REPEATABLE READ' : 'READ COMMITTED');
  try {
    const result = await work(tx);
    await tx.finish(true);
    return result;
  } catch (error) {
    await tx.finish(false);
    throw error;
  }
}
