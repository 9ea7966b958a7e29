import type { ComplaintStatus } from '@redress/client-sdk';
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n';
import type { MessageKey } from '../messages.en';
import { linkTo } from '../navigation';
import { usePageTitle } from '../PublicApp';
import { normalizeTrackingCode, pathOf } from '../routes';
import type { PublicTenant } from '../tenant';
import { Files } from './Files';
import { History } from './History';
import { MessageForm } from './MessageForm';
import { SurveyForm } from './SurveyForm';
import { useComplaintStatus, type ComplaintStatusView } from './use-complaint-status';

/** Where the complaint stands, in plain words, by its status. */
const STAGES: Record<ComplaintStatus, MessageKey> = {
  RECEIVED: 'status.stage.received',
  ACKNOWLEDGED: 'status.stage.received',
  ACCEPTED: 'status.stage.handling',
  ASSIGNED: 'status.stage.handling',
  INVESTIGATING: 'status.stage.handling',
  RESOLUTION_PROPOSED: 'status.stage.handling',
  IN_APPROVAL: 'status.stage.handling',
  APPROVED: 'status.stage.handling',
  SENT_BACK: 'status.stage.handling',
  EXECUTED: 'status.stage.handling',
  RESPONDED: 'status.stage.answered',
  FOLLOW_UP: 'status.stage.answered',
  CLOSED: 'status.stage.closed',
  REJECTED: 'status.stage.rejected',
  WITHDRAWN: 'status.stage.withdrawn',
};

/**
 * `/t/<slug>/status#<code>`: the complaint as its complainant may see it, kept current live:
 * its status, when the next answer is due, the reason when it was not accepted, the public
 * history, the survey while it is open, the complaint's files with more to add, and a message
 * to add.
 */
export function StatusPage({ tenant, code }: { tenant: PublicTenant; code: string }) {
  const { t } = useT();
  usePageTitle(t('status.title'), tenant);
  const normalized = normalizeTrackingCode(code);
  if (!normalized) return <NotTracked tenant={tenant} />;
  return <TrackedStatus tenant={tenant} code={normalized} />;
}

function TrackedStatus({ tenant, code }: { tenant: PublicTenant; code: string }) {
  const { t, locale } = useT();
  const [attempt, setAttempt] = useState(0);
  const { loaded, connection, client, show } = useComplaintStatus(tenant.slug, code, locale, attempt);
  if (loaded.state === 'missing') return <NotTracked tenant={tenant} />;
  if (loaded.state === 'failed')
    return (
      <section className="panel" role="alert">
        <p>{t('page.loadFailed')}</p>
        <button type="button" className="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('page.retry')}
        </button>
      </section>
    );
  if (loaded.state === 'loading' || !client)
    return (
      <p className="quiet" role="status">
        {t('page.loading')}
      </p>
    );
  const { status } = loaded;
  const live = connection === 'connected' || connection === 'connecting' || connection === 'idle';
  return (
    <section data-testid="status-page" data-status={status.status}>
      <h1>{t('status.title')}</h1>
      <StatusSummary status={status} />
      <p className="quiet" data-testid="live-state">
        {live ? t('status.live') : t('status.reconnecting')}
      </p>
      {status.survey.open || status.survey.answeredAt ? (
        <SurveyForm tenant={tenant} status={status} client={client} onAnswered={show} />
      ) : null}
      <History status={status} />
      <Files tenant={tenant} code={code} status={status} client={client} onAdded={show} />
      <MessageForm tenant={tenant} code={code} client={client} onSent={show} />
    </section>
  );
}

function StatusSummary({ status }: { status: ComplaintStatusView }) {
  const { t, formatTime } = useT();
  const announced = useAnnouncedStatus(status.status, status.statusLabel);
  return (
    <div className="status-card">
      <dl className="facts">
        <div>
          <dt>{t('status.code')}</dt>
          <dd className="mono" data-testid="status-code">
            {status.trackingCode}
          </dd>
        </div>
        <div>
          <dt>{t('status.received')}</dt>
          <dd>{formatTime(status.receivedAt)}</dd>
        </div>
      </dl>
      <p className="status-label" data-testid="status-label">
        {status.statusLabel}
      </p>
      <p className="stage">{t(STAGES[status.status])}</p>
      {status.nextAnswerDueAt && (
        <p className="due" data-testid="next-answer">
          {t('status.nextAnswer')} <strong>{formatTime(status.nextAnswerDueAt)}</strong>
        </p>
      )}
      {status.rejection && (
        <dl className="rejection" data-testid="rejection">
          <div>
            <dt>{t('status.rejection.reason')}</dt>
            <dd>{status.rejection.reason}</dd>
          </div>
          <div>
            <dt>{t('status.rejection.guidance')}</dt>
            <dd>{status.rejection.guidance}</dd>
          </div>
        </dl>
      )}
      <p className="visually-hidden" role="status" aria-live="polite">
        {announced ? t('status.changed', { status: announced }) : ''}
      </p>
    </div>
  );
}

/**
 * The status's label to announce to screen readers when the status changes while the page is
 * open: not on first showing, nor when only the language changed.
 */
function useAnnouncedStatus(status: ComplaintStatus, label: string): string | null {
  const first = useRef(status);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    if (status !== first.current) setChanged(true);
  }, [status]);
  return changed ? label : null;
}

function NotTracked({ tenant }: { tenant: PublicTenant }) {
  const { t } = useT();
  return (
    <section className="panel" data-testid="status-not-found">
      <h1>{t('status.title')}</h1>
      <p>{t('status.notFound', { tenant: tenant.name })}</p>
      <a className="button" {...linkTo(pathOf.track(tenant.slug))}>
        {t('status.otherCode')}
      </a>
    </section>
  );
}
