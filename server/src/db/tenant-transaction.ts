import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import type { Clock } from '../time/clock';
import type { TenantEntity } from '../entities';
import { commitRefusal, ignoreBrokenConnection, serviceUnavailable, serviceUnavailableFrom } from './database-errors';
import { countTransaction } from '../metrics/open-transactions';
import { transactionLimitsOf } from './transaction-limits';

/** Whose data a transaction may touch: row-level security reads these settings. */
export interface DataScope {
  tenantId: string | null;
  userId: string | null;
}

/**
 * The rows of a statement whose row type was not given: columns of unknown type, so a read
 * of one does not compile. Statements whose rows are read name their row type
 * (`query<InvestigationRow>(…)`); statements whose rows are not read need none.
 */
export type UnreadRow = Record<string, unknown>;

/** The settings every transaction opens with, as select-list columns numbered from `offset` + 1, and their values. */
interface TransactionSettings {
  columns(offset: number): string;
  values: string[];
}

/** The section of work (see `TenantTransaction.inScope`) the current asynchronous call chain belongs to. */
const currentSection = new AsyncLocalStorage<object>();

/**
 * One database transaction for one GraphQL operation. It is opened on first use, begins
 * with transaction-local `app.tenant_id` / `app.user_id` settings (they cannot leak to the
 * next user of the pooled connection) and is finished once, when the operation ends.
 *
 * It also sets `app.now`, the business clock's instant as the transaction opens: SQL writes
 * business time with `app_now()` (that instant plus the time elapsed in the transaction), so
 * timestamps written by the database agree with the clock the server runs on.
 *
 * An operation holds at most this one connection: work that needs another scope (the public
 * operations, which learn their tenant from a slug) runs on it too, through `inScope`.
 */
