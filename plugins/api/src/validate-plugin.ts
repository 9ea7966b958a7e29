import { LOCALES, type LocalizedText } from './localized-text';
import { allRules, type ComplaintPlugin } from './complaint-plugin';

const PLUGIN_ID = /^[a-z][a-z0-9-]{1,40}$/;
/**
 * Semantic Versioning 2.0.0 without build metadata (which does not order versions): no leading
 * zeros, in the numbers or in numeric pre-release parts, so every version the host compares is valid.
 */
const NUMERIC_OR_ALPHANUMERIC = '(?:0|[1-9]\\d*|\\d*[A-Za-z-][0-9A-Za-z-]*)';
const SEMVER = new RegExp(
  `^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-${NUMERIC_OR_ALPHANUMERIC}(?:\\.${NUMERIC_OR_ALPHANUMERIC})*)?$`,
);
const CODE = /^[a-z][a-z0-9-]*(\.[a-z0-9][a-z0-9-]*)*$/;
const KEY = /^[a-z][A-Za-z0-9]{0,40}$/;

/**
 * Everything wrong with a plugin's declarations, as readable sentences; empty when it is
 * sound. The host refuses to start with a plugin that has any; the contract suite asserts none.
 */
export function validatePlugin(plugin: ComplaintPlugin): string[] {
  const problems: string[] = [];
  const where = `${plugin.id}@${plugin.version}`;
  const text = (label: LocalizedText | undefined, what: string) => {
    for (const locale of LOCALES) {
      if (typeof label?.[locale] !== 'string' || !label[locale].trim()) problems.push(`${where}: ${what} has no ${locale} text`);
    }
  };
  const unique = (codes: string[], what: string) => {
    const seen = new Set<string>();
    for (const code of codes) {
      if (seen.has(code)) problems.push(`${where}: ${what} ${code} is declared twice`);
      seen.add(code);
    }
  };
  if (!PLUGIN_ID.test(plugin.id)) problems.push(`${where}: id must be lower-case letters, digits and dashes`);
  if (!SEMVER.test(plugin.version)) problems.push(`${where}: version must be semver`);
  text(plugin.title, 'title');
  text(plugin.description, 'description');

  const categoryCodes = plugin.categories.map((c) => c.code);
  unique(categoryCodes, 'category');
  for (const category of plugin.categories) {
    if (!CODE.test(category.code)) problems.push(`${where}: category code ${category.code} is malformed`);
    const parent = category.code.split('.').slice(0, -1).join('.');
    if (parent && !categoryCodes.includes(parent)) problems.push(`${where}: category ${category.code} has no parent ${parent}`);
    text(category.label, `category ${category.code}`);
    const department = category.defaultDepartment;
    if (department && !plugin.departments.some((d) => d.code === department) && plugin.departments.length > 0) {
      problems.push(`${where}: category ${category.code} routes to undeclared department ${department}`);
    }
  }
  unique(
    plugin.rejectionReasons.map((r) => r.code),
    'rejection reason',
  );
  for (const reason of plugin.rejectionReasons) {
    text(reason.label, `rejection reason ${reason.code}`);
    text(reason.publicLabel, `rejection reason ${reason.code} (as the complainant is told it)`);
    text(reason.guidance, `rejection reason ${reason.code} (where to turn instead)`);
  }
  unique(
    plugin.roles.map((r) => r.code),
    'role',
  );
  for (const role of plugin.roles) {
    if (!/^[a-z][a-z0-9-]{1,62}$/.test(role.code)) problems.push(`${where}: role code ${role.code} is malformed`);
    text(role.label, `role ${role.code}`);
  }
  unique(
    plugin.departments.map((d) => d.code),
    'department',
  );
  for (const department of plugin.departments) {
    if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(department.code)) problems.push(`${where}: department code ${department.code} is malformed`);
    text(department.name, `department ${department.code}`);
  }
  unique(
    plugin.intakeFields.map((f) => f.key),
    'intake field',
  );
  for (const field of plugin.intakeFields) {
    if (!KEY.test(field.key)) problems.push(`${where}: intake field key ${field.key} must be camelCase`);
    text(field.label, `intake field ${field.key}`);
  }
  const rules = allRules(plugin);
  unique(
    rules.map((r) => r.code),
    'rule',
  );
  for (const rule of rules) {
    if (!rule.code.startsWith(`${plugin.id}.`)) problems.push(`${where}: rule ${rule.code} must start with "${plugin.id}."`);
    text(rule.description, `rule ${rule.code}`);
    const defaults = rule.args.safeParse({});
    if (!defaults.success) problems.push(`${where}: rule ${rule.code} rejects its own default arguments`);
  }
  return problems;
}
