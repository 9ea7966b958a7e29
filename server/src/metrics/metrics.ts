import type { ApolloServerPlugin } from '@apollo/server';
import { getOperationAST, Kind, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLSchema } from 'graphql';
import type { Context as WsContext } from 'graphql-ws';
import { Pool } from 'pg';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logging/logger';
import { openTransactions } from './open-transactions';

/**
 * Requests refused by a rate limit, by the limit's name (a fixed word such as `login`, never
 * a tenant, user or address). Process-wide so any code may count into it; every app's
 * registry exposes it.
 */
export const rateLimitRefusals = new Counter({
  name: 'redress_rate_limit_refusals_total',
  help: 'Requests refused by a rate limit, by limit',
  labelNames: ['limit'] as const,
  registers: [],
});

/**
 * Notification deliveries by channel (mail, webhook) and outcome: sent, kept (no SMTP server
 * configured), retry (failed, tried again later) and failed (gave up: the delivery is FAILED
 * and listed for tenant administrators). Process-wide, like the rate-limit counter.
 */
export const notificationDeliveries = new Counter({
  name: 'redress_notification_deliveries_total',
  help: 'Notification deliveries by channel and outcome (sent, kept, retry, failed)',
  labelNames: ['channel', 'outcome'] as const,
  registers: [],
});

type Transport = 'http' | 'ws';

export interface MetricsSources {
  dataSource: DataSource;
  schema: GraphQLSchema;
  /** The job queue's database (owner) URL: the backlog is read from its tables at scrape time. */
  jobQueueUrl: string;
  liveConnections: () => number;
  liveSubscriptions: () => number;
  logger: Logger;
}

/**
 * This app's metrics, in a registry of its own (several apps may run in one process). Label
 * values are bounded and never carry tenant ids or personal data: the operation label is a
 * root field of the schema (the operation's name when it names one, else its single root
 * field), `other` or `unparsed`; error codes are the `extensions.code` values the server
 * sends.
 */
export class AppMetrics {
  readonly registry = new Registry();
  private readonly operations: Counter<'transport' | 'type' | 'operation'>;
  private readonly duration: Histogram<'transport' | 'type' | 'operation'>;
  private readonly errors: Counter<'transport' | 'code'>;
  private readonly rootFields: Map<string, string>;
  private readonly wsPending = new WeakMap<WsContext, Map<string, number>>();
  private jobPool: Pool | null = null;
  private backlog?: Promise<{ due: number; oldest: number }>;

