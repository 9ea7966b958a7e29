import type { ComplaintPlugin, Locale } from '@redress/plugin-api';
import { allRules } from '@redress/plugin-api';
import { z } from 'zod';
import type { RequestContext } from '../context/request-context';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { recordAudit } from '../identity/audit';
import { categoryOf } from '../complaints/complaint-query.service';
import { BoundPlugin, compareVersions, tenantClock, configSchema, defaultConfig, type PluginConfig, type PluginHost } from './plugin-host';
import type {
  AvailablePlugin,
  ConfigurePluginInput,
  InstallPluginInput,
  PluginIntakeField,
  UninstallPluginInput,
  UpgradePluginInput,
} from './plugin.types';
import type { InstalledPlugin } from '../identity/identity.types';
import type { LabelledValue } from '../complaints/complaint.types';
import { CORE_ROLES } from '../identity/roles';

interface InstalledRow {
  plugin_id: string;
  version: string;
  config: PluginConfig;
}

/** A role a plugin brought to a tenant, with its label per language. */
interface TenantRoleRow {
  code: string;
  label: Record<Locale, string>;
}

/**
 * Per-tenant plugin management: install, configure, upgrade, uninstall. Only tenant
 * administrators reach it (see the resolver); every change is audited. Complaints already
 * filed keep the plugin version and configuration they were filed under.
 */
export class PluginService {
  constructor(private readonly host: PluginHost) {}

  describeAll(locale: Locale): AvailablePlugin[] {
    return this.host.all().map((plugin) => describe(plugin, locale));
  }

  async installed(ctx: RequestContext, tenantId: string): Promise<InstalledPlugin[]> {
    const rows = await ctx.db.query<InstalledRow>(
      'SELECT plugin_id, version, config FROM tenant_plugins WHERE tenant_id = $1 ORDER BY installed_at',
      [tenantId],
    );
    return rows.map(toInstalled);
  }

  /** The roles members of the tenant may hold: the core roles, then those plugins brought. */
  async roles(ctx: RequestContext, tenantId: string, locale: Locale): Promise<LabelledValue[]> {
    const pluginRoles = await ctx.db.query<TenantRoleRow>('SELECT code, label FROM tenant_roles WHERE tenant_id = $1 ORDER BY code', [
      tenantId,
    ]);
    return [
      ...CORE_ROLES.map((role) => ({ value: role.code, label: role.label[locale] })),
      ...pluginRoles.map((role) => ({ value: role.code, label: role.label[locale] })),
    ];
  }

  async install(ctx: RequestContext, input: InstallPluginInput): Promise<InstalledPlugin> {
    const viewer = ctx.requireTenantViewer();
    const plugin = this.requirePlugin(input.pluginId, input.version);
    const installed = await this.installedRows(ctx, viewer.tenantId);
    if (installed.some((row) => row.plugin_id === plugin.id)) {
      throw new UserFailure(UserErrorCode.PLUGIN_CONFLICT, `${plugin.id} is already installed; upgrade or configure it`, 'pluginId');
    }
    // One plugin governs a tenant's complaints (PluginHost.forNewComplaint): another one is uninstalled first.
    const blocking = installed[0];
    if (blocking) {
      throw new UserFailure(
        UserErrorCode.PLUGIN_CONFLICT,
        `${blocking.plugin_id} is installed and cannot be combined with ${plugin.id}; uninstall it first`,
        'pluginId',
      );
    }
    const config = validConfig(plugin, input.config ?? {});
    await ctx.db.query('INSERT INTO tenant_plugins (tenant_id, plugin_id, version, config) VALUES ($1, $2, $3, $4)', [
      viewer.tenantId,
      plugin.id,
      plugin.version,
      JSON.stringify(config),
    ]);
    await this.seedDeclarations(ctx, viewer.tenantId, plugin);
    await this.audit(ctx, 'plugin.installed', plugin.id, { version: plugin.version, config });
    return { pluginId: plugin.id, version: plugin.version, config };
  }

  async configure(ctx: RequestContext, input: ConfigurePluginInput): Promise<InstalledPlugin> {
    const viewer = ctx.requireTenantViewer();
    const current = await this.requireInstalled(ctx, viewer.tenantId, input.pluginId);
    const plugin = this.host.find(current.plugin_id, current.version)!;
    const config = validConfig(plugin, input.config);
    await this.update(ctx, viewer.tenantId, plugin, config);
    await this.audit(ctx, 'plugin.configured', plugin.id, { before: current.config, after: config });
    return { pluginId: plugin.id, version: plugin.version, config };
  }

