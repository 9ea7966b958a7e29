import { NotificationOutboxDocument, type NotificationOutboxQuery } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Tag, Typography } from 'antd';
import { useClient } from '../../../api/data';
import { useT } from '../../../i18n/i18n';
import type { MessageKey } from '../../../i18n/messages.en';
import { SectionProblem } from '../SectionProblem';

export const OUTBOX_KEY = ['admin', 'notificationOutbox'];

type Counts = NotificationOutboxQuery['notificationOutbox']['mail'];

/** The status's words: the server's statuses of mail messages and webhook deliveries. */
export const statusKey = (status: string): MessageKey => `admin.status.${status}` as MessageKey;

export const STATUS_COLOURS: Record<string, string> = {
  SENT: 'green',
  DELIVERED: 'green',
  KEPT: 'blue',
  FAILED: 'red',
  PENDING: 'default',
};

function Channel({ channel, title, counts }: { channel: string; title: string; counts: Counts }) {
  const { t } = useT();
  return (
    <Card size="small" title={title} data-testid={`outbox-${channel}`}>
      <Space wrap>
        {counts.map(({ status, count }) => {
          const failing = status === 'FAILED' && count > 0;
          return (
            <Tag
              key={status}
              color={failing ? 'red' : undefined}
              data-testid={`outbox-${channel}-${status}`}
              data-count={count}
              style={failing ? { fontWeight: 600 } : undefined}
            >
              {t(statusKey(status))}: {count}
            </Tag>
          );
        })}
      </Space>
    </Card>
  );
}

/** The tenant's outbox: how many mail messages and webhook deliveries wait, went and failed for good. */
export function OutboxSummary() {
  const { t } = useT();
  const client = useClient();
  const outbox = useQuery({ queryKey: OUTBOX_KEY, queryFn: () => client.query(NotificationOutboxDocument) });
  if (outbox.error) return <SectionProblem problem={outbox.error} />;
  const counts = outbox.data?.notificationOutbox;
  const failed = counts ? [...counts.mail, ...counts.webhooks].some((entry) => entry.status === 'FAILED' && entry.count > 0) : false;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="outbox">
      <Space>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('admin.outbox.title')}
        </Typography.Title>
        <Button size="small" onClick={() => void outbox.refetch()} loading={outbox.isFetching}>
          {t('admin.reload')}
        </Button>
      </Space>
      {counts && (
        <Space wrap align="start">
          <Channel channel="mail" title={t('admin.outbox.mail')} counts={counts.mail} />
          <Channel channel="webhooks" title={t('admin.outbox.webhooks')} counts={counts.webhooks} />
        </Space>
      )}
      {failed && <Alert type="warning" showIcon title={t('admin.outbox.failedHint')} />}
    </Space>
  );
}
