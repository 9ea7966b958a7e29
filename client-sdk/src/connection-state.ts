import type { RedressError } from './errors.js';

/**
 * The WebSocket connection, as the app sees it:
 * - `idle`: no live operation needs a socket yet, or it was closed once none did;
 * - `connecting`: opening it (first time, after `setCredentials` or `reconnect()`);
 * - `connected`;
 * - `retrying`: lost, trying again with backoff (live operations are paused meanwhile);
 * - `stopped`: gave up after the configured attempts, or the server refused the credentials.
 *   Live operations stay registered, paused; `reconnect()` or `setCredentials()` resumes them.
 */
export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'retrying' | 'stopped';

export interface ConnectionStatus {
  readonly state: ConnectionState;
  /** Why the connection is retrying or stopped (the last failure); null otherwise. */
  readonly error: RedressError | null;
}

export type ConnectionListener = (state: ConnectionState, error: RedressError | null) => void;

/** Holds the connection state (readable before the socket code is loaded) and tells listeners of changes. */
export class ConnectionTracker {
  private current: ConnectionStatus = Object.freeze({ state: 'idle' as const, error: null });
  private readonly listeners = new Set<ConnectionListener>();

  get status(): ConnectionStatus {
    return this.current;
  }

  set(state: ConnectionState, error: RedressError | null = null): void {
    if (state === this.current.state && error === this.current.error) return;
    this.current = Object.freeze({ state, error });
    for (const listener of [...this.listeners]) listener(state, error);
  }

  /** Calls the listener at once with the current state, then on each change. */
  listen(listener: ConnectionListener): () => void {
    this.listeners.add(listener);
    listener(this.current.state, this.current.error);
    return () => this.listeners.delete(listener);
  }
}
