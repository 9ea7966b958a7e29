import { submitComplaint, type Demand, type JsonValue, type SubmitComplaintRequest, type UserError } from '@redress/client-sdk';
import { useRef, useState, type FormEvent } from 'react';
import { failureMessage, publicClient } from '../api';
import { FilePicker } from '../evidence/FilePicker';
import { problemOfAttach, problemText, type UploadLimits } from '../evidence/upload-problems';
import { useFileUploads } from '../evidence/use-file-uploads';
import { useT, type Translate } from '../i18n';
import type { MessageKey } from '../messages.en';
import { usePageTitle } from '../PublicApp';
import type { PublicTenant } from '../tenant';
import { FieldFrame, fieldId } from './FieldFrame';
import { IntakeFieldInput } from './IntakeFieldInput';
import { intakeValue, type IntakeField, type RawValue } from './intake-fields';
import { Submitted } from './Submitted';

interface FormValues {
  name: string;
  phone: string;
  email: string;
  description: string;
  demands: Demand[];
  respondentName: string;
  fields: Record<string, RawValue>;
  /** Messages about this complaint by email (ComplainantInput.notifyByEmail). */
  notify: boolean;
  consent: boolean;
}

const EMPTY: FormValues = {
  name: '',
  phone: '',
  email: '',
  description: '',
  demands: [],
  respondentName: '',
  fields: {},
  notify: false,
  consent: false,
};
const DESCRIPTION_MAX = 10_000;

/** Errors by input path (`complainant.phone`, `fields.orderNumber`…), in the page's words or the server's. */
type Errors = Record<string, string>;

const PHONE = /^\+?[0-9]{3,20}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the form makes before sending; the server checks everything again. */
function check(values: FormValues, intakeFields: IntakeField[], t: Translate): { errors: Errors; fields: Record<string, JsonValue> } {
  const errors: Errors = {};
  if (!values.name.trim()) errors['complainant.name'] = t('error.required');
  const phone = values.phone.replace(/[\s()-]/g, '');
  if (!phone && !values.email.trim()) errors['complainant.phone'] = t('error.contact');
  else if (phone && !PHONE.test(phone)) errors['complainant.phone'] = t('error.phone');
  if (values.email.trim() && !EMAIL.test(values.email.trim())) errors['complainant.email'] = t('error.email');
  else if (values.notify && !values.email.trim()) errors['complainant.email'] = t('error.notifyEmail');
  if (!values.description.trim()) errors.description = t('error.required');
  else if (values.description.trim().length > DESCRIPTION_MAX) errors.description = t('error.tooLong', { max: DESCRIPTION_MAX });
  const fields: Record<string, JsonValue> = {};
  for (const field of intakeFields) {
    const { value, error } = intakeValue(field, values.fields[field.key]);
    if (error) errors[`fields.${field.key}`] = t(error);
    else if (value !== undefined) fields[field.key] = value;
  }
  if (!values.consent) errors.consent = t('error.consent');
  return { errors, fields };
}

/** The server's refusals beside the fields they name; the rest in the summary. */
function serverErrors(
  errors: ReadonlyArray<UserError>,
  known: Set<string>,
  t: Translate,
  english: boolean,
  limits: UploadLimits,
): { byField: Errors; other: string[] } {
  const byField: Errors = {};
  const other: string[] = [];
  for (const error of errors) {
    const path = error.field ?? '';
    const field = known.has(path) ? path : [...known].find((candidate) => path.startsWith(`${candidate}.`));
    const fileProblem = field === 'uploads' ? problemOfAttach([error]) : null;
    // The server's own words are English; in Chinese the field is marked with ours.
    const words = fileProblem ? problemText(fileProblem, limits, t) : english ? error.message : t('error.invalid');
    if (field) byField[field] ??= words;
    else other.push(error.message);
  }
  return { byField, other };
}

/**
 * `/t/<slug>/complain`: the complaint form, in plain words, with the organisation's plugin
 * intake fields. Sent on the WEB channel; the complainant gets their tracking code on the same
 * page (Submitted).
 */
