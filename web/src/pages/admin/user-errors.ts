import { GraphQLRequestError, type UserError } from '@redress/client-sdk';
import type { FormInstance } from 'antd';

/** "holidays.2.date" → ['holidays', 2, 'date']: the form's name path of a field the server names. */
export function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each typed error beside the form field it names (`error.field`, e.g. "admin.email" →
 * ['admin', 'email']; `fields` are the form's top-level names) and returns the messages of
 * those that name no field of the form.
 */
export function showUserErrors(form: FormInstance, errors: ReadonlyArray<UserError>, fields: ReadonlyArray<string>): string[] {
  const placed = errors.filter((error) => error.field !== null && fields.includes(error.field.split('.')[0]));
  const byField = new Map<string, string[]>();
  for (const error of placed) byField.set(error.field!, [...(byField.get(error.field!) ?? []), error.message]);
  form.setFields([...byField].map(([field, messages]) => ({ name: namePath(field), errors: messages })));
  return errors.filter((error) => !placed.includes(error)).map((error) => error.message);
}

/** True when the server refused the viewer's rights (thrown from a query, or a mutation's typed error). */
export function isForbidden(problem: unknown): boolean {
  if (problem instanceof GraphQLRequestError) return problem.code === 'FORBIDDEN';
  return Array.isArray(problem) && (problem as UserError[]).some((error) => error.code === 'FORBIDDEN');
}

export function problemText(problem: unknown): string {
  return problem instanceof Error ? problem.message : String(problem);
}
