import { getOperationAST, GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Context as WsContext, SubscribeMessage } from 'graphql-ws';
import { LRUCache } from 'lru-cache';
import type { Viewer } from '../context/viewer';
import type { OperationLimits } from '../graphql/operation-limits';

/** Largest WebSocket message by default: as HTTP's JSON body limit. */
export const DEFAULT_WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
export const DEFAULT_WS_MAX_SUBSCRIPTIONS_PER_CONNECTION = 100;
export const DEFAULT_WS_MAX_CONNECTIONS_PER_CREDENTIAL = 20;

/** Close code of a connection refused because its credential already holds the most connections. */
export const CLOSE_TOO_MANY_CONNECTIONS = 4429;
/** extensions.code of an operation refused because its connection holds the most operations. */
export const TOO_MANY_SUBSCRIPTIONS = 'TOO_MANY_SUBSCRIPTIONS';

export interface WsLimitSettings {
  maxSubscriptionsPerConnection: number;
  maxConnectionsPerCredential: number;
}

/**
 * Who a connection belongs to, for the per-credential cap: a user (whatever token they
 * present), an API key, or for a complainant the complaint their tracking code found (however
 * the code is spelt). Kept in memory only, never in logs or metrics.
 */
export function connectionOwner(viewer: Pick<Viewer, 'userId' | 'apiKeyId'> | null, trackedComplaintId: string | null): string | null {
  if (viewer?.apiKeyId) return `api-key:${viewer.apiKeyId}`;
  if (viewer) return `user:${viewer.userId}`;
  if (trackedComplaintId) return `complaint:${trackedComplaintId}`;
  return null;
}

/**
 * The WebSocket side of the operation limits, for graphql-ws's hooks:
 * - `admit` / `release` cap the connections open at once per credential (more are closed
 *   with 4429);
 * - `onSubscribe` parses each operation with the token limit and validates it with the same
 *   rules as HTTP; a bad or over-limit operation, or one past the connection's cap on open
 *   operations, gets an `error` message for its id and the socket stays open.
 */
export class WsLimits {
  private readonly owners = new WeakMap<WsContext, string>();
  private readonly openByOwner = new Map<string, number>();
  private readonly checked = checkedDocuments();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly limits: OperationLimits,
    private readonly settings: WsLimitSettings,
  ) {}

  /**
   * Counts an accepted connection against its owner; false (and the socket closed with 4429)
   * when the owner already holds the most connections. Call once the credential is checked.
   */
  admit(ctx: WsContext, owner: string | null): boolean {
    if (owner === null) return true;
    const open = this.openByOwner.get(owner) ?? 0;
    if (open >= this.settings.maxConnectionsPerCredential) {
      const socket = (ctx.extra as { socket?: { close(code: number, reason: string): void } }).socket;
      socket?.close(CLOSE_TOO_MANY_CONNECTIONS, 'Too many connections for this credential');
      return false;
    }
    this.openByOwner.set(owner, open + 1);
    this.owners.set(ctx, owner);
    return true;
  }

  /** graphql-ws `onClose`: the connection no longer counts against its owner. */
  release(ctx: WsContext): void {
    const owner = this.owners.get(ctx);
    if (owner === undefined) return;
    this.owners.delete(ctx);
    const open = (this.openByOwner.get(owner) ?? 1) - 1;
    if (open > 0) this.openByOwner.set(owner, open);
    else this.openByOwner.delete(owner);
  }

  /** graphql-ws `onSubscribe`: the execution arguments of a sound operation, or its errors. */
  onSubscribe(ctx: WsContext, _id: string, payload: SubscribeMessage['payload']): ExecutionArgs | GraphQLError[] {
    // graphql-ws registers the operation before this hook, so it is counted here.
    if (Object.keys(ctx.subscriptions).length > this.settings.maxSubscriptionsPerConnection) {
      return [
        new GraphQLError(`This connection already has ${this.settings.maxSubscriptionsPerConnection} operations open; complete one first`, {
          extensions: { code: TOO_MANY_SUBSCRIPTIONS },
        }),
      ];
    }
    const query = payload?.query;
    let document = typeof query === 'string' ? this.checked.get(query) : undefined;
    if (!document) {
      const checked = this.limits.check(this.schema, query);
      if ('errors' in checked) return checked.errors;
      document = checked.document;
      this.checked.set(query, document);
    }
    const operationName = typeof payload.operationName === 'string' ? payload.operationName : undefined;
    if (!getOperationAST(document, operationName)) {
      return [new GraphQLError('Unable to identify operation', { extensions: { code: 'OPERATION_RESOLUTION_FAILURE' } })];
    }
    const variables = payload.variables;
    return {
      schema: this.schema,
      document,
      operationName,
      variableValues: variables && typeof variables === 'object' ? variables : undefined,
    };
  }

  /** Connections counted against credentials (for tests and metrics). */
  get admittedConnections(): number {
    let count = 0;
    for (const open of this.openByOwner.values()) count += open;
    return count;
  }
}

/**
 * Documents that passed the limits and validation, by query text: the clients of a board all
 * subscribe with the same few queries, and each open subscription would otherwise hold its
 * own parse (tokens, locations, nodes) for as long as it lasts. The check depends on the
 * text alone (one schema, one set of rules) and graphql-js never changes a document, so one
 * is shared. Least recently used ones go first; the texts kept are bounded in number and size.
 */
const CHECKED_DOCUMENTS_MAX_CHARS = 256 * 1024;

function checkedDocuments(): LRUCache<string, DocumentNode> {
  return new LRUCache<string, DocumentNode>({
    max: 256,
    maxSize: CHECKED_DOCUMENTS_MAX_CHARS,
    // A query longer than this is checked every time rather than crowd out the others.
    maxEntrySize: CHECKED_DOCUMENTS_MAX_CHARS / 16,
    sizeCalculation: (_document, query) => Math.max(1, query.length),
  });
}

/**
 * A message over the size limit makes `ws` close the socket with 1009 and emit an error,
 * which graphql-ws would print to stderr as an internal error. That is a client's doing:
 * it is logged here as such, once per connection, and nothing else is done (ws closes).
 * Call after `useServer`, whose error listener this takes over.
 */
export function logOversizedMessages(
  wsServer: { on(event: 'connection', listener: (socket: SocketErrors) => void): unknown },
  logger: { info(object: object, message: string): void },
): void {
  wsServer.on('connection', (socket) => {
    const others = socket.listeners('error');
    socket.removeAllListeners('error');
    socket.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
        logger.info({ code: error.code }, 'WebSocket message over the size limit: connection closed (1009)');
        return;
      }
      for (const listener of others) (listener as (error: Error) => void).call(socket, error);
    });
  });
}

interface SocketErrors {
  listeners(event: 'error'): ((...args: unknown[]) => void)[];
  removeAllListeners(event: 'error'): unknown;
  on(event: 'error', listener: (error: Error & { code?: string }) => void): unknown;
}
