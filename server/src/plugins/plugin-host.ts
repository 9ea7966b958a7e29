import {
  allRules,
  findCategory,
  validatePlugin,
  type Clock,
  type ComplaintPlugin,
  type DeadlineDraft,
  type PluginRules,
  type RuleDefinition,
} from '@redress/plugin-api';
import { DateTime } from 'luxon';
import semver from 'semver';
import { z } from 'zod';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { Clock as PlatformClock } from '../time/clock';
import { endOfLocalDay, lastDayOfPeriod, nthWorkingDayAfter, type TenantCalendar } from './working-calendar';

/** Rule arguments of one plugin, by rule code, as configured by a tenant and pinned on a complaint. */
export type PluginConfig = Record<string, unknown>;

/** The plugin every tenant runs until it installs an industry plugin. */
export const DEFAULT_PLUGIN_ID = 'default';

/** The rules a plugin may leave out (`repeats`, `monthlyReport`), and those every plugin has. */
type OptionalRule = { [K in keyof PluginRules]-?: undefined extends PluginRules[K] ? K : never }[keyof PluginRules];
type RequiredRule = Exclude<keyof PluginRules, OptionalRule>;

/**
 * A plugin bound to the configuration it runs with. Complaints pin plugin id, version and
 * configuration when filed, so a later upgrade or change never alters one in flight.
 */
export class BoundPlugin {
  constructor(
    readonly plugin: ComplaintPlugin,
    readonly config: PluginConfig,
    /** The tenant's clock: rules see today's date where the tenant is. */
    readonly clock: Clock,
  ) {}

  /** `retail@1.0.0`: recorded on every event and deadline this plugin decided. */
  get decidedBy(): string {
    return `${this.plugin.id}@${this.plugin.version}`;
  }

  decide<K extends RequiredRule>(rule: K, input: Parameters<PluginRules[K]['evaluate']>[0]): ReturnType<PluginRules[K]['evaluate']> {
    return this.run(this.plugin.rules[rule] as RuleDefinition<unknown, unknown, unknown>, input) as ReturnType<PluginRules[K]['evaluate']>;
  }

  /** A rule a plugin may leave out: its decision, or null when the plugin has none. */
  decideIfDefined<K extends OptionalRule>(
    rule: K,
    input: Parameters<NonNullable<PluginRules[K]>['evaluate']>[0],
  ): ReturnType<NonNullable<PluginRules[K]>['evaluate']> | null {
    const definition = this.plugin.rules[rule];
    if (!definition) return null;
    return this.run(definition as RuleDefinition<unknown, unknown, unknown>, input) as ReturnType<NonNullable<PluginRules[K]>['evaluate']>;
  }

  run(rule: RuleDefinition<unknown, unknown, unknown>, input: unknown): unknown {
    return rule.evaluate(input, rule.args.parse(this.config[rule.code] ?? {}), this.clock);
  }

  category(code: string) {
    return findCategory(this.plugin.categories, code);
  }

  rejectionReason(code: string) {
    return this.plugin.rejectionReasons.find((reason) => reason.code === code) ?? null;
  }
}

/** A plugin's configuration schema: one optional entry per rule, with the rule's arguments. */
export function configSchema(plugin: ComplaintPlugin) {
  return z.strictObject(Object.fromEntries(allRules(plugin).map((rule) => [rule.code, rule.args.optional()])));
}

/** Every rule's arguments with their defaults filled in. */
export function defaultConfig(plugin: ComplaintPlugin): PluginConfig {
  return Object.fromEntries(allRules(plugin).map((rule) => [rule.code, rule.args.parse({})]));
}

/** What `PluginHost.governing` needs of a tenant row `t`; the plugin columns are null when it installed none. */
export interface GoverningPluginColumns {
  time_zone: string;
  plugin_id: string | null;
  version: string;
  config: PluginConfig;
}

/** Select-list SQL and the join that give GoverningPluginColumns for a tenant row `t`. */
export const GOVERNING_PLUGIN_COLUMNS = 't.time_zone, p.plugin_id, p.version, p.config';
export const GOVERNING_PLUGIN_JOIN =
  'LEFT JOIN LATERAL (SELECT * FROM tenant_plugins tp WHERE tp.tenant_id = t.id ORDER BY installed_at LIMIT 1) p ON true';

/**
 * The plugins the operator ships, checked once at start: a duplicate id and version or a
 * declaration that does not validate stops the server before it serves anything.
 */
export class PluginHost {
  private readonly byKey = new Map<string, ComplaintPlugin>();

  constructor(
    plugins: ComplaintPlugin[],
    /** The business clock rules are given, on each tenant's time zone. */
    private readonly clock: PlatformClock,
  ) {
    for (const plugin of plugins) {
      const key = `${plugin.id}@${plugin.version}`;
      if (this.byKey.has(key)) throw new Error(`Plugin ${key} is registered twice`);
      const problems = validatePlugin(plugin);
      if (problems.length) throw new Error(`Plugin ${key} is malformed:\n  ${problems.join('\n  ')}`);
      this.byKey.set(key, plugin);
    }
    if (!this.find(DEFAULT_PLUGIN_ID)) throw new Error(`The ${DEFAULT_PLUGIN_ID} plugin must be registered`);
  }

