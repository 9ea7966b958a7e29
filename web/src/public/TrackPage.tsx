import { useId, useState, type FormEvent } from 'react';
import { useT } from './i18n';
import { navigate } from './navigation';
import { usePageTitle } from './PublicApp';
import { normalizeTrackingCode, pathOf } from './routes';
import type { PublicTenant } from './tenant';

/** `/t/<slug>/track`: the complainant enters the code they kept and is taken to its status page. */
export function TrackPage({ tenant }: { tenant: PublicTenant }) {
  const { t } = useT();
  usePageTitle(t('track.title'), tenant);
  const id = useId();
  const [code, setCode] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = normalizeTrackingCode(code);
    if (!normalized) {
      setInvalid(true);
      document.getElementById(`${id}-code`)?.focus();
      return;
    }
    navigate(pathOf.status(tenant.slug, normalized));
  };
  return (
    <section>
      <h1>{t('track.title')}</h1>
      <form className="form" onSubmit={submit} noValidate data-testid="track-form">
        <div className="field">
          <label htmlFor={`${id}-code`}>{t('track.code')}</label>
          <p className="hint" id={`${id}-hint`}>
            {t('track.codeHint')}
          </p>
          <input
            id={`${id}-code`}
            className="code-input"
            value={code}
            onChange={(event) => {
              setCode(event.target.value);
              setInvalid(false);
            }}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={invalid || undefined}
            aria-describedby={`${id}-hint${invalid ? ` ${id}-error` : ''}`}
          />
          {invalid && (
            <p className="error" id={`${id}-error`}>
              {t('track.malformed')}
            </p>
          )}
        </div>
        <button type="submit" className="button primary">
          {t('track.submit')}
        </button>
      </form>
    </section>
  );
}
