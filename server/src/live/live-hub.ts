import type { LiveEvent } from './live-events';

/**
 * What reaches a subscriber: an event of its tenant, or `resync` when the process may have
 * missed events (its listener lost the database connection) and clients should refetch.
 */
export type LiveSignal = LiveEvent | { type: 'resync' };

type Listener = (signal: LiveSignal) => void;

/**
 * The fan-out of one server process: subscribers register per tenant, so an event is only
 * ever offered to subscriptions of its own tenant. Everything else (who may see it, what it
 * shows) is decided per subscriber with a fresh context.
 */
export class LiveHub {
  private readonly byTenant = new Map<string, Set<Listener>>();

  listen(tenantId: string, listener: Listener): () => void {
    let listeners = this.byTenant.get(tenantId);
    if (!listeners) this.byTenant.set(tenantId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0 && this.byTenant.get(tenantId) === listeners) this.byTenant.delete(tenantId);
    };
  }

  publish(event: LiveEvent): void {
    for (const listener of this.byTenant.get(event.tenantId) ?? []) listener(event);
  }

  /** Tells every subscriber of every tenant that events may have been missed. */
  resync(): void {
    const signal: LiveSignal = { type: 'resync' };
    for (const listeners of this.byTenant.values()) for (const listener of listeners) listener(signal);
  }

  get subscriberCount(): number {
    let count = 0;
    for (const listeners of this.byTenant.values()) count += listeners.size;
    return count;
  }
}
