import DataLoader from 'dataloader';
import type { GraphQLError } from 'graphql';
import type { DataSource, EntityManager } from 'typeorm';
import type { TokenService } from '../auth/token';
import { authenticateInTenant } from '../context/authenticate';
import type { Viewer } from '../context/viewer';
import { TenantTransaction, type DataScope, type UnreadRow } from '../db/tenant-transaction';
import type { LiveSignal } from './live-hub';
import type { Clock } from '../time/clock';

/**
 * Reads every subscriber of one event needs alike (tenant-scoped rows, before any viewer's
 * own rules are applied), done once per event; see ComplaintQueryService.visibleChange.
 */
export interface SharedReads {
  once<T>(key: string, read: () => Promise<T>): Promise<T>;
}

/**
 * The database work one event shares among the subscribers of its tenant in this process:
 * one transaction under the tenant's row-level security, the subscribers' credentials
 * re-checked and their memberships read in one statement, and shared reads done once. Each
 * subscriber still gets a context of its own (its viewer, its loaders); the transaction ends
 * when the last of them is done, and a subscriber that comes later opens a new one.
 */
export class LiveEventScope implements SharedReads {
  private shared: TenantTransaction | null = null;
  private viewers: DataLoader<string, { viewer: Viewer | null; failure: GraphQLError | null }> | null = null;
  private reads = new Map<string, Promise<unknown>>();
  private leases = 0;
  private failed = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
    readonly tenantId: string,
  ) {}

  /** A handle on the shared transaction for one subscriber's context; finishing it releases it. */
  lease(): TenantTransaction {
    if (!this.shared) {
      this.shared = new TenantTransaction(this.dataSource, this.clock, { tenantId: this.tenantId, userId: null });
      const tx = this.shared;
      this.viewers = new DataLoader((credentials) => authenticateInTenant(tx, this.tokens, this.tenantId, credentials), {
        cache: true,
      });
      this.reads = new Map();
      this.failed = false;
    }
    this.leases++;
    return new TransactionLease(this.dataSource, this.shared, (commit) => this.release(commit));
  }

  /** The viewer behind a credential, established together with the other subscribers'. */
  viewer(credential: string): Promise<{ viewer: Viewer | null; failure: GraphQLError | null }> {
    if (!this.viewers) throw new Error('Take a lease before establishing viewers');
    return this.viewers.load(credential);
  }

  once<T>(key: string, read: () => Promise<T>): Promise<T> {
    let pending = this.reads.get(key) as Promise<T> | undefined;
    if (!pending) {
      pending = read();
      this.reads.set(key, pending);
    }
    return pending;
  }

  private async release(commit: boolean): Promise<void> {
    if (!commit) this.failed = true;
    if (--this.leases > 0) return;
    const tx = this.shared!;
    const ok = !this.failed;
    this.shared = null;
    this.viewers = null;
    await tx.finish(ok);
  }
}

/** One subscriber's view of the shared transaction: statements pass through, finishing releases. */
class TransactionLease extends TenantTransaction {
  private released = false;

  constructor(
    dataSource: DataSource,
    private readonly shared: TenantTransaction,
    private readonly onRelease: (commit: boolean) => Promise<void>,
  ) {
    super(dataSource, shared.clock, shared.scope);
  }

  override manager(): Promise<EntityManager> {
    return this.shared.manager();
  }

  override query<T = UnreadRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.statementCount++;
    return this.shared.query<T>(sql, params);
  }

  override withSavepoint<T>(work: () => Promise<T>, shouldUndo: (result: T) => boolean): Promise<T> {
    return this.shared.withSavepoint(work, shouldUndo);
  }

  override inScope<T>(scope: DataScope, work: (tx: TenantTransaction) => Promise<T>): Promise<T> {
    return this.shared.inScope(scope, work);
  }

  override lookup<T = UnreadRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return this.shared.lookup<T>(sql, params);
  }

  override snapshot(): void {
    this.shared.snapshot();
  }

  override async finish(commit: boolean): Promise<void> {
    if (this.released) return;
    this.released = true;
    await this.onRelease(commit);
  }
}

/** The scopes of the events in flight: one per event object and tenant, gone with the event. */
export class LiveEventScopes {
  private readonly byEvent = new WeakMap<LiveSignal, Map<string, LiveEventScope>>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly tokens: TokenService,
  ) {}

  for(signal: LiveSignal, tenantId: string): LiveEventScope {
    let scopes = this.byEvent.get(signal);
    if (!scopes) this.byEvent.set(signal, (scopes = new Map()));
    let scope = scopes.get(tenantId);
    if (!scope) scopes.set(tenantId, (scope = new LiveEventScope(this.dataSource, this.clock, this.tokens, tenantId)));
    return scope;
  }
}
