import type { ComplaintSummaryFragment } from '@redress/client-sdk';
import { Alert, Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useAfterPageContent, usePageContentShown } from '../../app/page-content';
import { useT } from '../../i18n/i18n';
import { QueueTable } from './QueueTable';
import { QueueFilters } from './QueueFilters';
import { paramsFromView, viewFromParams, type QueueView } from './queue-url';
import { useComplaintQueue } from './use-complaint-queue';

const HIGHLIGHT_MS = 2000;

const NOTHING_CHANGED: ReadonlySet<string> = new Set();

/**
 * Rows whose version changed since the last list (or that are new to it), for a brief
 * highlight: worked out in the same render as the new list, not in a second one.
 */
function useChangedRows(complaints: ReadonlyArray<ComplaintSummaryFragment> | undefined): ReadonlySet<string> {
  const [seen, setSeen] = useState<{
    list: typeof complaints;
    versions: ReadonlyMap<string, number> | null;
    changed: ReadonlySet<string>;
  }>({ list: undefined, versions: null, changed: NOTHING_CHANGED });
  let { changed } = seen;
  if (complaints !== seen.list) {
    const previous = seen.versions;
    const versions = complaints ? new Map(complaints.map((complaint) => [complaint.id, complaint.version])) : previous;
    const fresh = previous && complaints ? complaints.filter((complaint) => previous.get(complaint.id) !== complaint.version) : [];
    if (fresh.length) changed = new Set(fresh.map((complaint) => complaint.id));
    setSeen({ list: complaints, versions, changed });
  }
  useEffect(() => {
    if (changed === NOTHING_CHANGED) return;
    const timer = setTimeout(() => setSeen((now) => (now.changed === changed ? { ...now, changed: NOTHING_CHANGED } : now)), HIGHLIGHT_MS);
    return () => clearTimeout(timer);
  }, [changed]);
  return changed;
}

/** Keys that type into a field are the field's: j/k/Enter act on the list only outside them. */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  return !!element?.closest('input, textarea, select, [contenteditable="true"], .ant-select');
}

export default function QueuePage() {
  const { t } = useT();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => viewFromParams(params), [params]);
  const queue = useComplaintQueue(view);
  const complaints = queue.data?.complaints;
  const changed = useChangedRows(complaints);
  const [current, setCurrent] = useState(0);
  usePageContentShown(queue.data !== undefined || queue.liveError !== null);
  // The filters (and the lists they read: categories, departments, members) once the rows are drawn.
  const controlsShown = useAfterPageContent();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!complaints?.length || event.altKey || event.ctrlKey || event.metaKey || typingIn(event.target)) return;
      if (event.key === 'j') setCurrent((index) => Math.min(complaints.length - 1, index + 1));
      else if (event.key === 'k') setCurrent((index) => Math.max(0, index - 1));
      else if (event.key === 'Enter' && !(event.target as HTMLElement | null)?.closest('button, a')) {
        const complaint = complaints[Math.min(current, complaints.length - 1)];
        if (complaint) void navigate(`/complaints/${complaint.id}`);
      } else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [complaints, current, navigate]);

  useEffect(() => {
    document.querySelector('.queue-row-current')?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const setView = (next: QueueView) => {
    setCurrent(0);
    setParams(paramsFromView(next));
  };

  const openComplaint = useCallback((complaint: ComplaintSummaryFragment) => void navigate(`/complaints/${complaint.id}`), [navigate]);

  const total = queue.data?.totalCount ?? 0;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('queue.title')}
        </Typography.Title>
        <Space>
          <Typography.Text type="secondary">{t('queue.keyboardHint')}</Typography.Text>
          <Button type="primary" data-testid="new-complaint" onClick={() => void navigate('/complaints/new')}>
            {t('intake.newButton')}
          </Button>
        </Space>
      </Space>
      {controlsShown ? <QueueFilters view={view} onChange={setView} /> : <div className="queue-filters-placeholder" />}
      {queue.liveError && <Alert type="error" showIcon message={t('error.generic', { message: queue.liveError.message })} />}
      <div data-testid="queue">
        <QueueTable
          complaints={complaints}
          loading={!queue.data && !queue.liveError}
          current={current}
          changed={changed}
          onOpen={openComplaint}
        />
      </div>
      <Space>
        <Typography.Text data-testid="queue-count">{t('queue.count', { shown: complaints?.length ?? 0, total })}</Typography.Text>
        {queue.data?.hasMore && <Button onClick={() => void queue.loadMore()}>{t('queue.loadMore')}</Button>}
      </Space>
    </Space>
  );
}
