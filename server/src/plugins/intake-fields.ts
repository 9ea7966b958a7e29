import type { ComplaintPlugin } from '@redress/plugin-api';
import { UserErrorCode, UserFailure, type UserError } from '../graphql/errors';

/**
 * Checks industry intake fields against the governing plugin: unknown keys, missing
 * required ones and invalid values are INVALID_INPUT under `fields.<key>`. Returns the
 * parsed values.
 */
export function validateIntakeFields(plugin: ComplaintPlugin, fields: Record<string, unknown>): Record<string, unknown> {
  const errors: UserError[] = [];
  const parsed: Record<string, unknown> = {};
  const known = new Map(plugin.intakeFields.map((field) => [field.key, field]));
  for (const key of Object.keys(fields)) {
    if (!known.has(key)) {
      errors.push({ code: UserErrorCode.INVALID_INPUT, message: `${plugin.id} records no field ${key}`, field: `fields.${key}` });
    }
  }
  for (const field of plugin.intakeFields) {
    const value = fields[field.key];
    if (value === undefined || value === null) {
      if (field.required) errors.push({ code: UserErrorCode.INVALID_INPUT, message: 'Required', field: `fields.${field.key}` });
      continue;
    }
    const result = field.schema.safeParse(value);
    if (result.success) parsed[field.key] = result.data;
    else {
      for (const issue of result.error.issues) {
        errors.push({ code: UserErrorCode.INVALID_INPUT, message: issue.message, field: ['fields', field.key, ...issue.path].join('.') });
      }
    }
  }
  if (errors.length) throw UserFailure.many(errors);
  return parsed;
}
