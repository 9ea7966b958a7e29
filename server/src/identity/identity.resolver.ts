import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { CreateTenantInput, CreateTenantPayload, LoginInput, LoginPayload, Tenant, Viewer } from './identity.types';
import { PLATFORM_ADMIN } from './roles';

@Resolver()
export class IdentityResolver {
  @Mutation(() => LoginPayload, { description: 'Password login; the token goes in `Authorization: Bearer …`' })
  async login(@Arg('input') input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return { ...(await ctx.services.auth.login(ctx.db, input, ctx.clientAddress)), errors: [] };
  }

  @Authorized()
  @Query(() => Viewer, { description: 'The viewer, with memberships in every tenant' })
  async me(@Ctx() ctx: RequestContext): Promise<Viewer> {
    return ctx.services.viewers.describe(ctx.db, ctx.requireViewer());
  }

  @Authorized()
  @Query(() => Tenant, { description: 'The tenant the viewer acts in' })
  tenant(@Ctx() ctx: RequestContext): Promise<Tenant> {
    return ctx.services.tenants.currentTenant(ctx);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreateTenantPayload, { description: 'Platform administrators only' })
  async createTenant(
    @Arg('input', () => CreateTenantInput) input: CreateTenantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateTenantPayload> {
    return { tenant: await ctx.services.tenants.createTenant(ctx.db, ctx.requireViewer(), input), errors: [] };
  }
}
