// '.js': the unit tests compile this file with Node's module resolution.
import { sameJson } from './json-schema.js';
import type { AvailablePluginsQuery } from '@redress/client-sdk';

export type AvailablePlugin = AvailablePluginsQuery['availablePlugins'][number];
export type PluginRule = AvailablePlugin['rules'][number];

/** What moving from one version of a plugin to another changes, as the two versions describe themselves. */
export interface PluginChanges {
  addedRules: PluginRule[];
  removedRules: PluginRule[];
  /** Rules in both whose default arguments or description differ. */
  changedRules: { code: string; description: string; from: unknown; to: unknown; descriptionChanged: boolean }[];
  addedCategories: string[];
  removedCategories: string[];
  addedRoles: string[];
  addedDepartments: string[];
}

export function pluginChanges(from: AvailablePlugin, to: AvailablePlugin): PluginChanges {
  const fromRules = new Map(from.rules.map((rule) => [rule.code, rule]));
  const toRules = new Map(to.rules.map((rule) => [rule.code, rule]));
  const labels = (plugin: AvailablePlugin) => new Map(plugin.categories.map((category) => [category.code, category.label]));
  const fromCategories = labels(from);
  const toCategories = labels(to);
  const fromRoles = new Set(from.roles.map((role) => role.value));
  const fromDepartments = new Set(from.departments.map((department) => department.value));
  return {
    addedRules: to.rules.filter((rule) => !fromRules.has(rule.code)),
    removedRules: from.rules.filter((rule) => !toRules.has(rule.code)),
    changedRules: to.rules.flatMap((rule) => {
      const before = fromRules.get(rule.code);
      if (!before || (sameJson(before.defaults, rule.defaults) && before.description === rule.description)) return [];
      return [
        {
          code: rule.code,
          description: rule.description,
          from: before.defaults,
          to: rule.defaults,
          descriptionChanged: before.description !== rule.description,
        },
      ];
    }),
    addedCategories: [...toCategories].filter(([code]) => !fromCategories.has(code)).map(([, label]) => label),
    removedCategories: [...fromCategories].filter(([code]) => !toCategories.has(code)).map(([, label]) => label),
    addedRoles: to.roles.filter((role) => !fromRoles.has(role.value)).map((role) => role.label),
    addedDepartments: to.departments.filter((department) => !fromDepartments.has(department.value)).map((department) => department.label),
  };
}

/** The default arguments two versions of a rule disagree on, by name (a whole value when the defaults are not objects). */
export function changedArguments(from: unknown, to: unknown): { name: string; from: unknown; to: unknown }[] {
  const isRecord = (value: unknown): value is Record<string, unknown> =>
    typeof value === 'object' && value !== null && !Array.isArray(value);
  if (!isRecord(from) || !isRecord(to)) return sameJson(from, to) ? [] : [{ name: '', from, to }];
  const names = [...new Set([...Object.keys(from), ...Object.keys(to)])];
  return names.filter((name) => !sameJson(from[name], to[name])).map((name) => ({ name, from: from[name], to: to[name] }));
}

export function hasChanges(changes: PluginChanges): boolean {
  return Object.values(changes).some((list: unknown[]) => list.length > 0);
}

/** Newest first, by dotted numbers (1.10.0 after 1.9.0). */
export function byNewestVersion(a: { version: string }, b: { version: string }): number {
  const parts = (version: string) => version.split(/[.-]/).map((part) => Number(part) || 0);
  const [x, y] = [parts(a.version), parts(b.version)];
  for (let index = 0; index < Math.max(x.length, y.length); index++) {
    const difference = (y[index] ?? 0) - (x[index] ?? 0);
    if (difference) return difference;
  }
  return 0;
}
