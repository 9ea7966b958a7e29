// Loaded with a dynamic import() when the first live operation starts: an app that only
// queries and mutates over HTTP never loads this module or graphql-ws.
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws/client';
import { backoffDelay, type ReconnectOptions } from './backoff.js';
import type { ConnectionTracker } from './connection-state.js';
import type { CredentialStore } from './credentials.js';
import { AuthError, TransportError, errorFromGraphQLErrors, type GraphQLErrorEntry, type RedressError } from './errors.js';

/** Close codes the server uses when it refuses the connection's credentials. */
const AUTH_REFUSED_CODES = new Set([4401, 4403]);

export interface SocketTransportOptions {
  url: string;
  credentials: CredentialStore;
  webSocketImpl?: unknown;
  reconnect: ReconnectOptions;
  /** Keep the socket open while no operation runs (default: open it on demand). */
  keepOpen: boolean;
  /** The language of labels, sent with the connection (a browser cannot set headers on a WebSocket). */
  locale?: string;
}

export interface LiveResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLErrorEntry>;
}

/** A live operation as the transport runs it; it outlives sockets until it ends or is removed. */
export interface LiveOperation {
  payload: { query: string; operationName?: string; variables: unknown };
  next(result: LiveResult): void;
  /** The operation itself failed (GraphQL errors on subscribe); it is over. */
  fail(error: RedressError): void;
  complete(): void;
  /** Resent on a new socket: events may have been missed meanwhile. */
  refetch(): void;
}

interface Registered {
  id: string;
  operation: LiveOperation;
  /** How many sockets its Subscribe message has been sent on. */
  sends: number;
  release: (() => void) | null;
}

type WebSocketClass = new (url: string, protocols?: string | string[]) => { send(data: string): void };

/**
 * One WebSocket shared by every live operation. Each socket is a graphql-ws client of its own
 * without retries: when one is lost this class decides what follows (retry with backoff, ask
 * a token function again, or stop) and starts every registered operation on the next one.
 * Operations are never ended by the connection: when it stops they wait, paused, for
 * `reconnect()` or new credentials.
 */
export class SocketTransport {
  private readonly operations = new Map<string, Registered>();
  private readonly webSocketClass: WebSocketClass | null;
  private client: WsClient | null = null;
  /** Bumped whenever a client is dropped: its late callbacks are ignored. */
  private generation = 0;
  private retries = 0;
  private authRetries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private nextId = 0;
  private startingId = '';

  constructor(
    private readonly options: SocketTransportOptions,
    private readonly tracker: ConnectionTracker,
  ) {
    this.webSocketClass = this.observedWebSocket();
    if (options.keepOpen) this.connect('connecting');
  }

  /** Registers a live operation and starts it unless the connection is retrying or stopped; returns its removal. */
  add(operation: LiveOperation): () => void {
    const entry: Registered = { id: String(++this.nextId), operation, sends: 0, release: null };
    this.operations.set(entry.id, entry);
    const { state } = this.tracker.status;
    if (state !== 'retrying' && state !== 'stopped') {
      if (this.client) this.start(entry);
      else this.connect('connecting');
    }
    return () => {
      if (this.operations.get(entry.id) !== entry) return;
      this.operations.delete(entry.id);
      entry.release?.();
      if (this.operations.size === 0 && !this.options.keepOpen && this.retryTimer) {
        this.clearRetry();
        this.tracker.set('idle');
      }
    };
  }

  /** After `stopped`: starts again with fresh attempts. Harmless in any other state. */
  reconnect(): void {
    if (this.tracker.status.state !== 'stopped') return;
    this.retries = 0;
    this.authRetries = 0;
    this.connect('connecting');
  }

  /** New credentials: a new socket presents them; live operations resume on it. */
  restart(): void {
    this.retries = 0;
    this.authRetries = 0;
    if (this.client || this.retryTimer || this.tracker.status.state === 'stopped') this.connect('connecting');
  }

  async dispose(): Promise<void> {
    this.clearRetry();
    const closing = this.dropClient();
    const ended = [...this.operations.values()];
    this.operations.clear();
    this.tracker.set('idle');
    for (const entry of ended) entry.operation.complete();
    await closing;
  }

