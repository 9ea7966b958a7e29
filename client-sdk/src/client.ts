import { OperationTypeNode } from 'graphql';
import type { ReconnectOptions } from './backoff.js';
import { CredentialStore, type Credentials } from './credentials.js';
import { expectOperationType, prepareOperation, type TypedDocumentNode, type VariablesArgument } from './documents.js';
import { AuthError, RedressError, TransportError, errorFromGraphQLErrors } from './errors.js';
import { postOperation, type FetchLike } from './http-transport.js';
import { mutationResultFrom, type MutationPayload, type MutationResult, type PayloadOf } from './mutation-result.js';
import { SocketTransport, type ConnectionState } from './socket-transport.js';

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
  /** A TransportError when reconnecting gave up, an AuthError when credentials were refused. */
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
  /** Runs a query over HTTP; throws TransportError, AuthError or GraphQLRequestError. */
  query<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, ...variables: VariablesArgument<TVariables>): Promise<TData>;
  /**
   * Runs a mutation over HTTP and returns its payload's expected failures as a value:
   * `{ ok: true, data }` or `{ ok: false, errors }`. Throws like `query` otherwise.
   */
  mutate<TData extends { [field: string]: MutationPayload }, TVariables>(
    document: TypedDocumentNode<TData, TVariables>,
    ...variables: VariablesArgument<TVariables>
  ): Promise<MutationResult<PayloadOf<TData>>>;
  /**
   * Runs an operation over graphql-ws (a subscription, or a query answered once) and
   * returns a function that stops it. It survives reconnects.
   */
  subscribe<TData, TVariables>(document: TypedDocumentNode<TData, TVariables>, options: SubscribeOptions<TData, TVariables>): () => void;
  /** Replaces the credentials; the WebSocket reconnects with them and live operations resume. */
  setCredentials(credentials: Credentials): void;
  /** Follows the WebSocket: connecting, connected, reconnecting, disconnected. */
  onConnectionChange(listener: (state: ConnectionState, error?: RedressError) => void): () => void;
  /** Closes the WebSocket. */
  dispose(): Promise<void>;
}

export function createClient(options: ClientOptions): RedressClient {
  const credentials = new CredentialStore(options);
  const fetchImpl: FetchLike = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  const headers: Record<string, string> = options.locale ? { 'accept-language': options.locale } : {};
  let socket: SocketTransport | null = null;
  const socketTransport = () =>
    (socket ??= new SocketTransport({
      url: options.webSocketUrl ?? options.url.replace(/^http/, 'ws'),
      credentials,
      webSocketImpl: options.webSocketImpl,
      reconnect: options.reconnect ?? {},
      keepOpen: options.keepSocketOpen ?? false,
      locale: options.locale,
    }));
  if (options.keepSocketOpen) socketTransport();

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see documents.ts; the caller types the result
  const execute = async (document: TypedDocumentNode<any, any>, variables: unknown, retryAuth = true): Promise<any> => {
    const operation = prepareOperation(document);
    const response = await postOperation(fetchImpl, options.url, credentials, headers, {
      query: operation.query,
      operationName: operation.operationName,
      variables: variables ?? {},
    });
    if (response.errors?.length) {
      const error = errorFromGraphQLErrors(response.errors);
      // A token function may hold a fresh token by now: ask once more before giving up.
      if (error instanceof AuthError && error.code === 'UNAUTHENTICATED' && retryAuth && credentials.refreshable) {
        return execute(document, variables, false);
      }
      throw error;
    }
    if (!response.data) throw new TransportError(`HTTP ${response.status}: no data`, { status: response.status });
    return response.data;
  };

  return {
    async query(document, ...[variables]) {
      expectOperationType(prepareOperation(document), OperationTypeNode.QUERY, 'query');
      return execute(document, variables);
    },

    async mutate(document, ...[variables]) {
      const operation = prepareOperation(document);
      expectOperationType(operation, OperationTypeNode.MUTATION, 'mutate');
      if (operation.rootFields.length !== 1) {
        throw new TypeError(
          `mutate() takes a document with one mutation field; ${operation.operationName} has ${operation.rootFields.length}`,
        );
      }
      const data = await execute(document, variables);
      return mutationResultFrom(data[operation.rootFields[0]]);
    },

    subscribe(document, subscribeOptions) {
      const operation = prepareOperation(document);
      let stop: () => void = () => {};
      let stopped = false;
      stop = socketTransport().subscribe(
        { query: operation.query, operationName: operation.operationName, variables: subscribeOptions.variables ?? {} },
        {
          next(result) {
            if (stopped) return;
            if (result.errors?.length) {
              stopped = true;
              stop();
              subscribeOptions.error?.(errorFromGraphQLErrors(result.errors));
              return;
            }
            subscribeOptions.next(result.data as never);
          },
          error(error) {
            if (stopped) return;
            stopped = true;
            subscribeOptions.error?.(error);
          },
          complete() {
            if (stopped) return;
            stopped = true;
            subscribeOptions.complete?.();
          },
        },
      );
      return () => {
        stopped = true;
        stop();
      };
    },

    setCredentials(next) {
      credentials.replace(next);
      socket?.restart();
    },

    onConnectionChange(listener) {
      return socketTransport().onStateChange(listener);
    },

    async dispose() {
      await socket?.dispose();
    },
  };
}
