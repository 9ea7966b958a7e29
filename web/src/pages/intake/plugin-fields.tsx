import { AvailablePluginsDocument, CurrentTenantDocument, type JsonValue } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import { useClient } from '../../api/data';
import { useT, type Translate } from '../../i18n/i18n';

/** The JSON Schema the server gives for an intake field (what z.toJSONSchema writes). */
export interface FieldSchema {
  type?: string;
  enum?: readonly (string | number)[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: FieldSchema;
}

/** An intake field the tenant's plugins declare: key, label in the user's language, required, schema. */
export interface IntakeField {
  key: string;
  label: string;
  required: boolean;
  schema: FieldSchema;
  pluginId: string;
}

/**
 * The intake fields of the plugins installed for the viewer's organisation, at their installed
 * versions, in the user's language.
 */
export function useIntakeFields(): { fields: IntakeField[] | undefined; error: Error | null } {
  const client = useClient();
  const { locale } = useT();
  const tenant = useQuery({ queryKey: ['current-tenant'], queryFn: () => client.query(CurrentTenantDocument), staleTime: 60_000 });
  const plugins = useQuery({
    queryKey: ['available-plugins', locale],
    queryFn: () => client.query(AvailablePluginsDocument),
    staleTime: Infinity,
  });
  const installed = tenant.data?.tenant?.plugins;
  const available = plugins.data?.availablePlugins;
  const fields =
    installed && available
      ? installed.flatMap(({ pluginId, version }) => {
          const plugin = available.find((candidate) => candidate.id === pluginId && candidate.version === version);
          return (plugin?.intakeFields ?? []).map((field) => ({
            key: field.key,
            label: field.label,
            required: field.required,
            schema: (field.schema ?? {}) as FieldSchema,
            pluginId,
          }));
        })
      : undefined;
  return { fields, error: tenant.error ?? plugins.error ?? null };
}

/** The form's validation rules for one declared field: required, type, options, lengths and ranges. */
export function fieldRules(field: IntakeField, t: Translate): Rule[] {
  const { schema } = field;
  const rules: Rule[] = [];
  if (field.required) rules.push({ required: true, message: t('intake.field.required') });
  if (schema.type === 'string' && !schema.enum) {
    if (schema.minLength !== undefined)
      rules.push({ min: schema.minLength, message: t('intake.field.minLength', { min: schema.minLength }) });
    if (schema.maxLength !== undefined)
      rules.push({ max: schema.maxLength, message: t('intake.field.maxLength', { max: schema.maxLength }) });
    if (schema.pattern) rules.push({ pattern: new RegExp(schema.pattern, 'u'), message: t(formatMessage(schema.format)) });
  }
  if (schema.type === 'number' || schema.type === 'integer') {
    const min = schema.minimum ?? schema.exclusiveMinimum;
    const max = schema.maximum ?? schema.exclusiveMaximum;
    rules.push({
      validator: (_, value: number | null | undefined) => {
        if (value === null || value === undefined) return Promise.resolve();
        if (schema.type === 'integer' && !Number.isInteger(value)) return Promise.reject(new Error(t('intake.field.integer')));
        if (min !== undefined && (value < min || (schema.exclusiveMinimum !== undefined && value === min)))
          return Promise.reject(new Error(t('intake.field.min', { min })));
        if (max !== undefined && (value > max || (schema.exclusiveMaximum !== undefined && value === max)))
          return Promise.reject(new Error(t('intake.field.max', { max })));
        return Promise.resolve();
      },
    });
  }
  if (schema.type === 'array') {
    if (schema.minItems !== undefined && field.required)
      rules.push({ type: 'array', min: schema.minItems, message: t('intake.field.required') });
    if (schema.maxItems !== undefined)
      rules.push({ type: 'array', max: schema.maxItems, message: t('intake.field.maxItems', { max: schema.maxItems }) });
  }
  return rules;
}

function formatMessage(format: string | undefined) {
  if (format === 'date') return 'intake.field.date' as const;
  if (format === 'date-time') return 'intake.field.dateTime' as const;
  return 'intake.field.pattern' as const;
}

/** One declared field as a form control chosen by its schema; its value under `fields.<key>`. */
export function IntakeFieldItem({ field }: { field: IntakeField }) {
  const { t } = useT();
  const { schema } = field;
  const name = ['fields', field.key];
  const common = { label: field.label, name, rules: fieldRules(field, t) };
  if (schema.enum) {
    return (
      <Form.Item {...common}>
        <Select allowClear options={schema.enum.map((value) => ({ value, label: String(value) }))} />
      </Form.Item>
    );
  }
  switch (schema.type) {
    case 'boolean':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch />
        </Form.Item>
      );
    case 'number':
    case 'integer':
      return (
        <Form.Item {...common}>
          <InputNumber style={{ width: '100%' }} />
        </Form.Item>
      );
    case 'array':
      return (
        <Form.Item {...common}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
      );
    default:
      return (
        <Form.Item {...common}>
          <Input
            placeholder={schema.format === 'date' ? 'YYYY-MM-DD' : schema.format === 'date-time' ? 'YYYY-MM-DDTHH:mm:ss+08:00' : undefined}
          />
        </Form.Item>
      );
  }
}

/** The filled-in values of declared fields, without empty ones (the server refuses unknown or empty keys). */
export function filledFields(values: Record<string, unknown> | undefined): { [key: string]: JsonValue } | undefined {
  if (!values) return undefined;
  const entries = Object.entries(values).filter(
    ([, value]) => value !== undefined && value !== null && value !== '' && !(Array.isArray(value) && value.length === 0),
  );
  return entries.length ? (Object.fromEntries(entries) as { [key: string]: JsonValue }) : undefined;
}
