import { Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useState } from 'react';
import { useT } from '../../../i18n/i18n';
import { argumentWords, isObject, numberBounds, typeOf, type JsonSchema, type JsonValue } from './json-schema';

export interface SchemaFieldsProps {
  schema: JsonSchema;
  value: JsonValue | undefined;
  onChange(value: JsonValue): void;
  /** The error path of this value as the server names it, e.g. "config.retail.penalties". */
  path: string;
  /** Server errors by the field they name. */
  errors: ReadonlyMap<string, string>;
}

/**
 * Renders a form for a JSON Schema value: objects as their fields, numbers and integers,
 * strings, enums, arrays of enums, booleans; anything else as JSON text. The bounds are shown,
 * not enforced: the server checks every value and its errors appear beside the field they name.
 */
export function SchemaFields({ schema, value, onChange, path, errors }: SchemaFieldsProps) {
  if (typeOf(schema) === 'object' && schema.properties) {
    const current = isObject(value) ? value : {};
    return (
      <div style={{ display: 'flex', flexWrap: 'wrap', columnGap: 24 }}>
        {Object.entries(schema.properties).map(([key, child]) => (
          <SchemaField
            key={key}
            name={key}
            schema={child}
            value={current[key]}
            path={`${path}.${key}`}
            errors={errors}
            onChange={(next) => onChange({ ...current, [key]: next })}
          />
        ))}
      </div>
    );
  }
  return <SchemaField name={path.split('.').pop() ?? path} schema={schema} value={value} path={path} errors={errors} onChange={onChange} />;
}

function SchemaField({ name, schema, value, onChange, path, errors }: SchemaFieldsProps & { name: string }) {
  const { t } = useT();
  const type = typeOf(schema);
  const id = `field-${path}`;
  const error = errors.get(path);
  const hint = fieldHint(schema, t);
  const label = <span title={name}>{argumentWords(name)}</span>;

  if (type === 'object' && schema.properties) {
    return (
      <fieldset style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: '4px 12px', marginBottom: 12, flexBasis: '100%' }}>
        <legend>{label}</legend>
        {error && <Typography.Text type="danger">{error}</Typography.Text>}
        <SchemaFields schema={schema} value={value} onChange={onChange} path={path} errors={errors} />
      </fieldset>
    );
  }

  let control;
  if (type === 'boolean') {
    control = <Switch id={id} checked={value === true} onChange={(checked) => onChange(checked)} />;
  } else if (type === 'number' || type === 'integer') {
    control = (
      <InputNumber
        id={id}
        value={typeof value === 'number' ? value : null}
        onChange={(next) => onChange(typeof next === 'number' ? next : null)}
        style={{ width: 160 }}
      />
    );
  } else if (type === 'string' && schema.enum) {
    control = (
      <Select
        id={id}
        value={value as string | undefined}
        options={schema.enum.map((option) => ({ value: String(option), label: String(option) }))}
        onChange={(next: string) => onChange(next)}
        style={{ minWidth: 200 }}
      />
    );
  } else if (type === 'array' && schema.items?.enum) {
    control = (
      <Select
        id={id}
        mode="multiple"
        value={Array.isArray(value) ? (value as string[]) : []}
        options={schema.items.enum.map((option) => ({ value: String(option), label: String(option) }))}
        onChange={(next: string[]) => onChange(next)}
        style={{ minWidth: 260 }}
      />
    );
  } else if (type === 'array' && schema.items && typeOf(schema.items) === 'string') {
    control = (
      <Select
        id={id}
        mode="tags"
        value={Array.isArray(value) ? (value as string[]) : []}
        onChange={(next: string[]) => onChange(next)}
        open={false}
        style={{ minWidth: 260 }}
      />
    );
  } else if (type === 'string') {
    control = <Input id={id} value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.target.value)} />;
  } else {
    control = <JsonText id={id} value={value} onChange={onChange} />;
  }

  return (
    <Form.Item
      label={label}
      htmlFor={id}
      validateStatus={error ? 'error' : undefined}
      help={error}
      extra={hint}
      data-testid={`arg-${path}`}
      style={{ marginBottom: 12 }}
    >
      {control}
    </Form.Item>
  );
}

function fieldHint(schema: JsonSchema, t: ReturnType<typeof useT>['t']): string | undefined {
  const type = typeOf(schema);
  if (type !== 'number' && type !== 'integer') return schema.description;
  const { min, max, exclusiveMin, exclusiveMax } = numberBounds(schema);
  const parts: string[] = [];
  if (type === 'integer') parts.push(t('admin.plugins.wholeNumber'));
  if (min !== undefined) parts.push(t(exclusiveMin ? 'admin.plugins.above' : 'admin.plugins.atLeast', { value: min }));
  if (max !== undefined) parts.push(t(exclusiveMax ? 'admin.plugins.below' : 'admin.plugins.atMost', { value: max }));
  return parts.join(', ') || schema.description;
}

/** A value of a shape without its own control: edited as JSON, kept when it parses. */
function JsonText({ id, value, onChange }: { id: string; value: JsonValue | undefined; onChange(value: JsonValue): void }) {
  const { t } = useT();
  const [text, setText] = useState(() => JSON.stringify(value ?? null, null, 2));
  const [invalid, setInvalid] = useState(false);
  return (
    <>
      <Input.TextArea
        id={id}
        autoSize={{ minRows: 2, maxRows: 8 }}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            onChange(JSON.parse(event.target.value) as JsonValue);
            setInvalid(false);
          } catch {
            setInvalid(true);
          }
        }}
      />
      {invalid && <Typography.Text type="danger">{t('admin.plugins.invalidJson')}</Typography.Text>}
    </>
  );
}
