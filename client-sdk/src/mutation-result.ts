import type { UserErrorCode } from './generated/graphql.js';

/** An expected failure of a mutation (the `errors` of its payload); the mutation changed nothing. */
export interface UserError {
  code: UserErrorCode;
  message: string;
  /** Path of the input field at fault, e.g. "admin.email". */
  field: string | null;
}

/** What every mutation payload carries. */
export interface MutationPayload {
  errors: ReadonlyArray<UserError>;
}

/**
 * The outcome of a mutation: the payload on success, or the expected failures. Check `ok`
 * before reading `data`; the compiler refuses it otherwise.
 */
export type MutationResult<TPayload> =
  { ok: true; data: Omit<TPayload, 'errors'>; errors?: undefined } | { ok: false; errors: ReadonlyArray<UserError>; data?: undefined };

/** The payload type of a single-field mutation result, e.g. `{ fileComplaint: P }` → `P`. */
export type PayloadOf<TData> = TData[keyof TData];

export function mutationResultFrom<TPayload extends MutationPayload>(payload: TPayload): MutationResult<TPayload> {
  if (payload.errors.length > 0) return { ok: false, errors: payload.errors };
  const { errors: _none, ...data } = payload;
  return { ok: true, data };
}
