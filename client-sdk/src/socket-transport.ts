import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { backoffDelay, type ReconnectOptions } from './backoff.js';
import type { CredentialStore } from './credentials.js';
import { AuthError, TransportError, errorFromGraphQLErrors, type GraphQLErrorEntry, type RedressError } from './errors.js';

/** Close codes graphql-ws uses when the server refuses the connection's credentials. */
const AUTH_REFUSED_CODES = new Set([4401, 4403]);
/** The code the client closes with to reconnect on purpose (after new credentials). */
const RESTART_CODE = 4205;

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'disconnected';

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

export interface SocketSink {
  next(result: { data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLErrorEntry> }): void;
  error(error: RedressError): void;
  complete(): void;
}

/**
 * One graphql-ws connection shared by every live operation: retried with backoff when it
 * drops (operations resume on the new socket), re-authenticated on demand or after a refusal.
 */
export class SocketTransport {
  private readonly client: WsClient;
  private readonly listeners = new Set<(state: ConnectionState, error?: RedressError) => void>();
  private activeSocket: { close(code: number, reason: string): void } | null = null;
  private authRetries = 0;

  constructor(private readonly options: SocketTransportOptions) {
    this.client = createWsClient({
      url: options.url,
      webSocketImpl: options.webSocketImpl,
      lazy: !options.keepOpen,
      retryAttempts: options.reconnect.attempts ?? 10,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, backoffDelay(retries, options.reconnect))),
      shouldRetry: (reason) => this.shouldRetry(reason),
      connectionParams: async () => {
        const authorization = await options.credentials.authorization();
        return { ...(authorization ? { authorization } : {}), ...(options.locale ? { locale: options.locale } : {}) };
      },
      onNonLazyError: (reason) => this.emit('disconnected', socketError(reason)),
      on: {
        connecting: (isRetry) => this.emit(isRetry ? 'reconnecting' : 'connecting'),
        connected: (socket) => {
          this.activeSocket = socket as { close(code: number, reason: string): void };
          this.authRetries = 0;
          this.emit('connected');
        },
        closed: () => {
          this.activeSocket = null;
          this.emit('disconnected');
        },
      },
    });
  }

  subscribe(payload: { query: string; operationName?: string; variables?: unknown }, sink: SocketSink): () => void {
    return this.client.subscribe(payload as { query: string; variables?: Record<string, unknown> }, {
      next: (result) => sink.next(result as Parameters<SocketSink['next']>[0]),
      error: (reason) => sink.error(socketError(reason)),
      complete: () => sink.complete(),
    });
  }

  onStateChange(listener: (state: ConnectionState, error?: RedressError) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Reconnects now so that the server sees the current credentials; live operations resume. */
  restart(): void {
    this.authRetries = 0;
    this.activeSocket?.close(RESTART_CODE, 'Client restart: new credentials');
  }

  async dispose(): Promise<void> {
    // A connection attempt still under way fails as the socket goes; nothing waits for it any more.
    await Promise.resolve(this.client.dispose()).catch(() => undefined);
  }

  private shouldRetry(reason: unknown): boolean {
    if (isCloseEvent(reason) && AUTH_REFUSED_CODES.has(reason.code)) {
      // A refused credential is asked for again once: a token function may have a fresh one.
      return this.options.credentials.refreshable && this.authRetries++ < 1;
    }
    // Dropped connections, refused TCP connections, server restarts: retry with backoff.
    return true;
  }

  private emit(state: ConnectionState, error?: RedressError): void {
    for (const listener of [...this.listeners]) listener(state, error);
  }
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}

/** What graphql-ws reports (a close event, an error event, or GraphQL errors) as a typed exception. */
function socketError(reason: unknown): RedressError {
  if (Array.isArray(reason)) return errorFromGraphQLErrors(reason as GraphQLErrorEntry[]);
  if (isCloseEvent(reason)) {
    if (AUTH_REFUSED_CODES.has(reason.code)) {
      return new AuthError('UNAUTHENTICATED', `The server refused the WebSocket credentials (${reason.code} ${reason.reason})`);
    }
    return new TransportError(`The WebSocket closed (${reason.code} ${reason.reason})`, { closeCode: reason.code });
  }
  return new TransportError('The WebSocket failed', { cause: reason });
}
