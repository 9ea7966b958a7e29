import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PageArgs } from '../graphql/connection';
import { ApiKeyConnection, CreateApiKeyInput, CreateApiKeyPayload, RevokeApiKeyInput, RevokeApiKeyPayload } from './identity.types';
import { Role } from './roles';

@Resolver()
export class ApiKeyResolver {
  @Authorized(Role.TenantAdmin)
  @Query(() => ApiKeyConnection, { description: 'API keys of the current tenant (secrets are never shown again)' })
  apiKeys(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.apiKeys.list(ctx, page);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => CreateApiKeyPayload)
  async createApiKey(
    @Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateApiKeyPayload> {
    return { ...(await ctx.services.apiKeys.create(ctx, input)), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => RevokeApiKeyPayload)
  async revokeApiKey(@Arg('input') input: RevokeApiKeyInput, @Ctx() ctx: RequestContext): Promise<RevokeApiKeyPayload> {
    return { apiKey: await ctx.services.apiKeys.revoke(ctx, input), errors: [] };
  }
}
