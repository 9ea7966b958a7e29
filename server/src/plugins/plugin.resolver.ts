import { Arg, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { LabelledValue } from '../complaints/complaint.types';
import { fromGlobalId } from '../graphql/relay';
import { InstalledPlugin, Tenant } from '../identity/identity.types';
import { Role } from '../identity/roles';
import {
  AvailablePlugin,
  ConfigurePluginInput,
  InstallPluginInput,
  PluginPayload,
  UninstallPluginInput,
  UninstallPluginPayload,
  UpgradePluginInput,
} from './plugin.types';

/** Plugins a tenant may install, and their installation; changes are for tenant administrators. */
@Resolver()
export class PluginResolver {
  @Authorized()
  @Query(() => [AvailablePlugin], { description: 'Every plugin (and version) this server ships' })
  async availablePlugins(@Ctx() ctx: RequestContext): Promise<AvailablePlugin[]> {
    ctx.requireTenantViewer();
    return ctx.services.pluginAdmin.describeAll(await ctx.locale());
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => PluginPayload, { description: 'Installs a plugin; seeds its departments and roles where missing' })
  async installPlugin(@Arg('input') input: InstallPluginInput, @Ctx() ctx: RequestContext): Promise<PluginPayload> {
    return this.payload(ctx, await ctx.services.pluginAdmin.install(ctx, input));
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => PluginPayload, { description: 'Replaces the configuration; complaints already filed keep theirs' })
  async configurePlugin(@Arg('input') input: ConfigurePluginInput, @Ctx() ctx: RequestContext): Promise<PluginPayload> {
    return this.payload(ctx, await ctx.services.pluginAdmin.configure(ctx, input));
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => PluginPayload, { description: 'Moves to a newer version for new complaints; those in flight keep theirs' })
  async upgradePlugin(@Arg('input') input: UpgradePluginInput, @Ctx() ctx: RequestContext): Promise<PluginPayload> {
    return this.payload(ctx, await ctx.services.pluginAdmin.upgrade(ctx, input));
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => UninstallPluginPayload, { description: 'New complaints fall back to the default plugin' })
  async uninstallPlugin(@Arg('input') input: UninstallPluginInput, @Ctx() ctx: RequestContext): Promise<UninstallPluginPayload> {
    return { pluginId: await ctx.services.pluginAdmin.uninstall(ctx, input), errors: [] };
  }

  private async payload(ctx: RequestContext, plugin: InstalledPlugin): Promise<PluginPayload> {
    return { plugin, tenant: await ctx.services.tenants.currentTenant(ctx), errors: [] };
  }
}

@Resolver(() => Tenant)
export class TenantPluginsResolver {
  @FieldResolver(() => [InstalledPlugin])
  async plugins(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<InstalledPlugin[]> {
    const id = fromGlobalId(tenant.id, 'Tenant')!.id;
    return ctx.services.pluginAdmin.installed(ctx, id);
  }

  @FieldResolver(() => [LabelledValue], { description: 'Roles members may hold: the core roles and those plugins brought' })
  async roles(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<LabelledValue[]> {
    const id = fromGlobalId(tenant.id, 'Tenant')!.id;
    return ctx.services.pluginAdmin.roles(ctx, id, await ctx.locale());
  }
}