  private connect(state: 'connecting' | 'retrying'): void {
    this.clearRetry();
    void this.dropClient();
    if (!this.options.keepOpen && this.operations.size === 0) {
      this.tracker.set('idle');
      return;
    }
    if (!this.webSocketClass) {
      this.tracker.set('stopped', new TransportError('No WebSocket implementation: pass `webSocketImpl` (on Node 20, the `ws` package)'));
      return;
    }
    this.tracker.set(state, state === 'retrying' ? this.tracker.status.error : null);
    const generation = ++this.generation;
    const current = () => generation === this.generation;
    const { credentials, locale } = this.options;
    this.client = createWsClient({
      url: this.options.url,
      webSocketImpl: this.webSocketClass,
      lazy: !this.options.keepOpen,
      retryAttempts: 0,
      generateID: () => this.startingId,
      connectionParams: async () => ({ ...(await credentials.connectionParams()), ...(locale ? { locale } : {}) }),
      onNonLazyError: (reason) => {
        if (current()) this.lost(reason);
      },
      on: {
        connecting: () => {
          // Opened again on demand after being closed for want of operations.
          if (current() && this.tracker.status.state === 'idle') this.tracker.set('connecting');
        },
        connected: () => {
          if (!current()) return;
          this.retries = 0;
          this.authRetries = 0;
          this.tracker.set('connected');
        },
        closed: () => {
          if (current() && !this.options.keepOpen && this.operations.size === 0) this.tracker.set('idle');
        },
      },
    });
    for (const entry of this.operations.values()) this.start(entry);
  }

  private start(entry: Registered): void {
    const client = this.client!;
    const generation = this.generation;
    const current = () => generation === this.generation && this.operations.get(entry.id) === entry;
    this.startingId = entry.id;
    entry.release = client.subscribe(entry.operation.payload as { query: string }, {
      next: (result) => {
        if (current()) entry.operation.next(result);
      },
      error: (reason) => {
        if (!current()) return;
        // GraphQL errors answer this operation alone; anything else is the socket's.
        if (Array.isArray(reason)) {
          this.operations.delete(entry.id);
          entry.operation.fail(errorFromGraphQLErrors(reason as GraphQLErrorEntry[]));
          return;
        }
        this.lost(reason);
      },
      complete: () => {
        if (!current()) return;
        this.operations.delete(entry.id);
        entry.operation.complete();
      },
    });
  }

  /** The socket is gone (or never opened): retry, ask for credentials again, or stop. */
  private lost(reason: unknown): void {
    void this.dropClient();
    const error = socketError(reason);
    if (error instanceof AuthError) {
      // A token function may have a fresh token by now: it is asked once more.
      if (this.options.credentials.refreshable && this.authRetries++ < 1) {
        this.connect(this.tracker.status.state === 'retrying' ? 'retrying' : 'connecting');
      } else {
        this.tracker.set('stopped', error);
      }
      return;
    }
    if (!this.options.keepOpen && this.operations.size === 0) {
      this.tracker.set('idle');
      return;
    }
    const attempts = this.options.reconnect.attempts ?? 10;
    if (this.retries >= attempts) {
      const closeCode = error instanceof TransportError ? (error.closeCode ?? undefined) : undefined;
      this.tracker.set(
        'stopped',
        new TransportError(`Gave up reconnecting after ${attempts} attempts: ${error.message}`, { closeCode, cause: error }),
      );
      return;
    }
    this.tracker.set('retrying', error);
    this.retryTimer = setTimeout(() => this.connect('retrying'), backoffDelay(this.retries++, this.options.reconnect));
  }

  /**
   * Every frame graphql-ws writes goes through this class's `send`. An operation's Subscribe
   * message on a second or later socket means events may have been missed while it was away;
   * `refetch` is called only once `send` has returned, so the request to listen again is
   * already on the new socket, ahead of any reload the app then makes over HTTP.
   */
  private sent(data: string): void {
    if (!data.includes('"subscribe"')) return;
    let message: { type?: string; id?: string };
    try {
      message = JSON.parse(data) as typeof message;
    } catch {
      return;
    }
    const entry = message.type === 'subscribe' && message.id ? this.operations.get(message.id) : undefined;
    if (!entry || ++entry.sends === 1) return;
    queueMicrotask(() => {
      if (this.operations.get(entry.id) === entry) entry.operation.refetch();
    });
  }

  private observedWebSocket(): WebSocketClass | null {
    const base = (this.options.webSocketImpl ?? (globalThis as { WebSocket?: unknown }).WebSocket) as WebSocketClass | undefined;
    if (!base) return null;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the subclass reports to this transport
    const transport = this;
    return class ObservedWebSocket extends base {
      send(data: string): void {
        super.send(data);
        if (typeof data === 'string') transport.sent(data);
      }
    };
  }

  private async dropClient(): Promise<void> {
    this.generation += 1;
    const client = this.client;
    this.client = null;
    for (const entry of this.operations.values()) entry.release = null;
    // A connection attempt still under way fails as the client goes; nothing waits for it any more.
    if (client) await Promise.resolve(client.dispose()).catch(() => undefined);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/** What graphql-ws reports for a socket (a close event or an error event) as a typed exception. */
function socketError(reason: unknown): RedressError {
  if (isCloseEvent(reason)) {
    if (AUTH_REFUSED_CODES.has(reason.code)) {
      return new AuthError('UNAUTHENTICATED', `The server refused the WebSocket credentials (${reason.code} ${reason.reason})`);
    }
    return new TransportError(`The WebSocket closed (${reason.code} ${reason.reason})`, { closeCode: reason.code });
  }
  return new TransportError('The WebSocket failed', { cause: reason });
}
