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

/** The request did not reach the server or the answer was not GraphQL (network, HTTP, WebSocket). */
export class TransportError extends RedressError {
  readonly kind = 'transport' as const;
  /** HTTP status, when the server answered. */
  readonly status: number | null;
  /** WebSocket close code, when the socket closed. */
  readonly closeCode: number | null;

  constructor(message: string, details: { status?: number; closeCode?: number; cause?: unknown } = {}) {
    super(message, { cause: details.cause });
    this.name = 'TransportError';
    this.status = details.status ?? null;
    this.closeCode = details.closeCode ?? null;
  }
}

export type AuthErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** No valid credentials (`UNAUTHENTICATED`), or the viewer may not do this (`FORBIDDEN`). */
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

/** Any other GraphQL error: an invalid document or variables, NOT_FOUND, an internal error. */
export class GraphQLRequestError extends RedressError {
  readonly kind = 'graphql' as const;
  /** `extensions.code` of the first error, e.g. NOT_FOUND, BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED. */
  readonly code: string;
  readonly errors: ReadonlyArray<GraphQLErrorEntry>;

  constructor(errors: ReadonlyArray<GraphQLErrorEntry>) {
    super(errors.map((error) => error.message).join('; ') || 'GraphQL request failed');
    this.name = 'GraphQLRequestError';
    this.errors = errors;
    this.code = errors[0]?.extensions?.code ?? 'UNKNOWN';
  }
}

const AUTH_CODES: ReadonlySet<string> = new Set<AuthErrorCode>(['UNAUTHENTICATED', 'FORBIDDEN']);

/** The exception for the `errors` of a GraphQL response: auth codes first, everything else after. */
export function errorFromGraphQLErrors(errors: ReadonlyArray<GraphQLErrorEntry>): AuthError | GraphQLRequestError {
  const auth = errors.find((error) => AUTH_CODES.has(error.extensions?.code ?? ''));
  if (auth) return new AuthError(auth.extensions!.code as AuthErrorCode, auth.message, errors);
  return new GraphQLRequestError(errors);
}
