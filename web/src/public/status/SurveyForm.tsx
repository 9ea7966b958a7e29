import { answerSatisfactionSurvey, type RedressClient, type SatisfactionDimension } from '@redress/client-sdk';
import { useId, useState, type FormEvent } from 'react';
import { failureMessage } from '../api';
import { useT } from '../i18n';
import type { PublicTenant } from '../tenant';
import type { ComplaintStatusView } from './use-complaint-status';

/**
 * The satisfaction survey while it is open (from the answer until the complaint is closed,
 * once per answer): a score per dimension on the organisation's scale, and a comment.
 */
export function SurveyForm(props: {
  tenant: PublicTenant;
  status: ComplaintStatusView;
  client: RedressClient;
  onAnswered(status: ComplaintStatusView): void;
}) {
  const { tenant, status, client, onAnswered } = props;
  const { t, locale, formatTime } = useT();
  const id = useId();
  const [scores, setScores] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const { survey } = status;

  if (!survey.open) {
    return (
      <section className="survey" aria-labelledby={`${id}-title`} data-testid="survey-answered">
        <h2 id={`${id}-title`}>{t('survey.title')}</h2>
        <p>{t('survey.answered', { date: formatTime(survey.answeredAt!) })}</p>
      </section>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending) return;
    const missing = survey.dimensions.find((dimension) => scores[dimension.value] === undefined);
    if (missing) {
      setError(t('survey.missing'));
      document.getElementById(`${id}-${missing.value}-1`)?.focus();
      return;
    }
    setSending(true);
    try {
      const answered = await answerSatisfactionSurvey(client, {
        tenantSlug: tenant.slug,
        trackingCode: status.trackingCode,
        scores: survey.dimensions.map((dimension) => ({
          dimension: dimension.value as SatisfactionDimension,
          score: scores[dimension.value],
        })),
        comment: comment.trim() || null,
      });
      if (answered.ok) onAnswered(answered.data.status);
      else setError(locale === 'en' ? answered.errors.map((problem) => problem.message).join(' ') : t('error.invalid'));
    } catch (failure) {
      setError(t(failureMessage(failure)));
    } finally {
      setSending(false);
    }
  };

  const scale = Array.from({ length: survey.scaleMax }, (_, index) => index + 1);
  return (
    <section className="survey" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('survey.title')}</h2>
      <form className="form" onSubmit={submit} noValidate data-testid="survey-form">
        <p className="hint" id={`${id}-intro`}>
          {t('survey.intro', { max: survey.scaleMax })}
        </p>
        {survey.dimensions.map((dimension) => (
          <fieldset key={dimension.value} className="scale" data-dimension={dimension.value} aria-describedby={`${id}-intro`}>
            <legend>{dimension.label}</legend>
            <div className="scale-options">
              {scale.map((score) => (
                <span className="scale-option" key={score}>
                  <input
                    type="radio"
                    id={`${id}-${dimension.value}-${score}`}
                    name={`${id}-${dimension.value}`}
                    value={score}
                    checked={scores[dimension.value] === score}
                    onChange={() => {
                      setScores((current) => ({ ...current, [dimension.value]: score }));
                      setError(null);
                    }}
                  />
                  <label htmlFor={`${id}-${dimension.value}-${score}`}>{score}</label>
                </span>
              ))}
            </div>
          </fieldset>
        ))}
        <div className="field">
          <label htmlFor={`${id}-comment`}>{t('survey.comment')}</label>
          <textarea id={`${id}-comment`} rows={3} maxLength={2000} value={comment} onChange={(event) => setComment(event.target.value)} />
        </div>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={sending} data-testid="survey-submit">
          {t('survey.submit')}
        </button>
      </form>
    </section>
  );
}
