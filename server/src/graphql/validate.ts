import type { z } from 'zod';
import { badUserInput, UserErrorCode, UserFailure } from './errors';
import { fromGlobalId } from './relay';

/** Parses a mutation input with zod; every problem becomes an INVALID_INPUT error with its field path. */
export function validateInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw UserFailure.many(
    parsed.error.issues.map((issue) => ({
      code: UserErrorCode.INVALID_INPUT,
      message: issue.message,
      field: issue.path.join('.') || null,
    })),
  );
}

/** Decodes a global id given in an input; a malformed one or one of another type is NOT_FOUND. */
export function requireGlobalId(globalId: string, type: string, field: string): string {
  const decoded = fromGlobalId(globalId, type);
  if (!decoded) throw new UserFailure(UserErrorCode.NOT_FOUND, `No ${type} with this id`, field);
  return decoded.id;
}

/** Decodes a global id given in a query's filter; a malformed one or one of another type is BAD_USER_INPUT on `filter.<field>`. */
export function filterId(globalId: string, type: string, field: string): string {
  const decoded = fromGlobalId(globalId, type);
  if (!decoded) throw badUserInput(`Not a ${type} id`, `filter.${field}`);
  return decoded.id;
}
