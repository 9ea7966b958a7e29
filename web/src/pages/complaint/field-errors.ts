import type { FormInstance } from 'antd';

export interface FieldError {
  code: string;
  message: string;
  field?: string | null;
}

/**
 * Puts each error beside the form field its `field` path names (`complainant.phone`,
 * `fields.price`); returns the errors no field of the form shows, for a message above it.
 */
export function showFieldErrors(form: FormInstance, errors: readonly FieldError[], knownPaths: ReadonlySet<string>): FieldError[] {
  const byPath = new Map<string, string[]>();
  const rest: FieldError[] = [];
  for (const error of errors) {
    const path = error.field ? nearestKnown(error.field, knownPaths) : null;
    if (path) byPath.set(path, [...(byPath.get(path) ?? []), error.message]);
    else rest.push(error);
  }
  form.setFields([...byPath].map(([path, messages]) => ({ name: path.split('.'), errors: messages })));
  return rest;
}

/** The path itself when the form has it, else its closest ancestor the form has (`scores.0.score` → `scores`). */
function nearestKnown(path: string, known: ReadonlySet<string>): string | null {
  const parts = path.split('.');
  while (parts.length) {
    const candidate = parts.join('.');
    if (known.has(candidate)) return candidate;
    parts.pop();
  }
  return null;
}
