import { ReplayWebhookDeliveryDocument, WebhookDeliveriesDocument, type WebhookDeliveryFieldsFragment } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { useT } from '../../../i18n/i18n';
import { OUTBOX_KEY, STATUS_COLOURS, statusKey } from '../notifications/OutboxSummary';
import { SectionProblem } from '../SectionProblem';
import { problemText } from '../user-errors';

const PAGE = 25;

/** One endpoint's delivery log, newest first: status, the last HTTP answer, attempts; each sent again on request. */
export function WebhookDeliveries({ endpointId, url, onClose }: { endpointId: string; url: string; onClose(): void }) {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [shown, setShown] = useState(PAGE);
  const [problem, setProblem] = useState<string | null>(null);
  const deliveries = useQuery({
    queryKey: ['admin', 'webhookDeliveries', endpointId, shown],
    queryFn: async () => (await client.query(WebhookDeliveriesDocument, { filter: { endpointId }, first: shown })).webhookDeliveries,
    placeholderData: (previous) => previous,
    // A delivery on its way is followed until it is delivered or fails.
    refetchInterval: (query) => (query.state.data?.edges.some((edge) => edge.node.status === 'PENDING') ? 1000 : false),
  });
  const rows = deliveries.data?.edges.map((edge) => edge.node) ?? [];

  const replay = async (delivery: WebhookDeliveryFieldsFragment) => {
    setProblem(null);
    try {
      const result = await client.mutate(ReplayWebhookDeliveryDocument, { input: { id: delivery.id } });
      if (!result.ok) {
        setProblem(result.errors.map((error) => error.message).join(' '));
        return;
      }
      void message.success(t('admin.deliveries.replayed'));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'webhookDeliveries', endpointId] });
      await queryClient.invalidateQueries({ queryKey: OUTBOX_KEY });
    } catch (error) {
      setProblem(problemText(error));
    }
  };

  return (
    <Card
      size="small"
      title={t('admin.webhooks.deliveriesOf', { url })}
      data-testid="webhook-deliveries"
      extra={
        <Space>
          <Button size="small" onClick={() => void deliveries.refetch()} loading={deliveries.isFetching}>
            {t('admin.reload')}
          </Button>
          <Button size="small" onClick={onClose}>
            {t('admin.webhooks.hideDeliveries')}
          </Button>
        </Space>
      }
    >
      {messageHolder}
      {deliveries.error && <SectionProblem problem={deliveries.error} />}
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 8 }} />}
      <Table<WebhookDeliveryFieldsFragment>
        size="small"
        rowKey="id"
        loading={deliveries.isLoading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('admin.deliveries.none') }}
        onRow={(row) =>
          ({
            'data-status': row.status,
            'data-event-type': row.eventType,
            'data-replay': row.replayOf !== null,
          }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            key: 'time',
            title: t('admin.deliveries.time'),
            width: 170,
            render: (_, row) => new Date(row.createdAt).toLocaleString(locale),
          },
          {
            key: 'event',
            title: t('admin.deliveries.event'),
            render: (_, row) => (
              <Space size={4}>
                <Typography.Text code>{row.eventType}</Typography.Text>
                {row.replayOf && <Tag>{t('admin.deliveries.replayOf')}</Tag>}
              </Space>
            ),
          },
          {
            key: 'status',
            title: t('admin.deliveries.status'),
            render: (_, row) => (
              <Tag color={STATUS_COLOURS[row.status]} data-testid="delivery-status">
                {t(statusKey(row.status))}
              </Tag>
            ),
          },
          {
            key: 'response',
            title: t('admin.deliveries.response'),
            width: 90,
            render: (_, row) => <span data-testid="delivery-response">{row.responseStatus ?? t('admin.none')}</span>,
          },
          { key: 'attempts', title: t('admin.deliveries.attempts'), dataIndex: 'attempts', width: 90 },
          { key: 'error', title: t('admin.deliveries.lastError'), render: (_, row) => row.lastError ?? t('admin.none') },
          {
            key: 'actions',
            title: t('admin.actions'),
            render: (_, row) => (
              <Button size="small" onClick={() => void replay(row)} disabled={row.status === 'PENDING'} data-testid="replay-delivery">
                {t('admin.deliveries.replay')}
              </Button>
            ),
          },
        ]}
      />
      {deliveries.data?.pageInfo.hasNextPage && (
        <Button style={{ marginTop: 8 }} onClick={() => setShown(shown + PAGE)}>
          {t('admin.loadMore')}
        </Button>
      )}
    </Card>
  );
}
