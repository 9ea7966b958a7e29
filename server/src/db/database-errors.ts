import { HeaderMap } from '@apollo/server';
import { GraphQLError } from 'graphql';

/** Seconds a client is asked to wait before retrying an operation refused for want of a connection. */
export const RETRY_AFTER_SECONDS = 2;

export const SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE';

/**
 * PostgreSQL error codes meaning "no database work can be done right now", not "this
 * operation is wrong": the server is shutting down or restarting (57P01–57P03), out of
 * connections (53300), the connection broke (08…), or the statement ran out of time (57014,
 * statement_timeout) or the session sat idle in its transaction too long (25P03).
 */
const UNAVAILABLE_CODES = new Set(['57P01', '57P02', '57P03', '53300', '57014', '25P03']);

const UNAVAILABLE_MESSAGES = [
  // pg-pool: no pooled connection became free within connectionTimeoutMillis.
  'timeout exceeded when trying to connect',
  // pg: a new connection did not complete within connectionTimeoutMillis.
  'Connection terminated due to connection timeout',
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
];

const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
/** TypeORM: the runner's connection broke (and was released) while the operation still held it. */
const BROKEN_RUNNER = 'QueryRunnerAlreadyReleasedError';

interface ErrorLink {
  code?: unknown;
  message?: unknown;
  name?: unknown;
  driverError?: unknown;
  cause?: unknown;
  originalError?: unknown;
}

/** `error` and the errors it wraps (TypeORM's driver error, a cause, GraphQL's original error). */
function* errorChain(error: unknown): Generator<ErrorLink> {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 4; depth++) {
    const link = current as ErrorLink;
    yield link;
    current = link.driverError ?? link.cause ?? link.originalError;
  }
}

/** True when `error` (or the driver error TypeORM wraps) says the database cannot serve now. */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (const { code, message, name } of errorChain(error)) {
    if (typeof code === 'string' && (UNAVAILABLE_CODES.has(code) || code.startsWith('08') || NODE_CODES.has(code))) return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.startsWith(m))) return true;
    if (name === BROKEN_RUNNER) return true;
  }
  return false;
}

/**
 * The typed, retryable refusal: HTTP 503 with `Retry-After`, and a GraphQL error whose
 * `extensions.code` is SERVICE_UNAVAILABLE. Nothing of the operation was committed.
 */
export function serviceUnavailable(message = 'The service is busy; retry shortly'): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      code: SERVICE_UNAVAILABLE,
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      http: { status: 503, headers: new HeaderMap([['retry-after', String(RETRY_AFTER_SECONDS)]]) },
    },
  });
}

/** The refusal for a database-unavailable `error`, or null for any other error. */
export function serviceUnavailableFrom(error: unknown): GraphQLError | null {
  return isDatabaseUnavailable(error) ? serviceUnavailable() : null;
}

/** The server ended the session (shutdown, pg_terminate_backend, idle-in-transaction timeout). */
const SESSION_ENDED_CODES = new Set(['57P01', '57P02', '57P03', '25P03']);
/** pg: the statement was never sent, the connection had broken before it. */
const NOT_SENT_MESSAGES = ['Client has encountered a connection error and is not queryable', 'Client was closed and is not queryable'];

/**
 * What a failed COMMIT is answered with. When PostgreSQL cannot have carried it out — the
 * statement was never sent, or the server was ending the session, which it does only outside
 * a commit's critical section — nothing was kept and the client may retry (503). A socket cut
 * without a word mid-COMMIT leaves the outcome unknown: that stays an error, never a retry.
 */
export function commitRefusal(error: unknown): unknown {
  for (const { code, message, name } of errorChain(error)) {
    if (name === BROKEN_RUNNER) return serviceUnavailable();
    if (typeof code === 'string' && SESSION_ENDED_CODES.has(code)) return serviceUnavailable();
    if (typeof message === 'string' && NOT_SENT_MESSAGES.includes(message)) return serviceUnavailable();
  }
  return error;
}

/** A ROLLBACK on a broken connection: the database drops a transaction whose session ended. */
export function ignoreBrokenConnection(error: unknown): void {
  if (!isDatabaseUnavailable(error)) throw error;
}
