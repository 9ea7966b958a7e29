import type { ComplaintDetailFragment, ComplaintVocabularyQuery } from '@redress/client-sdk';
import { Space, Steps, Tag, Typography } from 'antd';
import { useServerNow } from '../../api/server-clock';
import { useT } from '../../i18n/i18n';
import { DeadlineClock } from '../queue/DeadlineClock';
import { when } from './ComplaintSections';

const PRIORITY_COLOURS: Record<string, string> = { LOW: 'default', NORMAL: 'blue', HIGH: 'orange', URGENT: 'red' };

/** Number, status along the lifecycle (the statuses as the server lists them), priority, major, and the running clocks. */
export function ComplaintHeader({
  complaint,
  statuses,
}: {
  complaint: ComplaintDetailFragment;
  statuses: ComplaintVocabularyQuery['complaintVocabulary']['statuses'] | undefined;
}) {
  const { t } = useT();
  const now = useServerNow();
  const running = complaint.deadlines.filter((deadline) => !deadline.metAt && !deadline.cancelledAt);
  const current = statuses?.findIndex((status) => status.value === complaint.status) ?? -1;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small">
      <Space wrap align="center">
        <Typography.Title level={3} style={{ margin: 0 }} data-testid="complaint-title">
          {t('complaint.title', { number: complaint.number })}
        </Typography.Title>
        <Tag color="processing" data-testid="complaint-status" data-status={complaint.status}>
          {complaint.statusLabel}
        </Tag>
        <Tag color={PRIORITY_COLOURS[complaint.priority] ?? 'default'}>{complaint.priorityLabel}</Tag>
        {complaint.major && (
          <Tag color="red" data-testid="complaint-major">
            {t('complaint.major')}
          </Tag>
        )}
        {complaint.clockPaused && <Tag>{t('clock.paused')}</Tag>}
        {complaint.governedBy && (
          <Tag>{t('complaint.governedBy', { plugin: complaint.governedBy.pluginId, version: complaint.governedBy.version })}</Tag>
        )}
        <Typography.Text type="secondary" data-testid="complaint-version">
          {t('complaint.version', { version: complaint.version })}
        </Typography.Text>
      </Space>
      {statuses && (
        <div style={{ overflowX: 'auto' }} data-testid="complaint-steps">
          <div style={{ minWidth: statuses.length * 130 }}>
            <Steps size="small" current={current} items={statuses.map((status) => ({ title: status.label }))} />
          </div>
        </div>
      )}
      {running.length > 0 && (
        <Space wrap size="middle" data-testid="complaint-clocks">
          {running.map((deadline) => (
            <span key={deadline.stage}>
              <Typography.Text type="secondary">{deadline.stageLabel}: </Typography.Text>
              <DeadlineClock deadlines={[deadline]} now={now} />{' '}
              <Typography.Text type="secondary">({when(deadline.dueAt)})</Typography.Text>
            </span>
          ))}
        </Space>
      )}
    </Space>
  );
}