export class TenantTransaction {
  private runner?: QueryRunner;
  private opening?: Promise<EntityManager>;
  private finished = false;
  private savepoints = 0;
  /** The scoped section running now: statements of other call chains wait until it is done. */
  private section: { token: object; done: Promise<void> } | null = null;
  private preferSnapshot = false;
  /** A mutation's savepoint asked for before the transaction opened: taken as it opens. */
  private pendingSavepoint: string | null = null;
  /** The scope in force on the connection now: the operation's, or a running section's. */
  private activeScope?: DataScope;
  /** Counted in the open-transactions metric (from BEGIN until finished). */
  private counted = false;
  /** The scope's tenant row, when the statement that opened the transaction read it (see `openWith`). */
  tenant: TenantEntity | null = null;
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
    if (this.othersSection()) return this.section!.done.then(() => this.manager());
    this.opening ??= this.open();
    return this.opening;
  }

  /**
   * Runs `sql` as the first statement of the transaction, together with the settings: when
   * the transaction has not opened yet, it opens with one statement that sets them and
   * returns `sql`'s rows, saving a round trip (the membership re-read of every operation).
   * Once open, it is an ordinary `query`.
   */
  async openWith<T = UnreadRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    if (this.opening || this.finished || this.othersSection()) return this.query<T>(sql, params);
    let rows: T[] = [];
    this.opening = this.open((runner, settings) => {
      const offset = params.length;
      // The settings are computed in the outer one-row subquery; the read refers to it
      // laterally, and neither can be pulled up into the other (OFFSET 0), so the read is the
      // inner side of a nested loop, parameterized by the settings' row: it runs after they
      // are in force, and row-level security sees them.
      const text = `SELECT r.* FROM (SELECT ${settings.columns(offset)} OFFSET 0) s
        CROSS JOIN LATERAL (SELECT * FROM (${sql}) q WHERE s.opened IS NOT NULL OFFSET 0) r`;
      return runner.query(text, [...params, ...settings.values], true).then((result) => {
        rows = result.records as T[];
      });
    });
    await this.opening;
    return rows;
  }

  /**
   * Asks for one snapshot (REPEATABLE READ) for the whole transaction when it has not opened
   * yet; an open one keeps its isolation. For readers whose statements must agree.
   */
  snapshot(): void {
    if (!this.opening) this.preferSnapshot = true;
  }

  /**
   * Runs `work` on this transaction's own connection with another row-level-security scope:
   * the public operations (login, the complaint form, tracking codes, the survey) learn their
   * tenant only from what they are given, and must not take a second pooled connection for
   * it (an operation holding one connection while waiting for another deadlocks the pool).
   *
   * The section is a savepoint: its writes are undone when `work` throws, and the operation's
   * own scope is back in force when it ends. While it runs, statements of the operation's
   * other resolvers wait, so none of them ever runs under the section's scope.
   */
  inScope<T>(scope: DataScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.exclusively(() => this.runSection(scope, work));
  }

  /**
   * A statement that needs no scope (the security-definer lookups by slug or email): on the
   * transaction when it is open, else on a pooled connection taken for that statement alone,
   * while the transaction waits to open. Either way the operation holds one connection, and
   * none at all between statements before its transaction opens (a login does not hold one
   * while it checks a password).
   */
  async lookup<T = UnreadRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    while (this.othersSection()) await this.section!.done;
    if (this.opening) return this.query<T>(sql, params);
    return this.exclusively(async () => {
      if (this.opening) return this.query<T>(sql, params);
      this.statementCount++;
      return this.dataSource.query<T[]>(sql, params);
    });
  }

  /** Runs `fn` as a section: statements of the operation's other call chains wait until it ends. */
  private async exclusively<T>(fn: () => Promise<T>): Promise<T> {
    while (this.othersSection()) await this.section!.done;
    const mine = currentSection.getStore();
    // Already inside a section of this transaction: it is ours.
    if (mine && this.section?.token === mine) return fn();
    const token = {};
    let end!: () => void;
    this.section = { token, done: new Promise<void>((resolve) => (end = resolve)) };
    try {
      return await currentSection.run(token, fn);
    } finally {
      this.section = null;
      end();
    }
  }

  private async runSection<T>(scope: DataScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    await this.manager();
    const name = `scope_${++this.savepoints}`;
    const setScope = (to: DataScope) =>
      this.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [to.tenantId ?? '', to.userId ?? '']);
    const outer = this.activeScope ?? this.scope;
    await this.query(`SAVEPOINT ${name}`);
    let result: T;
    try {
      await setScope(scope);
      this.activeScope = scope;
      result = await work(this);
    } catch (error) {
      // Rolling back to the savepoint also restores the settings it began with.
      this.activeScope = outer;
      await this.query(`ROLLBACK TO SAVEPOINT ${name}`).catch(() => undefined);
      throw error;
    }
    this.activeScope = outer;
    await setScope(outer);
    await this.query(`RELEASE SAVEPOINT ${name}`);
    return result;
  }

  /** True while a section of another call chain holds the transaction. */
  private othersSection(): boolean {
    return this.section !== null && currentSection.getStore() !== this.section.token;
  }

  /** Runs a raw statement inside the transaction and returns its rows (RETURNING rows for writes). */
  async query<T = UnreadRow>(sql: string, params: unknown[] = []): Promise<T[]> {
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
    const name = `op_${++this.savepoints}`;
    if (this.opening) {
      await this.manager();
      await this.query(`SAVEPOINT ${name}`);
    } else {
      // Not open yet: the savepoint is taken as the transaction opens, if `work` opens it, so
      // work that needs no connection (or only lookups) holds none meanwhile.
      this.pendingSavepoint = name;
    }
    const taken = () => this.pendingSavepoint !== name && this.opening !== undefined && !this.finished;
    let result: T;
    try {
      result = await work();
    } catch (error) {
      if (taken()) await this.query(`ROLLBACK TO SAVEPOINT ${name}`);
      throw error;
    } finally {
      if (this.pendingSavepoint === name) this.pendingSavepoint = null;
    }
    if (taken()) await this.query(shouldUndo(result) ? `ROLLBACK TO SAVEPOINT ${name}` : `RELEASE SAVEPOINT ${name}`);
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
      if (runner?.isReleased && runner.isTransactionActive) {
        // The database ended the connection mid-operation: it rolled the transaction back.
        if (commit) throw serviceUnavailable();
      } else if (runner?.isTransactionActive) {
        if (commit)
          await runner.commitTransaction().catch((error: unknown) => {
            throw commitRefusal(error);
          });
        else await runner.rollbackTransaction().catch(ignoreBrokenConnection);
      }
    } finally {
      this.uncount();
      if (runner && !runner.isReleased) await runner.release();
    }
  }

  private async open(
    settingsStatement: (runner: QueryRunner, settings: TransactionSettings) => Promise<unknown> = (runner, settings) =>
      runner.query(`SELECT ${settings.columns(0)}`, settings.values),
  ): Promise<EntityManager> {
    const runner = this.dataSource.createQueryRunner();
    this.runner = runner;
    this.queueStatements(runner);
    try {
      await runner.connect().catch((error: unknown) => {
        throw serviceUnavailableFrom(error) ?? error;
      });
      // One statement: TypeORM would follow START TRANSACTION with SET TRANSACTION when
      // given a level (see queueStatements, which names the level in START TRANSACTION).
      await runner.startTransaction();
      countTransaction(this.dataSource, 1);
      this.counted = true;
      // The pool's timeouts travel with the transaction: through a transaction pooler the
      // connection carries none of its own (see createRuntimeDataSource).
      const limits = transactionLimitsOf(this.dataSource);
      const values = [
        this.scope.tenantId ?? '',
        this.scope.userId ?? '',
        this.clock.now().toISOString(),
        ...(limits ? [String(limits.statementTimeoutMs), String(limits.idleInTransactionTimeoutMs)] : []),
      ];
      await settingsStatement(runner, {
        values,
        columns: (offset) =>
          `set_config('app.tenant_id', $${offset + 1}, true) AS opened, set_config('app.user_id', $${offset + 2}, true), set_config('app.now', $${offset + 3}, true)` +
          (limits
            ? `, set_config('statement_timeout', $${offset + 4}, true), set_config('idle_in_transaction_session_timeout', $${offset + 5}, true)`
            : ''),
      });
      if (this.pendingSavepoint) {
        await runner.query(`SAVEPOINT ${this.pendingSavepoint}`);
        this.pendingSavepoint = null;
      }
      return runner.manager;
    } catch (error) {
      this.finished = true;
      this.uncount();
      // A failed settings statement (or the read that came with it) leaves the transaction
      // aborted: it ends here, so the connection goes back to the pool outside a transaction.
      if (runner.isTransactionActive && !runner.isReleased) await runner.rollbackTransaction().catch(() => undefined);
      if (!runner.isReleased) await runner.release();
      throw error;
    }
  }

  /** Takes this transaction out of the open-transactions metric, once. */
  private uncount(): void {
    if (this.counted) countTransaction(this.dataSource, -1);
    this.counted = false;
  }

  /**
   * Resolvers of one operation run concurrently; one connection takes one statement at a
   * time, so statements are queued here (pg would queue them too, but deprecates it). A
   * statement of another call chain than a running section's waits for the section to end.
   */
  private queueStatements(runner: QueryRunner): void {
    const originalQuery = runner.query.bind(runner);
    let queue: Promise<unknown> = Promise.resolve();
    runner.query = ((...args: Parameters<QueryRunner['query']>) => {
      this.statementCount++;
      const level = this.preferSnapshot ? 'REPEATABLE READ' : this.isolation;
      if (args[0] === 'START TRANSACTION') args[0] = `START TRANSACTION ISOLATION LEVEL ${level}`;
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- QueryRunner.query's own result type
      const enqueue = (): Promise<any> => {
        if (this.othersSection()) return this.section!.done.then(enqueue);
        const run = queue.then(() => originalQuery(...args));
        queue = run.catch(() => undefined);
        return run;
      };
      return enqueue();
    }) as QueryRunner['query'];
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