  constructor(private readonly sources: MetricsSources) {
    const registers = [this.registry];
    this.rootFields = rootFieldNames(sources.schema);
    this.operations = new Counter({
      name: 'redress_graphql_operations_total',
      help: 'GraphQL operations received, by transport, operation type and operation',
      labelNames: ['transport', 'type', 'operation'] as const,
      registers,
    });
    this.duration = new Histogram({
      name: 'redress_graphql_operation_duration_seconds',
      help: 'Time to answer a GraphQL operation (for a subscription: to set it up), by transport, type and operation',
      labelNames: ['transport', 'type', 'operation'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.errors = new Counter({
      name: 'redress_graphql_errors_total',
      help: 'GraphQL errors sent to clients, by transport and extensions.code',
      labelNames: ['transport', 'code'] as const,
      registers,
    });
    const pool = () => (sources.dataSource.driver as unknown as { master?: PoolStats }).master;
    new Gauge({
      name: 'redress_db_pool_in_use',
      help: 'Connections of the runtime pool lent out',
      registers,
      collect() {
        const p = pool();
        this.set(p ? p.totalCount - p.idleCount : 0);
      },
    });
    new Gauge({
      name: 'redress_db_pool_idle',
      help: 'Idle connections of the runtime pool',
      registers,
      collect() {
        this.set(pool()?.idleCount ?? 0);
      },
    });
    new Gauge({
      name: 'redress_db_pool_waiting',
      help: 'Requests waiting for a connection of the runtime pool',
      registers,
      collect() {
        this.set(pool()?.waitingCount ?? 0);
      },
    });
    new Gauge({
      name: 'redress_db_transactions_open',
      help: 'Operation transactions open (BEGIN sent, not yet finished)',
      registers,
      collect() {
        this.set(openTransactions(sources.dataSource));
      },
    });
    new Gauge({
      name: 'redress_live_connections',
      help: 'WebSocket connections open',
      registers,
      collect() {
        this.set(sources.liveConnections());
      },
    });
    new Gauge({
      name: 'redress_live_subscriptions',
      help: 'Live subscriptions registered with this process',
      registers,
      collect() {
        this.set(sources.liveSubscriptions());
      },
    });
    const jobsDue: Gauge = new Gauge({
      name: 'redress_jobs_due',
      help: 'Jobs of the queue whose time has come and that no worker has taken yet',
      registers,
      collect: async (): Promise<void> => jobsDue.set((await this.jobBacklog()).due),
    });
    const jobsLate: Gauge = new Gauge({
      name: 'redress_jobs_oldest_due_seconds',
      help: 'How long the oldest due job has waited past its time (0 when none is due)',
      registers,
      collect: async (): Promise<void> => jobsLate.set((await this.jobBacklog()).oldest),
    });
    this.registry.registerMetric(rateLimitRefusals);
    this.registry.registerMetric(notificationDeliveries);
  }

  /** The Prometheus exposition text. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async stop(): Promise<void> {
    const pool = this.jobPool;
    this.jobPool = null;
    await pool?.end();
  }

  /** Counts each HTTP operation, its duration and the codes of the errors it answered with. */
  apolloPlugin(): ApolloServerPlugin {
    return {
      requestDidStart: async () => {
        const started = performance.now();
        return {
          willSendResponse: async ({ document, operationName, response }) => {
            const labels = this.labels('http', document, operationName ?? undefined);
            this.record(labels, (performance.now() - started) / 1000);
            const body = response.body.kind === 'single' ? response.body.singleResult : null;
            for (const error of body?.errors ?? []) this.countError('http', error.extensions?.code);
          },
        };
      },
    };
  }

  /**
   * graphql-ws `onSubscribe`, around the limits' check: times the operation from here to
   * `wsOperated`, and counts a refused one at once.
   */
  wsSubscribe(ctx: WsContext, id: string, check: () => ExecutionArgs | GraphQLError[]): ExecutionArgs | GraphQLError[] {
    const started = performance.now();
    const result = check();
    if (Array.isArray(result)) {
      this.record({ transport: 'ws', type: 'unknown', operation: 'unparsed' }, (performance.now() - started) / 1000);
      for (const error of result) this.countError('ws', error.extensions?.code);
    } else {
      let pending = this.wsPending.get(ctx);
      if (!pending) this.wsPending.set(ctx, (pending = new Map()));
      pending.set(id, started);
    }
    return result;
  }

  /** graphql-ws `onOperation`: the operation ran (or its subscription was set up). */
  wsOperated(ctx: WsContext, id: string, args: ExecutionArgs): void {
    const started = this.wsPending.get(ctx)?.get(id);
    this.wsPending.get(ctx)?.delete(id);
    if (started === undefined) return;
    this.record(this.labels('ws', args.document, args.operationName ?? undefined), (performance.now() - started) / 1000);
  }

  /** Counts the errors of one result sent over WebSocket. */
  wsErrors(errors: readonly { extensions?: Record<string, unknown> }[] | undefined): void {
    for (const error of errors ?? []) this.countError('ws', error.extensions?.code);
  }

  private record(labels: { transport: Transport; type: string; operation: string }, seconds: number): void {
    this.operations.inc(labels);
    this.duration.observe(labels, seconds);
  }

  private countError(transport: Transport, code: unknown): void {
    this.errors.inc({ transport, code: typeof code === 'string' && /^[A-Z][A-Z_]{0,47}$/.test(code) ? code : 'OTHER' });
  }

  /** Bounded labels: the operation type, and a root field of the schema (never the client's text). */
  private labels(transport: Transport, document: DocumentNode | undefined, operationName: string | undefined) {
    const operation = document ? getOperationAST(document, operationName) : null;
    if (!operation) return { transport, type: 'unknown', operation: 'unparsed' };
    const name = operationName ?? operation.name?.value;
    let label = name ? this.rootFields.get(name.toLowerCase()) : undefined;
    if (!label) {
      const selections = operation.selectionSet.selections;
      const only = selections.length === 1 && selections[0].kind === Kind.FIELD ? selections[0].name.value : null;
      label = only ? (only.startsWith('__') ? 'introspection' : (this.rootFields.get(only.toLowerCase()) ?? 'other')) : 'other';
    }
    return { transport, type: operation.operation, operation: label };
  }

  /** One read of the backlog serves both gauges of a scrape (prom-client collects them at once). */
  private jobBacklog(): Promise<{ due: number; oldest: number }> {
    this.backlog ??= this.readJobBacklog().finally(() => (this.backlog = undefined));
    return this.backlog;
  }

  private async readJobBacklog(): Promise<{ due: number; oldest: number }> {
    if (!this.jobPool) {
      this.jobPool = new Pool({
        connectionString: this.sources.jobQueueUrl,
        max: 1,
        application_name: 'redress-metrics',
        statement_timeout: 2000,
        idleTimeoutMillis: 30_000,
      });
      // A connection lost while idle is replaced at the next scrape.
      this.jobPool.on('error', () => undefined);
    }
    try {
      const { rows } = await this.jobPool.query(
        `SELECT count(*)::int AS due, COALESCE(EXTRACT(EPOCH FROM now() - min(run_at)), 0)::float8 AS oldest
           FROM graphile_worker._private_jobs WHERE is_available AND run_at <= now()`,
      );
      return { due: rows[0].due, oldest: Math.max(0, rows[0].oldest) };
    } catch (error) {
      this.sources.logger.warn({ err: error }, 'metrics: could not read the job queue backlog');
      return { due: Number.NaN, oldest: Number.NaN };
    }
  }
}

interface PoolStats {
  totalCount: number;
  idleCount: number;
  waitingCount: number;
}

/** Root field names of the schema, by their lower-case spelling (operation names match case-insensitively). */
function rootFieldNames(schema: GraphQLSchema): Map<string, string> {
  const names = new Map<string, string>();
  for (const type of [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]) {
    for (const field of Object.keys(type?.getFields() ?? {})) names.set(field.toLowerCase(), field);
  }
  return names;
}
