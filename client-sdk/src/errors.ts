/** A GraphQL error as the server sends it. */
export interface GraphQLErrorEntry {
  message: string;
  path?: ReadonlyArray<string | number>;
  extensions?: { code?: string; [key: string]: unknown };
}

/** Base class of every exception the client throws. */
export abstract class RedressError extends Error {
  abstract readonly kind: 'transport' | 'auth' | 'graphql';
}

/**
 * The request did not reach the server or the answer was not GraphQL (network, HTTP,
 * WebSocket), or the caller aborted it (`aborted` is true).
 */
export class TransportError extends RedressError {
  readonly kind = 'transport' as const;
  /** HTTP status, when the server answered. */
  readonly status: number | null;
  /** WebSocket close code, when the socket closed. */
  readonly closeCode: number | null;
  /** True when the request's AbortSignal ended it. */
  readonly aborted: boolean;

  constructor(message: string, details: { status?: number; closeCode?: number; cause?: unknown; aborted?: boolean } = {}) {
    super(message, { cause: details.cause });
    this.name = 'TransportError';
    this.status = details.status ?? null;
    this.closeCode = details.closeCode ?? null;
    this.aborted = details.aborted ?? false;
  }
}

export type AuthErrorCode = 'UNAUTHENTICATED';

/**
 * The credentials were refused: missing or no longer valid over HTTP, or refused by the
 * WebSocket (a bad token or API key, an unknown tracking code). A viewer who lacks a role
 * gets a GraphQLRequestError with code FORBIDDEN instead.
 */
export class AuthError extends RedressError {
  readonly kind = 'auth' as const;
  readonly code: AuthErrorCode;
  readonly errors: ReadonlyArray<GraphQLErrorEntry>;

  constructor(code: AuthErrorCode, message: string, errors: ReadonlyArray<GraphQLErrorEntry> = []) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
    this.errors = errors;
  }
}

/** The codes the server sends, and any other it may add. */
export type GraphQLErrorCode =
  'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT' | 'GRAPHQL_VALIDATION_FAILED' | 'INTERNAL_SERVER_ERROR' | (string & Record<never, never>);

/**
 * Any other GraphQL error: the viewer may not do this (FORBIDDEN), NOT_FOUND, an invalid
 * document or variables, an internal error.
 */
export class GraphQLRequestError extends RedressError {
  readonly kind = 'graphql' as const;
  /** `extensions.code` of the first error, e.g. FORBIDDEN, NOT_FOUND, BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED. */
  readonly code: GraphQLErrorCode;
  readonly errors: ReadonlyArray<GraphQLErrorEntry>;

  constructor(errors: ReadonlyArray<GraphQLErrorEntry>) {
    super(errors.map((error) => error.message).join('; ') || 'GraphQL request failed');
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'UNKNOWN';
  }
}

/** The exception for the `errors` of a GraphQL response: refused credentials first, everything else after. */
export function errorFromGraphQLErrors(errors: ReadonlyArray<GraphQLErrorEntry>): AuthError | GraphQLRequestError {
  const auth = errors.find((error) => error.extensions?.code === 'UNAUTHENTICATED');
  if (auth) return new AuthError('UNAUTHENTICATED', auth.message, errors);
  return new GraphQLRequestError(errors);
}
