import type { ReconnectOptions } from './backoff.js';
import { ConnectionTracker, type ConnectionListener, type ConnectionStatus } from './connection-state.js';
import { CredentialStore, type Credentials } from './credentials.js';
import {
  expectOperationKind,
  prepareOperation,
  type LiveDocument,
  type MutationDocument,
  type OperationArguments,
  type PreparedOperation,
  type QueryDocument,
  type RequestOptions,
} from './documents.js';
import { AuthError, RedressError, TransportError, errorFromGraphQLErrors } from './errors.js';
import { postOperation, type FetchLike } from './http-transport.js';
import { mutationResultFrom, type MutationPayload, type MutationResult, type PayloadOf } from './mutation-result.js';
import type { SocketTransport } from './socket-transport.js';

export type ClientOptions = Credentials & {
  /** The GraphQL endpoint, e.g. https://redress.example/graphql; the WebSocket URL is derived from it. */
  url: string;
  /** Defaults to the global fetch. */
  fetch?: FetchLike;
  /** A WebSocket class; defaults to the global one (browsers, Node 22+). On Node 20 pass `ws`. */
  webSocketImpl?: unknown;
  /** Overrides the derived WebSocket URL. */
  webSocketUrl?: string;
  /** The language of labels (zh-CN or en): sent as Accept-Language over HTTP and with the WebSocket connection. */
  locale?: string;
  reconnect?: ReconnectOptions;
  /** Keep the WebSocket open while no live operation runs (default false: open on demand). */
  keepSocketOpen?: boolean;
};

export interface SubscriptionHandlers<TData> {
  next(data: TData): void;
  /**
   * Events may have been missed: reload what this subscription keeps current. Called each
   * time the operation is resumed on a new socket (after a lost connection, `setCredentials`,
   * or `reconnect()`), once it is listening again; not on its first connection.
   */
  refetch?(): void;
  /**
   * The operation itself failed and is over: GraphQL errors on subscribe (a GraphQLRequestError
   * such as FORBIDDEN or NOT_FOUND). Connection trouble is not reported here but in
   * `client.connection`: the operation waits, paused, and resumes with `refetch`.
   */
  error?(error: RedressError): void;
  complete?(): void;
  /**
   * The subscription resumed on a new connection (after a reconnect or a change of
   * credentials): events may have been missed, reload what is shown.
   */
  refetch?(): void;
}

export type SubscribeOptions<TData, TVariables> = SubscriptionHandlers<TData> &
  (Record<never, never> extends TVariables ? { variables?: TVariables } : { variables: TVariables });

export interface RedressClient {
  /**
   * Runs a query over HTTP; throws TransportError, AuthError or GraphQLRequestError.
   * `query(doc, variables, { signal })` aborts with the signal.
   */
  query<TData, TVariables>(document: QueryDocument<TData, TVariables>, ...args: OperationArguments<TVariables>): Promise<TData>;
  /**
   * Runs a mutation over HTTP and returns its payload's expected failures as a value:
   * `{ ok: true, data }` or `{ ok: false, errors }`. Throws like `query` otherwise.
   */
  mutate<TData extends { [field: string]: MutationPayload }, TVariables>(
    document: MutationDocument<TData, TVariables>,
    ...args: OperationArguments<TVariables>
  ): Promise<MutationResult<PayloadOf<TData>>>;
  /**
   * Runs an operation over graphql-ws (a subscription, or a query answered once) and
   * returns a function that stops it. It lives until stopped, completed or failed on its
   * own: across reconnects, and while the connection is `stopped` (paused, resumed by
   * `reconnect()` or `setCredentials()`). After each resumption `refetch` is called.
   */
  subscribe<TData, TVariables>(document: LiveDocument<TData, TVariables>, options: SubscribeOptions<TData, TVariables>): () => void;
  /** Replaces the credentials; the WebSocket reconnects with them and live operations resume (with `refetch`). */
  setCredentials(credentials: Credentials): void;
  /** The WebSocket's state now, and why it is retrying or stopped. */
  readonly connection: ConnectionStatus;
  /** Calls the listener at once with the current state, then on every change; returns its removal. */
  onConnectionChange(listener: ConnectionListener): () => void;
  /** Starts the WebSocket again after `stopped`, with fresh attempts; does nothing in any other state. */
  reconnect(): void;
  /** Closes the WebSocket; live operations complete. */
  dispose(): Promise<void>;
}

/** What helpers beside the GraphQL operations (file uploads) need of a client: where it points and how it authenticates. */
export interface ClientEndpoint {
  url: string;
  credentials: CredentialStore;
  locale: string | undefined;
}

