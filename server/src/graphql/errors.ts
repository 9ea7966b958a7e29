import { HeaderMap } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS, SERVICE_UNAVAILABLE } from '../db/database-errors';
import { withoutSuggestions } from './operation-limits';

/** Expected domain failures, returned in a mutation payload's `errors`. */
export enum UserErrorCode {
  INVALID_INPUT = 'INVALID_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  ALREADY_EXISTS = 'ALREADY_EXISTS',
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /**
   * The viewer's roles or rights do not allow this mutation (a missing role, an action the
   * lifecycle keeps for other roles, an API key that may not do it). Not a lack of
   * credentials: that is the thrown UNAUTHENTICATED error.
   */
  FORBIDDEN = 'FORBIDDEN',
  /**
   * `renewToken`: the sign-in the token comes from is older than the maximum session age
   * (SESSION_MAX_AGE_SECONDS); sign in again with `login`.
   */
  SESSION_EXPIRED = 'SESSION_EXPIRED',
  /** The complaint changed since the client read it: `expectedVersion` is not the current version. */
  STALE_VERSION = 'STALE_VERSION',
  /** The complaint's status does not allow this action. */
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /**
   * Kept for compatibility: no longer returned. A period that runs into a year without a
   * public-holiday schedule is counted on weekends alone and marked provisional instead.
   */
  CALENDAR_NOT_COVERED = 'CALENDAR_NOT_COVERED',
  /** The plugin is not installed, already installed, or another industry plugin is. */
  PLUGIN_CONFLICT = 'PLUGIN_CONFLICT',
  /**
   * No staged upload with this id that the caller may attach: unknown, of another
   * organisation, expired, attached already, or staged by someone else.
   */
  UPLOAD_NOT_FOUND = 'UPLOAD_NOT_FOUND',
  /** Attaching would pass a limit on files: per complaint (count or bytes) or the organisation's storage. */
  EVIDENCE_LIMIT_EXCEEDED = 'EVIDENCE_LIMIT_EXCEEDED',
}
registerEnumType(UserErrorCode, { name: 'UserErrorCode', description: 'Why a mutation did not do what was asked' });

@ObjectType({ description: 'An expected failure of a mutation; the mutation changed nothing' })
export class UserError {
  @Field(() => UserErrorCode) code: UserErrorCode;
  @Field() message: string;
  @Field(() => String, { nullable: true, description: 'Path of the input field at fault, e.g. "admin.email"' })
  field: string | null;
}

/**
 * Thrown by services for an expected failure. The mutation middleware turns it into the
 * payload's `errors` and rolls the mutation's writes back.
 */
export class UserFailure extends Error {
  readonly errors: UserError[];
  constructor(code: UserErrorCode, message: string, field: string | null = null) {
    super(message);
    this.errors = [{ code, message, field }];
  }
  static many(errors: UserError[]): UserFailure {
    const failure = new UserFailure(errors[0].code, errors[0].message, errors[0].field);
    failure.errors.splice(0, 1, ...errors);
    return failure;
  }
}

/** Error codes a client may see in `extensions.code`; anything else is masked. */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  NOT_FOUND: 'NOT_FOUND',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
  /** Retryable: no database connection could be had in time (HTTP 503 with Retry-After). */
  SERVICE_UNAVAILABLE,
  /** Too many attempts from this address, for this account or tenant: try again after `retryAfterSeconds`. */
  RATE_LIMITED: 'RATE_LIMITED',
} as const;

export function unauthenticated(message = 'Authentication required'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
}

export function forbidden(message = 'Not allowed'): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.NOT_FOUND } });
}

/** Refused by a rate limit, before any work was done: HTTP 429 with Retry-After. */
export function rateLimited(retryAfterSeconds: number): GraphQLError {
  const seconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return new GraphQLError(`Too many attempts: try again in ${seconds} s`, {
    extensions: {
      code: ErrorCode.RATE_LIMITED,
      retryAfterSeconds: seconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(seconds)]]) },
    },
  });
}

export function badUserInput(message: string, field?: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

const PUBLIC_CODES = new Set<string>([
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.FORBIDDEN,
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.NOT_FOUND,
  ErrorCode.SERVICE_UNAVAILABLE,
  ErrorCode.RATE_LIMITED,
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

/**
 * The one place where thrown errors become what a client sees: known codes pass, the rest
 * is logged by the caller and masked.
 */
export function formatError(
  received: GraphQLFormattedError,
  error: unknown,
  onUnexpected: (error: unknown) => void,
): GraphQLFormattedError {
  // No "Did you mean …?": suggestions would map the schema even with introspection off.
  const formatted = { ...received, message: withoutSuggestions(received.message) };
  const original = unwrapResolverError(error);
  const code = (formatted.extensions?.code as string | undefined) ?? undefined;
  if (original instanceof GraphQLError && code && PUBLIC_CODES.has(code)) {
    const { stacktrace: _stack, http: _http, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  // graphql-js validation errors (unknown fields, wrong types) carry no code of ours.
  if (!(original instanceof Error) || (original instanceof GraphQLError && !formatted.path && !code)) {
    return { ...formatted, extensions: { code: code ?? 'GRAPHQL_VALIDATION_FAILED' } };
  }
  // The database could not serve in time: retryable, not a fault of this operation.
  if (isDatabaseUnavailable(original)) {
    return {
      message: 'The service is busy; retry shortly',
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, retryAfterSeconds: RETRY_AFTER_SECONDS },
    };
  }
  onUnexpected(original);
  return {
    message: 'Internal server error',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}
