import { defaultFieldResolver, GraphQLError, type GraphQLSchema } from 'graphql';
import type { AuthCheckerFn } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PLATFORM_ADMIN } from '../identity/roles';
import { ErrorCode, forbidden, UserErrorCode, UserFailure } from './errors';

/**
 * `@Authorized()` needs a viewer; `@Authorized(role, …)` needs one of the roles in the
 * current tenant; `@Authorized(PLATFORM_ADMIN)` needs a platform administrator.
 * Failures are thrown with UNAUTHENTICATED or FORBIDDEN (in a mutation, `mutationBoundary`
 * turns FORBIDDEN into the payload's FORBIDDEN error).
 */
export const authChecker: AuthCheckerFn<RequestContext> = ({ context }, roles) => {
  const viewer = context.requireViewer();
  if (roles.includes(PLATFORM_ADMIN)) {
    if (!viewer.isPlatformAdmin) throw forbidden('Only platform administrators may do this');
    return true;
  }
  if (roles.length === 0) return true;
  const tenantViewer = context.requireTenantViewer();
  if (!roles.some((role) => tenantViewer.roles.has(role))) {
    throw forbidden(`Requires one of the roles: ${roles.join(', ')}`);
  }
  return true;
};

/**
 * Every mutation runs in a savepoint of the operation's transaction. An expected failure
 * (a thrown UserFailure, a payload with errors, or a refusal for the viewer's roles or rights:
 * a thrown FORBIDDEN) undoes the mutation's writes and comes back as the payload's `errors`;
 * an unexpected error undoes them and propagates. UNAUTHENTICATED propagates too (HTTP 401):
 * missing credentials are not an outcome of one mutation but of the whole request.
 *
 * Applied to the fields of the Mutation type only (see `withMutationBoundary`): as a
 * type-graphql global middleware it would turn every field of every response, scalars
 * included, into an asynchronous middleware chain.
 */
export async function mutationBoundary<T>(context: RequestContext, resolve: () => T | Promise<T>): Promise<T | { errors: unknown }> {
  try {
    return await context.db.withSavepoint(
      async () => resolve(),
      (payload) => Array.isArray((payload as { errors?: unknown })?.errors) && (payload as { errors: unknown[] }).errors.length > 0,
    );
  } catch (error) {
    if (error instanceof UserFailure) return { errors: error.errors };
    if (error instanceof GraphQLError && error.extensions.code === ErrorCode.FORBIDDEN) {
      return { errors: [{ code: UserErrorCode.FORBIDDEN, message: error.message, field: null }] };
    }
    throw error;
  }
}

/** Wraps each Mutation field's resolver (auth check included) in `mutationBoundary`. */
export function withMutationBoundary(schema: GraphQLSchema): GraphQLSchema {
  for (const field of Object.values(schema.getMutationType()?.getFields() ?? {})) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context: RequestContext, info) => mutationBoundary(context, () => resolve(root, args, context, info));
  }
  return schema;
}
