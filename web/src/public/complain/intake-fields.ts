import type { JsonValue } from '@redress/client-sdk';
import type { MessageKey } from '../messages.en';
import type { PublicTenant } from '../tenant';

/** The JSON Schema the server gives for an intake field (what z.toJSONSchema writes). */
export interface FieldSchema {
  type?: string;
  enum?: readonly (string | number)[];
  format?: string;
  maxLength?: number;
  items?: FieldSchema;
}

export type IntakeField = PublicTenant['intakeFields'][number] & { schema: FieldSchema };

/** What a control holds: text as typed, or a checkbox's state. */
export type RawValue = string | boolean;

export type FieldKind = 'choice' | 'boolean' | 'number' | 'date' | 'date-time' | 'list' | 'long-text' | 'text';

export function kindOf(schema: FieldSchema): FieldKind {
  if (schema.enum) return 'choice';
  switch (schema.type) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'integer':
      return 'number';
    case 'array':
      return 'list';
    case 'string':
      if (schema.format === 'date') return 'date';
      if (schema.format === 'date-time') return 'date-time';
      return (schema.maxLength ?? 0) > 200 ? 'long-text' : 'text';
    default:
      return 'text';
  }
}

/**
 * A control's value as the server takes it, or `undefined` when left empty (the server
 * refuses empty keys), or an error's words when it cannot be one.
 */
export function intakeValue(field: IntakeField, raw: RawValue | undefined): { value?: JsonValue; error?: MessageKey } {
  const kind = kindOf(field.schema);
  if (kind === 'boolean') return raw === true ? { value: true } : field.required ? { value: false } : {};
  const text = typeof raw === 'string' ? raw.trim() : '';
  if (!text) return field.required ? { error: 'error.required' } : {};
  switch (kind) {
    case 'number': {
      const number = Number(text.replace(/,/g, ''));
      return Number.isFinite(number) ? { value: number } : { error: 'error.number' };
    }
    case 'choice':
      return { value: field.schema.enum?.find((option) => String(option) === text) ?? text };
    case 'date-time': {
      // The time as the complainant typed it, on their device's clock (their own time zone).
      const at = new Date(text);
      return Number.isNaN(at.getTime()) ? { error: 'error.invalid' } : { value: at.toISOString() };
    }
    case 'list':
      return {
        value: text
          .split(/[,，、\n]/)
          .map((item) => item.trim())
          .filter(Boolean),
      };
    default:
      return { value: text };
  }
}
