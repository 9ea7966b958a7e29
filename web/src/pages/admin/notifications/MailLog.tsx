import { RetryMailMessageDocument, SentMailDocument, type MailStatus, type SentMailQuery } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Input, Modal, Select, Space, Table, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { eventLabel } from '../../../app/notifications/event-label';
import { useT } from '../../../i18n/i18n';
import { SectionProblem } from '../SectionProblem';
import { problemText } from '../user-errors';
import { OUTBOX_KEY, STATUS_COLOURS, statusKey } from './OutboxSummary';

type Mail = SentMailQuery['sentMail']['edges'][number]['node'];

const MAIL_STATUSES: MailStatus[] = ['PENDING', 'SENT', 'KEPT', 'FAILED'];
const PAGE = 25;

/** The tenant's mail, newest first: sent, kept, waiting or failed; a message's text on request; a failed one sent again. */
export function MailLog() {
  const { t, locale } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [status, setStatus] = useState<MailStatus[]>([]);
  const [to, setTo] = useState('');
  const [shown, setShown] = useState(PAGE);
  const [viewed, setViewed] = useState<Mail | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const filter = { ...(status.length ? { status } : {}), ...(to ? { to } : {}) };
  const mail = useQuery({
    queryKey: ['admin', 'sentMail', filter, shown],
    queryFn: async () => (await client.query(SentMailDocument, { filter, first: shown })).sentMail,
    placeholderData: (previous) => previous,
    // A message waiting to be sent is followed until it is sent, kept or failed.
    refetchInterval: (query) => (query.state.data?.edges.some((edge) => edge.node.status === 'PENDING') ? 2000 : false),
  });
  if (mail.error) return <SectionProblem problem={mail.error} />;
  const rows = mail.data?.edges.map((edge) => edge.node) ?? [];

  const retry = async (row: Mail) => {
    setProblem(null);
    try {
      const result = await client.mutate(RetryMailMessageDocument, { input: { id: row.id } });
      if (!result.ok) {
        setProblem(result.errors.map((error) => error.message).join(' '));
        return;
      }
      void message.success(t('admin.mail.retried', { to: row.to }));
      await queryClient.invalidateQueries({ queryKey: ['admin', 'sentMail'] });
      await queryClient.invalidateQueries({ queryKey: OUTBOX_KEY });
    } catch (error) {
      setProblem(problemText(error));
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {messageHolder}
      <Space wrap>
        <Select<MailStatus[]>
          mode="multiple"
          allowClear
          aria-label={t('admin.mail.status')}
          placeholder={t('admin.mail.status')}
          style={{ minWidth: 220 }}
          value={status}
          onChange={setStatus}
          options={MAIL_STATUSES.map((value) => ({ value, label: t(statusKey(value)) }))}
          data-testid="mail-status-filter"
        />
        <Input.Search
          allowClear
          aria-label={t('admin.mail.toSearch')}
          placeholder={t('admin.mail.toSearch')}
          style={{ width: 280 }}
          onSearch={(value) => setTo(value.trim())}
        />
        <Button onClick={() => void mail.refetch()} loading={mail.isFetching}>
          {t('admin.reload')}
        </Button>
      </Space>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Table<Mail>
        data-testid="mail-log"
        size="small"
        rowKey="id"
        loading={mail.isLoading}
        pagination={false}
        dataSource={rows}
        locale={{ emptyText: t('admin.mail.none') }}
        onRow={(row) => ({ 'data-status': row.status, 'data-to': row.to }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          {
            key: 'created',
            title: t('admin.mail.created'),
            width: 170,
            render: (_, row) => new Date(row.createdAt).toLocaleString(locale),
          },
          { key: 'to', title: t('admin.mail.to'), dataIndex: 'to' },
          { key: 'event', title: t('admin.mail.event'), render: (_, row) => eventLabel(t, row.event) },
          { key: 'subject', title: t('admin.mail.subject'), render: (_, row) => row.subject ?? t('admin.none') },
          {
            key: 'status',
            title: t('admin.mail.status'),
            render: (_, row) => (
              <Tag color={STATUS_COLOURS[row.status]} data-testid="mail-status">
                {t(statusKey(row.status))}
              </Tag>
            ),
          },
          { key: 'attempts', title: t('admin.mail.attempts'), dataIndex: 'attempts', width: 90 },
          {
            key: 'actions',
            title: t('admin.actions'),
            render: (_, row) => (
              <Space>
                <Button size="small" onClick={() => setViewed(row)} aria-label={t('admin.mail.viewOf', { to: row.to })}>
                  {t('admin.mail.view')}
                </Button>
                {row.status === 'FAILED' && (
                  <Button size="small" danger onClick={() => void retry(row)} data-testid="retry-mail">
                    {t('admin.mail.retry')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {mail.data && (
        <Space>
          <Typography.Text type="secondary">{t('admin.mail.count', { shown: rows.length, total: mail.data.totalCount })}</Typography.Text>
          {mail.data.pageInfo.hasNextPage && <Button onClick={() => setShown(shown + PAGE)}>{t('admin.loadMore')}</Button>}
        </Space>
      )}
      <Modal
        open={viewed !== null}
        title={viewed?.subject ?? t('admin.none')}
        onCancel={() => setViewed(null)}
        footer={<Button onClick={() => setViewed(null)}>{t('admin.close')}</Button>}
        width={720}
        destroyOnHidden
      >
        {viewed && <MailContent mail={viewed} />}
      </Modal>
    </Space>
  );
}

/** A message as it went (or will go): its text; the HTML part as source, never drawn. */
function MailContent({ mail }: { mail: Mail }) {
  const { t } = useT();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="mail-content">
      <Typography.Text type="secondary">
        {t('admin.mail.to')}: {mail.to} · {mail.locale} · <Tag color={STATUS_COLOURS[mail.status]}>{t(statusKey(mail.status))}</Tag>
      </Typography.Text>
      {mail.lastError && <Alert type="error" showIcon title={`${t('admin.mail.lastError')}: ${mail.lastError}`} />}
      {mail.text === null ? (
        <Typography.Text type="secondary">{t('admin.mail.notRendered')}</Typography.Text>
      ) : (
        <pre style={{ whiteSpace: 'pre-wrap', margin: 0, fontFamily: 'inherit' }} data-testid="mail-text">
          {mail.text}
        </pre>
      )}
      {mail.html && (
        <details>
          <summary>{t('admin.mail.htmlSource')}</summary>
          <pre style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{mail.html}</pre>
        </details>
      )}
    </Space>
  );
}