const endpoints = new WeakMap<RedressClient, ClientEndpoint>();

/** The endpoint of a client made by `createClient`; undefined for any other object. */
export function clientEndpoint(client: RedressClient): ClientEndpoint | undefined {
  return endpoints.get(client);
}

export function createClient(options: ClientOptions): RedressClient {
  const credentials = new CredentialStore(options);
  const tracker = new ConnectionTracker();
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const headers: Record<string, string> = options.locale ? { 'accept-language': options.locale } : {};

  let socket: SocketTransport | null = null;
  let loading: Promise<SocketTransport> | null = null;
  let disposed = false;
  const socketTransport = () =>
    (loading ??= import('./socket-transport.js').then(({ SocketTransport }) => {
      socket = new SocketTransport(
        {
          url: options.webSocketUrl ?? options.url.replace(/^http/, 'ws'),
          credentials,
          webSocketImpl: options.webSocketImpl,
          reconnect: options.reconnect ?? {},
          keepOpen: options.keepSocketOpen ?? false,
          locale: options.locale,
        },
        tracker,
      );
      return socket;
    }));
  if (options.keepSocketOpen) {
    socketTransport().catch((cause: unknown) =>
      tracker.set('stopped', new TransportError('Loading the WebSocket client failed', { cause })),
    );
  }

  const execute = async (
    operation: PreparedOperation,
    variables: unknown,
    request: RequestOptions = {},
    retryAuth = true,
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the caller types the result
  ): Promise<any> => {
    const response = await postOperation(
      fetchImpl,
      options.url,
      credentials,
      headers,
      { query: await operation.text(), operationName: operation.operationName, variables: variables ?? {} },
      request.signal,
    );
    if (response.errors?.length) {
      const error = errorFromGraphQLErrors(response.errors);
      // A token function may hold a fresh token by now: ask once more before giving up.
      if (error instanceof AuthError && retryAuth && credentials.refreshable) {
        return execute(operation, variables, request, false);
      }
      throw error;
    }
    if (!response.data) throw new TransportError(`HTTP ${response.status}: no data`, { status: response.status });
    return response.data;
  };

  const client: RedressClient = {
    async query(document, ...[variables, request]) {
      const operation = prepareOperation(document);
      expectOperationKind(operation, ['query'], 'query');
      return execute(operation, variables, request);
    },

    async mutate(document, ...[variables, request]) {
      const operation = prepareOperation(document);
      expectOperationKind(operation, ['mutation'], 'mutate');
      if (operation.rootFields.length !== 1) {
        throw new TypeError(
          `mutate() takes a document with one mutation field; ${operation.operationName} has ${operation.rootFields.length}`,
        );
      }
      const data = await execute(operation, variables, request);
      return mutationResultFrom(data[operation.rootFields[0]]);
    },

    subscribe(document, handlers) {
      const operation = prepareOperation(document);
      expectOperationKind(operation, ['subscription', 'query'], 'subscribe');
      let active = true;
      let remove: (() => void) | null = null;
      const end = () => {
        active = false;
        remove?.();
        remove = null;
      };
      Promise.all([operation.text(), socketTransport()]).then(
        ([query, transport]) => {
          if (!active || disposed) return;
          remove = transport.add({
            payload: { query, operationName: operation.operationName, variables: handlers.variables ?? {} },
            next(result) {
              if (!active) return;
              if (result.errors?.length) {
                end();
                handlers.error?.(errorFromGraphQLErrors(result.errors));
                return;
              }
              handlers.next(result.data as never);
            },
            fail(error) {
              if (!active) return;
              active = false;
              handlers.error?.(error);
            },
            complete() {
              if (!active) return;
              active = false;
              handlers.complete?.();
            },
            refetch() {
              if (active) handlers.refetch?.();
            },
          });
        },
        (cause: unknown) => {
          if (!active) return;
          active = false;
          handlers.error?.(cause instanceof RedressError ? cause : new TransportError('Starting the operation failed', { cause }));
        },
      );
      return end;
    },

    setCredentials(next) {
      credentials.replace(next);
      socket?.restart();
    },

    get connection() {
      return tracker.status;
    },

    onConnectionChange(listener) {
      return tracker.listen(listener);
    },

    reconnect() {
      socket?.reconnect();
    },

    async dispose() {
      disposed = true;
      // A socket transport still loading is disposed once it is there.
      if (loading)
        await loading.then(
          (transport) => transport.dispose(),
          () => undefined,
        );
    },
  };
  endpoints.set(client, { url: options.url, credentials, locale: options.locale });
  return client;
}
