import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import {
  CreateTenantInput,
  CreateTenantPayload,
  LoginInput,
  LoginPayload,
  LogoutPayload,
  SwitchTenantInput,
  Tenant,
  Viewer,
} from './identity.types';
import { PLATFORM_ADMIN } from './roles';
import { UpdateTenantBrandingInput, UpdateTenantBrandingPayload } from './tenant-branding.types';

@Resolver()
export class IdentityResolver {
  @Mutation(() => LoginPayload, { description: 'Password login; the token goes in `Authorization: Bearer …`' })
  async login(@Arg('input') input: LoginInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return { ...(await ctx.services.auth.login(ctx.db, input, ctx.clientAddress)), errors: [] };
  }

  @Authorized()
  @Mutation(() => LoginPayload, {
    description:
      'A new token for the sign-in of the login token this request carries, with a fresh lifetime; call it before the token expires. ' +
      'SESSION_EXPIRED once the sign-in is older than the maximum session age; FORBIDDEN for an API key',
  })
  async renewToken(@Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return { ...(await ctx.services.sessions.renew(ctx.db, ctx.requireViewer())), errors: [] };
  }

  @Authorized()
  @Mutation(() => LoginPayload, {
    description:
      'A token of the same sign-in for the same user in another tenant the user is a member of (NOT_FOUND otherwise, ' +
      'also for an unknown slug), or at platform level (tenantSlug null, platform administrators). Logout ends it with ' +
      'the sign-in, and the maximum session age counts from the original sign-in (SESSION_EXPIRED). FORBIDDEN for an API key',
  })
  async switchTenant(@Arg('input') input: SwitchTenantInput, @Ctx() ctx: RequestContext): Promise<LoginPayload> {
    return { ...(await ctx.services.sessions.switchTenant(ctx.db, ctx.requireViewer(), input.tenantSlug ?? null)), errors: [] };
  }

  @Authorized()
  @Mutation(() => LogoutPayload, {
    description:
      'Ends the sign-in of the login token this request carries: it and every token renewed from it are refused from now on. ' +
      'FORBIDDEN for an API key',
  })
  async logout(@Ctx() ctx: RequestContext): Promise<LogoutPayload> {
    await ctx.services.sessions.end(ctx.db, ctx.requireViewer());
    return { errors: [] };
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
  @Query(() => [Tenant], { description: 'Platform administrators only: every tenant, by name' })
  tenants(@Ctx() ctx: RequestContext): Promise<Tenant[]> {
    return ctx.services.tenants.listTenants(ctx.db);
  }

  @Authorized(PLATFORM_ADMIN)
  @Mutation(() => CreateTenantPayload, { description: 'Platform administrators only' })
  async createTenant(
    @Arg('input', () => CreateTenantInput) input: CreateTenantInput,
    @Ctx() ctx: RequestContext,
  ): Promise<CreateTenantPayload> {
    return { tenant: await ctx.services.tenants.createTenant(ctx.db, ctx.requireViewer(), input), errors: [] };
  }

  @Authorized()
  @Mutation(() => UpdateTenantBrandingPayload, {
    description: "Sets the tenant's logo, shown on its public complaint pages; tenant administrators",
  })
  async updateTenantBranding(
    @Arg('input', () => UpdateTenantBrandingInput) input: UpdateTenantBrandingInput,
    @Ctx() ctx: RequestContext,
  ): Promise<UpdateTenantBrandingPayload> {
    return { tenant: await ctx.services.tenants.updateBranding(ctx, input), errors: [] };
  }
}
