import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from 'react';
import { useT } from '../i18n';

/** The element id of the control for an input path, e.g. `complainant.phone` → `field-complainant-phone`. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}

/**
 * A labelled control: the label (with "required" where it is), a hint and the error under
 * it, each tied to the control for screen readers (aria-describedby).
 */
export function FieldFrame(props: { path: string; label: string; required?: boolean; hint?: string; error?: string; children: ReactNode }) {
  const { path, label, required, hint, error, children } = props;
  const { t } = useT();
  const id = fieldId(path);
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const control = Children.only(children);
  return (
    <div className="field" data-field={path}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('form.required')})</span>}
      </label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {isValidElement(control)
        ? cloneElement(control as ReactElement<{ 'aria-describedby'?: string }>, { 'aria-describedby': described })
        : control}
      {error && (
        <p className="error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