  /** Every registered plugin, each version, ordered by id then version. */
  all(): ComplaintPlugin[] {
    return [...this.byKey.values()].sort((a, b) => a.id.localeCompare(b.id) || compareVersions(a.version, b.version));
  }

  /** A plugin by id, at a version or the newest one. */
  find(id: string, version?: string | null): ComplaintPlugin | null {
    if (version) return this.byKey.get(`${id}@${version}`) ?? null;
    return (
      this.all()
        .filter((plugin) => plugin.id === id)
        .at(-1) ?? null
    );
  }

  /**
   * The plugin governing the tenant's new complaints: its installed industry plugin, or the
   * default plugin with default configuration.
   */
  async forNewComplaint(tx: TenantTransaction, tenantId: string): Promise<BoundPlugin> {
    const [tenant] = await tx.query<GoverningPluginColumns>(
      `SELECT ${GOVERNING_PLUGIN_COLUMNS} FROM tenants t ${GOVERNING_PLUGIN_JOIN} WHERE t.id = $1`,
      [tenantId],
    );
    return this.governing(tenant);
  }

  /** The governing plugin of a tenant row read with GOVERNING_PLUGIN_COLUMNS and GOVERNING_PLUGIN_JOIN. */
  governing(tenant: GoverningPluginColumns): BoundPlugin {
    const clock = tenantClock(tenant.time_zone, () => this.clock.now());
    if (tenant.plugin_id) {
      const plugin = this.find(tenant.plugin_id, tenant.version);
      if (!plugin) throw new Error(`Installed plugin ${tenant.plugin_id}@${tenant.version} is not shipped`);
      return new BoundPlugin(plugin, tenant.config, clock);
    }
    const fallback = this.find(DEFAULT_PLUGIN_ID)!;
    return new BoundPlugin(fallback, defaultConfig(fallback), clock);
  }

  /** The plugin pinned on a complaint when it was filed, on the clock of its tenant's time zone. */
  pinned(complaint: { pluginId: string; pluginVersion: string; pluginConfig: PluginConfig }, timeZone: string): BoundPlugin {
    const plugin = this.find(complaint.pluginId, complaint.pluginVersion);
    if (!plugin) throw new Error(`Plugin ${complaint.pluginId}@${complaint.pluginVersion} is not shipped`);
    return new BoundPlugin(
      plugin,
      complaint.pluginConfig,
      tenantClock(timeZone, () => this.clock.now()),
    );
  }
}

/** Semver precedence: a pre-release (1.1.0-beta.1) comes before its release (1.1.0). */
export function compareVersions(a: string, b: string): number {
  return semver.compare(a, b);
}

/** A due time, and the years without a public-holiday schedule it was counted on weekends alone. */
export interface CountedDue {
  dueAt: Date;
  /** Empty when every day the count looked at is in a year with a schedule. */
  uncoveredYears: number[];
}

/**
 * When a clock started at `start` falls due on a tenant's calendar. Hours are calendar
 * hours, holidays included. Days and working days follow the Civil Code: the day of the
 * start is not counted (art. 201), a period of days whose last day is a weekend or public
 * holiday ends on the next working day (art. 203), working days skip the tenant's
 * closures too, and the period ends at the end of its last day ("within" includes it) in
 * the tenant's time zone. Days in a year without a holiday schedule are counted on
 * weekends alone and named in `uncoveredYears`: the caller stores such a due time as provisional.
 */
export function countDue(
  start: Date,
  period: DeadlineDraft | Pick<DeadlineDraft, 'amount' | 'unit'>,
  calendar: TenantCalendar,
): CountedDue {
  switch (period.unit) {
    case 'hours':
      return { dueAt: new Date(start.getTime() + period.amount * 3_600_000), uncoveredYears: [] };
    case 'days': {
      const last = lastDayOfPeriod(start, period.amount, calendar);
      return { dueAt: endOfLocalDay(last.date, calendar.timeZone), uncoveredYears: last.uncoveredYears };
    }
    case 'workingDays': {
      const last = nthWorkingDayAfter(start, period.amount, calendar);
      return { dueAt: endOfLocalDay(last.date, calendar.timeZone), uncoveredYears: last.uncoveredYears };
    }
  }
}

/** The due time alone (see `countDue`). */
export function dueAt(start: Date, draft: DeadlineDraft | Pick<DeadlineDraft, 'amount' | 'unit'>, calendar: TenantCalendar): Date {
  return countDue(start, draft, calendar).dueAt;
}

/** A rule's clock: the business clock's instant, with today's date taken in the tenant's time zone. */
export function tenantClock(timeZone: string, now: () => Date): Clock {
  const dateOf = (instant: Date) => DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
  return { now, today: () => dateOf(now()), dateOf };
}
