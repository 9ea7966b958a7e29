import { defaultFieldResolver, isObjectType, type GraphQLFieldResolver, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
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

/** NUL and unpaired UTF-16 surrogates: PostgreSQL text (and jsonb) cannot store them. */
// eslint-disable-next-line no-control-regex -- matching NUL is the point
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSTORABLE_TEXT_MESSAGE = 'Text may not contain NUL characters (U+0000) or unpaired surrogates';

/**
 * The path of the first string (or object key) in `value` that PostgreSQL text cannot store,
 * or null when every one can. Walks arrays and plain objects (JSON inputs too) without recursion.
 */
export function unstorableTextAt(value: unknown): (string | number)[] | null {
  const pending: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (pending.length) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (UNSTORABLE.test(current)) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    } else if (current !== null && typeof current === 'object' && !(current instanceof Date)) {
      for (const [key, item] of Object.entries(current)) {
        if (UNSTORABLE.test(key)) return [...path, key];
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/**
 * One input rule for the whole schema: every argument of every field, whatever its type
 * (strings, inputs, lists, JSON), is refused before its resolver runs when it holds text
 * PostgreSQL cannot store, so nothing reaches the database and nothing is written. A
 * mutation answers INVALID_INPUT in its payload's `errors`, with the field path as its
 * other input errors have (`input.` left out); any other field answers BAD_USER_INPUT on that
 * path.
 */
export function withTextInputRule(schema: GraphQLSchema): GraphQLSchema {
  const mutationType = schema.getMutationType();
  const subscriptionType = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length === 0) continue;
      const refusal = (args: Record<string, unknown>): (string | number)[] | null => unstorableTextAt(args);
      if (type === mutationType) {
        const resolve = field.resolve ?? defaultFieldResolver;
        field.resolve = (root, args, context, info) => {
          const at = refusal(args);
          if (!at) return resolve(root, args, context, info);
          const path = at[0] === 'input' ? at.slice(1) : at;
          return { errors: [{ code: UserErrorCode.INVALID_INPUT, message: UNSTORABLE_TEXT_MESSAGE, field: path.join('.') || null }] };
        };
        continue;
      }
      const guard = <F extends GraphQLFieldResolver<unknown, unknown>>(inner: F): F =>
        ((root: unknown, args: Record<string, unknown>, context: unknown, info: GraphQLResolveInfo) => {
          const at = refusal(args);
          if (at) throw badUserInput(UNSTORABLE_TEXT_MESSAGE, at.join('.'));
          return inner(root, args, context, info);
        }) as F;
      field.resolve = guard(field.resolve ?? defaultFieldResolver);
      if (type === subscriptionType && field.subscribe) field.subscribe = guard(field.subscribe);
    }
  }
  return schema;
}
