import type { UserError } from '@redress/client-sdk';

/** The messages of the errors that name `field` (an input path such as "comment" or "input.comment"). */
export function errorsFor(errors: ReadonlyArray<UserError>, field: string): string | undefined {
  const named = errors.filter((error) => error.field === field || error.field?.endsWith(`.${field}`));
  return named.length ? named.map((error) => error.message).join(' ') : undefined;
}

/** The errors that name no field of the form (FORBIDDEN, STALE_VERSION, …): shown as a message. */
export function otherErrors(errors: ReadonlyArray<UserError>, fields: readonly string[]): UserError[] {
  return errors.filter((error) => !fields.some((field) => error.field === field || error.field?.endsWith(`.${field}`)));
}
