import { useT } from '../i18n';
import type { ComplaintStatusView } from './use-complaint-status';

/** The public history, newest first; the complainant's own messages with their words, as text. */
export function History({ status }: { status: ComplaintStatusView }) {
  const { t, formatTime } = useT();
  const entries = status.history.map((entry, index) => ({ ...entry, index })).reverse();
  return (
    <section className="history" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      <ol className="entries" reversed data-testid="history">
        {entries.map((entry) => (
          <li key={entry.index} className={entry.message !== null ? 'entry own' : 'entry'} data-status={entry.status ?? undefined}>
            <p className="entry-title">{entry.message !== null ? t('history.yourMessage') : entry.label}</p>
            <p className="entry-time">
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
            </p>
            {entry.message !== null && (
              <p className="entry-message" data-testid="history-message">
                {entry.message}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
