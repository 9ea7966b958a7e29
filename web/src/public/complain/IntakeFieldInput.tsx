import { useT } from '../i18n';
import { kindOf, type IntakeField, type RawValue } from './intake-fields';
import { FieldFrame, fieldId } from './FieldFrame';

/** One plugin intake field as a plain control chosen by its schema. */
export function IntakeFieldInput(props: {
  field: IntakeField;
  value: RawValue | undefined;
  error?: string;
  onChange(value: RawValue): void;
}) {
  const { field, value, error, onChange } = props;
  const { t } = useT();
  const path = `fields.${field.key}`;
  const id = fieldId(path);
  const kind = kindOf(field.schema);
  const text = typeof value === 'string' ? value : '';
  const described = error ? `${id}-error` : undefined;
  const common = { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described, required: field.required } as const;
  if (kind === 'boolean') {
    return (
      <div className="field check" data-field={field.key}>
        <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
        <label htmlFor={id}>{field.label}</label>
        {error && (
          <p className="error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <FieldFrame
      path={path}
      label={field.label}
      required={field.required}
      error={error}
      hint={kind === 'list' ? t('form.listHint') : undefined}
    >
      {kind === 'choice' ? (
        <select {...common} value={text} onChange={(event) => onChange(event.target.value)}>
          <option value="">{t('form.choose')}</option>
          {field.schema.enum!.map((option) => (
            <option key={String(option)} value={String(option)}>
              {String(option)}
            </option>
          ))}
        </select>
      ) : kind === 'long-text' ? (
        <textarea {...common} rows={4} maxLength={field.schema.maxLength} value={text} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={kind === 'date' ? 'date' : kind === 'date-time' ? 'datetime-local' : 'text'}
          inputMode={kind === 'number' ? 'decimal' : undefined}
          maxLength={kind === 'text' ? field.schema.maxLength : undefined}
          value={text}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}