export function ComplaintForm({ tenant }: { tenant: PublicTenant }) {
  const { t, locale } = useT();
  usePageTitle(t('form.title'), tenant);
  const intakeFields = tenant.intakeFields as IntakeField[];
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const [trackingCode, setTrackingCode] = useState<string | null>(null);
  const [detailsOpen, setDetailsOpen] = useState(false);
  const summary = useRef<HTMLDivElement>(null);
  const uploads = useFileUploads({ tenantSlug: tenant.slug, limits: tenant.uploadLimits, room: tenant.uploadLimits.maxFilesPerComplaint });

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => setValues((current) => ({ ...current, [key]: value }));
  const setField = (key: string, value: RawValue) => setValues((current) => ({ ...current, fields: { ...current.fields, [key]: value } }));
  const optional = intakeFields.filter((field) => !field.required);
  const required = intakeFields.filter((field) => field.required);

  /** Shows the errors and moves to the first one (opening the details when it is there). */
  const show = (found: Errors, other: string[]) => {
    setErrors(found);
    setGeneral(other);
    const paths = Object.keys(found);
    if (paths.some((path) => optional.some((field) => path === `fields.${field.key}`))) setDetailsOpen(true);
    requestAnimationFrame(() => {
      const first = document.querySelector<HTMLElement>('[aria-invalid="true"]');
      (first ?? summary.current)?.focus();
    });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const checked = check(values, intakeFields, t);
    if (uploads.uploading) checked.errors.uploads = t('evidence.error.wait');
    if (Object.keys(checked.errors).length) {
      show(checked.errors, []);
      return;
    }
    const phone = values.phone.replace(/[\s()-]/g, '');
    const email = values.email.trim();
    // Messages by email only with the tick and an address, in the language the form is read in.
    const notify = values.notify && email ? { notifyByEmail: true, locale } : {};
    const request: SubmitComplaintRequest = {
      tenantSlug: tenant.slug,
      description: values.description.trim(),
      demands: values.demands,
      complainant: phone
        ? { name: values.name.trim(), phone, email: email || null, ...notify }
        : { name: values.name.trim(), email, ...notify },
      respondentName: values.respondentName.trim() || null,
      fields: Object.keys(checked.fields).length ? checked.fields : null,
      // Only the files the server took; a refused one is not sent.
      uploads: uploads.ready.map((file) => ({ uploadId: file.upload.uploadId })),
    };
    setSending(true);
    try {
      const sent = await submitComplaint(publicClient(locale), request);
      if (sent.ok) {
        setTrackingCode(sent.data.trackingCode);
        window.scrollTo(0, 0);
        return;
      }
      const known = new Set([
        'complainant.name',
        'complainant.phone',
        'complainant.email',
        'description',
        'demands',
        'respondentName',
        'uploads',
      ]);
      for (const field of intakeFields) known.add(`fields.${field.key}`);
      const { byField, other } = serverErrors(sent.errors, known, t, locale === 'en', tenant.uploadLimits);
      show(byField, other);
    } catch (error) {
      show({}, [t(failureMessage(error))]);
    } finally {
      setSending(false);
    }
  };

  if (trackingCode) return <Submitted tenant={tenant} trackingCode={trackingCode} />;

  const errorCount = Object.keys(errors).length + general.length;
  const text = (path: string, key: 'name' | 'phone' | 'email' | 'respondentName', label: MessageKey, extra: object = {}, hint?: string) => (
    <FieldFrame path={path} label={t(label)} required={key === 'name'} hint={hint} error={errors[path]}>
      <input
        id={fieldId(path)}
        value={values[key]}
        onChange={(event) => set(key, event.target.value)}
        aria-invalid={errors[path] ? true : undefined}
        {...extra}
      />
    </FieldFrame>
  );

  return (
    <section>
      <h1>{t('form.title')}</h1>
      <p className="lead">{t('form.intro')}</p>
      <form className="form" onSubmit={submit} noValidate data-testid="complaint-form">
        {errorCount > 0 && (
          <div className="summary" role="alert" tabIndex={-1} ref={summary} data-testid="form-errors">
            <p>{t('form.errors')}</p>
            {general.map((message) => (
              <p key={message}>{message}</p>
            ))}
          </div>
        )}
        <fieldset>
          <legend>{t('form.section.you')}</legend>
          {text('complainant.name', 'name', 'form.name', { autoComplete: 'name', required: true })}
          {text('complainant.phone', 'phone', 'form.phone', { type: 'tel', autoComplete: 'tel', inputMode: 'tel' }, t('form.contactHint'))}
          {text('complainant.email', 'email', 'form.email', { type: 'email', autoComplete: 'email', inputMode: 'email' })}
          <div className="field check" data-field="notify">
            <input
              id={fieldId('notify')}
              type="checkbox"
              checked={values.notify}
              onChange={(event) => set('notify', event.target.checked)}
              aria-describedby={`${fieldId('notify')}-hint`}
            />
            <label htmlFor={fieldId('notify')}>{t('form.notify')}</label>
            <p className="hint check-hint" id={`${fieldId('notify')}-hint`}>
              {t('form.notifyHint')}
            </p>
          </div>
        </fieldset>
        <fieldset>
          <legend>{t('form.section.what')}</legend>
          <FieldFrame path="description" label={t('form.description')} required hint={t('form.descriptionHint')} error={errors.description}>
            <textarea
              id={fieldId('description')}
              rows={6}
              maxLength={DESCRIPTION_MAX}
              value={values.description}
              onChange={(event) => set('description', event.target.value)}
              aria-invalid={errors.description ? true : undefined}
              required
            />
          </FieldFrame>
          <fieldset className="group" data-field="demands">
            <legend>{t('form.demands')}</legend>
            <p className="hint">{t('form.demandsHint')}</p>
            {tenant.demands.map((demand) => {
              const id = fieldId(`demands-${demand.value}`);
              const checked = values.demands.includes(demand.value as Demand);
              return (
                <div className="check" key={demand.value}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={checked}
                    onChange={() =>
                      set(
                        'demands',
                        checked ? values.demands.filter((value) => value !== demand.value) : [...values.demands, demand.value as Demand],
                      )
                    }
                  />
                  <label htmlFor={id}>{demand.label}</label>
                </div>
              );
            })}
          </fieldset>
          {text('respondentName', 'respondentName', 'form.respondent')}
          {required.map((field) => (
            <IntakeFieldInput
              key={field.key}
              field={field}
              value={values.fields[field.key]}
              error={errors[`fields.${field.key}`]}
              onChange={(value) => setField(field.key, value)}
            />
          ))}
        </fieldset>
        <fieldset data-testid="evidence-section">
          <legend>{t('evidence.title')}</legend>
          <p className="hint">{t('evidence.hint')}</p>
          <FilePicker
            id={fieldId('uploads')}
            label={t('evidence.choose')}
            limits={tenant.uploadLimits}
            uploads={uploads}
            onChoose={(files) => {
              setErrors(({ uploads: _done, ...rest }) => rest);
              void uploads.choose(files);
            }}
            error={errors.uploads}
          />
        </fieldset>
        {optional.length > 0 && (
          <details
            className="details"
            open={detailsOpen}
            onToggle={(event) => setDetailsOpen(event.currentTarget.open)}
            data-testid="intake-details"
          >
            <summary>{t('form.section.details')}</summary>
            <p className="hint">{t('form.detailsHint')}</p>
            {optional.map((field) => (
              <IntakeFieldInput
                key={field.key}
                field={field}
                value={values.fields[field.key]}
                error={errors[`fields.${field.key}`]}
                onChange={(value) => setField(field.key, value)}
              />
            ))}
          </details>
        )}
        <div className="field check consent" data-field="consent">
          <input
            id={fieldId('consent')}
            type="checkbox"
            checked={values.consent}
            onChange={(event) => set('consent', event.target.checked)}
            aria-invalid={errors.consent ? true : undefined}
            aria-describedby={errors.consent ? `${fieldId('consent')}-error` : undefined}
            required
          />
          <label htmlFor={fieldId('consent')}>{t('form.consent', { tenant: tenant.name })}</label>
          {errors.consent && (
            <p className="error" id={`${fieldId('consent')}-error`}>
              {errors.consent}
            </p>
          )}
        </div>
        <button type="submit" className="button primary" disabled={sending} data-testid="complaint-submit">
          {sending ? t('form.sending') : t('form.submit')}
        </button>
      </form>
    </section>
  );
}