  async upgrade(ctx: RequestContext, input: UpgradePluginInput): Promise<InstalledPlugin> {
    const viewer = ctx.requireTenantViewer();
    const current = await this.requireInstalled(ctx, viewer.tenantId, input.pluginId);
    const plugin = this.requirePlugin(input.pluginId, input.version);
    if (compareVersions(plugin.version, current.version) <= 0) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, `Version ${plugin.version} is not newer than ${current.version}`, 'version');
    }
    // Without a new configuration, keep the tenant's arguments for the rules the new version still has.
    const codes = new Set(allRules(plugin).map((rule) => rule.code));
    const carried = Object.fromEntries(Object.entries(current.config).filter(([code]) => codes.has(code)));
    const config = validConfig(plugin, input.config ?? carried);
    await this.update(ctx, viewer.tenantId, plugin, config);
    await this.seedDeclarations(ctx, viewer.tenantId, plugin);
    await this.audit(ctx, 'plugin.upgraded', plugin.id, { from: current.version, to: plugin.version, config });
    return { pluginId: plugin.id, version: plugin.version, config };
  }

  async uninstall(ctx: RequestContext, input: UninstallPluginInput): Promise<string> {
    const viewer = ctx.requireTenantViewer();
    const current = await this.requireInstalled(ctx, viewer.tenantId, input.pluginId);
    await ctx.db.query('DELETE FROM tenant_plugins WHERE tenant_id = $1 AND plugin_id = $2', [viewer.tenantId, current.plugin_id]);
    await this.audit(ctx, 'plugin.uninstalled', current.plugin_id, { version: current.version, config: current.config });
    return current.plugin_id;
  }

  private requirePlugin(id: string, version: string | null | undefined): ComplaintPlugin {
    const plugin = this.host.find(id, version);
    if (!plugin) {
      const field = this.host.find(id) ? 'version' : 'pluginId';
      throw new UserFailure(UserErrorCode.NOT_FOUND, `No plugin ${id}${version ? `@${version}` : ''} is available`, field);
    }
    return plugin;
  }

  private async installedRows(ctx: RequestContext, tenantId: string): Promise<InstalledRow[]> {
    return ctx.db.query<InstalledRow>('SELECT plugin_id, version, config FROM tenant_plugins WHERE tenant_id = $1 FOR UPDATE', [tenantId]);
  }

  private async requireInstalled(ctx: RequestContext, tenantId: string, pluginId: string): Promise<InstalledRow> {
    const row = (await this.installedRows(ctx, tenantId)).find((r) => r.plugin_id === pluginId);
    if (!row) throw new UserFailure(UserErrorCode.PLUGIN_CONFLICT, `${pluginId} is not installed`, 'pluginId');
    return row;
  }

  private async update(ctx: RequestContext, tenantId: string, plugin: ComplaintPlugin, config: PluginConfig) {
    await ctx.db.query(
      `UPDATE tenant_plugins SET version = $3, config = $4, updated_at = app_now() WHERE tenant_id = $1 AND plugin_id = $2`,
      [tenantId, plugin.id, plugin.version, JSON.stringify(config)],
    );
  }

  /** The departments and roles the plugin expects, added where the tenant has none of that code. */
  private async seedDeclarations(ctx: RequestContext, tenantId: string, plugin: ComplaintPlugin): Promise<void> {
    const locale = await ctx.locale();
    for (const department of plugin.departments) {
      await ctx.db.query(`INSERT INTO departments (tenant_id, code, name) VALUES ($1, $2, $3) ON CONFLICT (tenant_id, code) DO NOTHING`, [
        tenantId,
        department.code,
        department.name[locale],
      ]);
    }
    for (const role of plugin.roles) {
      await ctx.db.query(
        `INSERT INTO tenant_roles (tenant_id, code, label, plugin_id) VALUES ($1, $2, $3, $4) ON CONFLICT (tenant_id, code) DO NOTHING`,
        [tenantId, role.code, JSON.stringify(role.label), plugin.id],
      );
    }
  }

  private async audit(ctx: RequestContext, action: string, pluginId: string, details: Record<string, unknown>) {
    const viewer = ctx.requireTenantViewer();
    await recordAudit(ctx.db, { tenantId: viewer.tenantId, actor: viewer, action, targetType: 'Plugin', targetId: pluginId, details });
  }
}

/** Parses a tenant's configuration against the plugin; every problem becomes INVALID_INPUT under `config.`. */
function validConfig(plugin: ComplaintPlugin, config: unknown): PluginConfig {
  const parsed = configSchema(plugin).safeParse(config);
  if (!parsed.success) {
    throw UserFailure.many(
      parsed.error.issues.map((issue) => ({
        code: UserErrorCode.INVALID_INPUT,
        message: issue.message,
        field: ['config', ...issue.path].join('.'),
      })),
    );
  }
  return { ...defaultConfig(plugin), ...parsed.data };
}

function toInstalled(row: InstalledRow): InstalledPlugin {
  return { pluginId: row.plugin_id, version: row.version, config: row.config };
}

function describe(plugin: ComplaintPlugin, locale: Locale): AvailablePlugin {
  // Only the category labels are read here; no rule runs, so the clock's zone does not matter.
  const bound = new BoundPlugin(
    plugin,
    defaultConfig(plugin),
    tenantClock('UTC', () => {
      throw new Error('No rule runs while a plugin is described');
    }),
  );
  return {
    id: plugin.id,
    version: plugin.version,
    title: plugin.title[locale],
    description: plugin.description[locale],
    combinable: false,
    categories: plugin.categories.map((category) => categoryOf(bound, category.code, locale)!),
    intakeFields: intakeFieldsOf(plugin, locale),
    roles: plugin.roles.map((role) => ({ value: role.code, label: role.label[locale] })),
    departments: plugin.departments.map((department) => ({ value: department.code, label: department.name[locale] })),
    rejectionReasons: plugin.rejectionReasons.map((reason) => ({ value: reason.code, label: reason.label[locale] })),
    rules: allRules(plugin).map((rule) => ({ code: rule.code, description: rule.description[locale], defaults: rule.args.parse({}) })),
    configSchema: jsonSchema(configSchema(plugin)),
  };
}

/** The fields a plugin records at intake, labelled in `locale`, each value's rule as JSON Schema. */
export function intakeFieldsOf(plugin: ComplaintPlugin, locale: Locale): PluginIntakeField[] {
  return plugin.intakeFields.map((field) => ({
    key: field.key,
    label: field.label[locale],
    required: field.required,
    schema: jsonSchema(field.schema),
  }));
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
}
