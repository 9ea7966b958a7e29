import { addComplainantMessage, type RedressClient } from '@redress/client-sdk';
import { useId, useState, type FormEvent } from 'react';
import { failureMessage } from '../api';
import { useT } from '../i18n';
import type { PublicTenant } from '../tenant';
import type { ComplaintStatusView } from './use-complaint-status';

/** The longest message the server takes (AddComplainantMessageInput.message). */
const MESSAGE_MAX = 2000;

/** The complainant adds a message to their complaint: plain text, shown in the history and to the staff. */
export function MessageForm(props: {
  tenant: PublicTenant;
  code: string;
  client: RedressClient;
  onSent(status: ComplaintStatusView): void;
}) {
  const { tenant, code, client, onSent } = props;
  const { t, locale } = useT();
  const id = useId();
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    setSent(false);
    if (!message.trim()) {
      setError(t('error.required'));
      document.getElementById(`${id}-message`)?.focus();
      return;
    }
    setSending(true);
    try {
      const result = await addComplainantMessage(client, { tenantSlug: tenant.slug, trackingCode: code, message });
      if (result.ok) {
        setMessage('');
        setError(null);
        setSent(true);
        onSent(result.data.status);
      } else {
        setError(locale === 'en' ? result.errors.map((problem) => problem.message).join(' ') : t('error.invalid'));
      }
    } catch (failure) {
      setError(t(failureMessage(failure)));
    } finally {
      setSending(false);
    }
  };

  const described = [`${id}-hint`, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <section className="message" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('message.title')}</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="message-form">
        <div className="field">
          <label htmlFor={`${id}-message`}>{t('message.label')}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('message.hint', { max: MESSAGE_MAX })}
          </p>
          <textarea
            id={`${id}-message`}
            rows={4}
            maxLength={MESSAGE_MAX}
            value={message}
            onChange={(event) => {
              setMessage(event.target.value);
              setSent(false);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={described}
          />
          <p className="hint count" id={`${id}-count`}>
            {t('message.count', { count: message.length, max: MESSAGE_MAX })}
          </p>
          {error && (
            <p className="error" id={`${id}-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button" disabled={sending} data-testid="message-send">
          {t('message.send')}
        </button>
        <p role="status" className="quiet">
          {sent ? t('message.sent') : ''}
        </p>
      </form>
    </section>
  );
}
