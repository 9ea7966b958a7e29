import { Repeater } from '@repeaterjs/repeater';
import type { GraphQLError } from 'graphql';
import type { RequestContext } from '../context/request-context';
import { unauthenticated } from '../graphql/errors';
import type { Logger } from '../logging/logger';
import type { LiveHub, LiveSignal } from './live-hub';

/** What a graphql-ws operation needs to follow live events: set on its context by the server. */
export interface LiveSession {
  hub: LiveHub;
  /**
   * A new context for one event in one tenant: credentials checked again, roles re-read,
   * fresh loaders; its transaction is shared with the other subscribers of the same event.
   */
  freshContext(signal: LiveSignal, tenantId: string): Promise<RequestContext>;
  /** A complainant's connection, opened with a tracking code instead of an account. */
  publicTracking: { tenantSlug: string; trackingCode: string } | null;
  /** The operation's logger, made when first needed (a delivery that fails). */
  logger(): Logger;
}

/**
 * One event for one subscriber, with the fresh context it was authorized in. The executor
 * claims it, runs the subscription's selection in that context and finishes its transaction.
 */
export class LiveDelivery<T> {
  private state: 'waiting' | 'claimed' | 'discarded' = 'waiting';
  /** Called once the executor has taken the delivery over. */
  onClaim: (() => void) | null = null;

  constructor(
    readonly context: RequestContext,
    private readonly value: T | null,
    private readonly failure: GraphQLError | null,
  ) {}

  /** The payload, or the failure (a revoked viewer) as a GraphQL error. */
  unwrap(): T {
    if (this.failure) throw this.failure;
    return this.value!;
  }

  claim(): boolean {
    if (this.state !== 'waiting') return false;
    this.state = 'claimed';
    this.onClaim?.();
    return true;
  }

  /** Releases the context of a delivery that will never be executed. */
  async discard(): Promise<void> {
    if (this.state !== 'waiting') return;
    this.state = 'discarded';
    await this.context.db.finish(false);
  }
}

/** Signals waiting for one subscriber before it is told to refetch instead. */
const MAX_BACKLOG = 256;

/**
 * The live stream of one subscription in one tenant. Each relevant signal gets a fresh context; a
 * viewer whose credentials no longer hold (membership or API key revoked) gets one
 * UNAUTHENTICATED error and the stream ends; otherwise `prepare` decides, in that context,
 * what the viewer receives (null: nothing). Signals are handled in order, one at a time.
 */
export function liveStream<T>(
  session: LiveSession,
  tenantId: string,
  options: {
    requireViewer: boolean;
    /** Signals worth a context at all; the others are dropped before any database work. */
    relevant: (signal: LiveSignal) => boolean;
  },
  prepare: (ctx: RequestContext, signal: LiveSignal) => Promise<T | null>,
): AsyncIterableIterator<LiveDelivery<T>> {
  return new Repeater<LiveDelivery<T>>(async (push, stop) => {
    const outstanding = new Set<LiveDelivery<T>>();
    let ended = false;
    let backlog = 0;
    let overflowed = false;
    let queue: Promise<void> = Promise.resolve();

    // Deliveries offered but not yet taken by the executor (`outstanding`) have their
    // transactions released if the subscription ends first. The last one ends the stream
    // once the executor has taken it.
    const offer = async (delivery: LiveDelivery<T>, last = false) => {
      if (ended && !last) return delivery.discard();
      outstanding.add(delivery);
      delivery.onClaim = () => {
        outstanding.delete(delivery);
        if (last) stop();
      };
      await push(delivery);
    };

    const handle = async (signal: LiveSignal) => {
      if (ended) return;
      let ctx: RequestContext;
      try {
        ctx = await session.freshContext(signal, tenantId);
      } catch (error) {
        // The database is out of reach: the event is lost to this subscriber, and the refetch
        // signal that follows the listener's reconnection covers it.
        session.logger().error({ err: error }, 'live delivery could not open a context');
        return;
      }
      try {
        if (options.requireViewer && ctx.viewer?.tenantId !== tenantId) {
          ended = true;
          const failure = ctx.authFailure ?? unauthenticated('The credentials no longer grant access');
          await offer(new LiveDelivery<T>(ctx, null, failure), true);
          return;
        }
        const value = await prepare(ctx, signal);
        if (value === null || ended) await ctx.db.finish(true);
        else await offer(new LiveDelivery(ctx, value, null));
      } catch (error) {
        ctx.logger.error({ err: error }, 'live delivery failed');
        await ctx.db.finish(false).catch(() => undefined);
      }
    };

    // `handle` catches what it can; this keeps the chain alive should anything escape it.
    const enqueue = (task: () => Promise<void>) => {
      queue = queue.then(task).catch((error) => session.logger().error({ err: error }, 'live delivery failed'));
    };
    const unlisten = session.hub.listen(tenantId, (signal) => {
      if (ended || !options.relevant(signal)) return;
      if (backlog >= MAX_BACKLOG) {
        // A subscriber this far behind gets one refetch signal instead of the events it missed.
        if (!overflowed) {
          overflowed = true;
          enqueue(async () => {
            overflowed = false;
            await handle({ type: 'resync' });
          });
        }
        return;
      }
      backlog++;
      enqueue(async () => {
        try {
          await handle(signal);
        } finally {
          backlog--;
        }
      });
    });

    await stop;
    ended = true;
    unlisten();
    await Promise.all([...outstanding].map((delivery) => delivery.discard()));
  });
}
