import {
  DepartmentsDocument,
  paginate,
  type DepartmentFieldsFragment,
  type PenaltyDecision,
  type PenaltyFieldsFragment,
  type PenaltyFilter,
  type PenaltyStatus,
} from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Select, Space, Table, Tag, Typography, message as antMessage, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useClient } from '../../api/data';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';
import { ReviewPenaltyDialog } from './ReviewPenaltyDialog';
import { subjectName } from './penalty-subject';
import { PENALTY_LEDGER_KEY, usePenaltyLedger } from './use-penalty-ledger';

const STATUSES: readonly PenaltyStatus[] = ['PENDING', 'CONFIRMED', 'WAIVED'];
const STATUS_COLOURS: Record<PenaltyStatus, string> = { PENDING: 'gold', CONFIRMED: 'red', WAIVED: 'default' };

/** The penalty ledger: the entries the server lets the viewer see, filtered from the URL; pending ones reviewed here. */
export default function PenaltiesPage() {
  const { t } = useT();
  const { viewer } = useSession();
  const queryClient = useQueryClient();
  const [message, holder] = antMessage.useMessage();
  const [params, setParams] = useSearchParams();
  const statuses = (params.get('status')?.split(',') ?? []).filter((value): value is PenaltyStatus =>
    STATUSES.includes(value as PenaltyStatus),
  );
  const mine = params.get('mine') === '1';
  const departmentId = params.get('department');
  const filter = useMemo<PenaltyFilter>(
    () => ({
      ...(statuses.length ? { status: statuses } : {}),
      ...(mine && viewer ? { userId: viewer.user.id } : {}),
      ...(departmentId ? { departmentId } : {}),
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [statuses.join(), mine, departmentId, viewer?.user.id],
  );
  const client = useClient();
  const departments = useQuery({
    queryKey: ['departments', viewer?.tenant?.id],
    queryFn: async () => {
      const all: DepartmentFieldsFragment[] = [];
      for await (const department of paginate(client, DepartmentsDocument, { first: 100 }, (data) => data.departments))
        all.push(department);
      return all;
    },
  });
  const ledger = usePenaltyLedger(filter);
  const [review, setReview] = useState<{ penalty: PenaltyFieldsFragment; decision: PenaltyDecision } | null>(null);

  const setFilter = (next: { status?: PenaltyStatus[]; mine?: boolean; department?: string | null }) => {
    const search = new URLSearchParams();
    const status = next.status ?? statuses;
    const department = next.department === undefined ? departmentId : next.department;
    if (status.length) search.set('status', status.join(','));
    if (next.mine ?? mine) search.set('mine', '1');
    if (department) search.set('department', department);
    setParams(search);
  };

  const columns: TableColumnsType<PenaltyFieldsFragment> = [
    { key: 'created', title: t('penalties.col.created'), width: 130, render: (_, p) => dayjs(p.createdAt).format('YYYY-MM-DD HH:mm') },
    {
      key: 'subject',
      title: t('penalties.col.subject'),
      width: 170,
      render: (_, p) => (
        <Space direction="vertical" size={0}>
          <span data-testid="penalty-subject">{subjectName(p)}</span>
          <Typography.Text type="secondary">{t(`penalties.role.${p.subjectRole}` as MessageKey)}</Typography.Text>
        </Space>
      ),
    },
    { key: 'trigger', title: t('penalties.col.trigger'), width: 120, render: (_, p) => t(`penalties.trigger.${p.trigger}` as MessageKey) },
    { key: 'reason', title: t('penalties.col.reason'), dataIndex: 'reason' },
    { key: 'points', title: t('penalties.col.points'), dataIndex: 'points', width: 70, align: 'right' },
    {
      key: 'amount',
      title: t('penalties.col.amount'),
      width: 110,
      align: 'right',
      render: (_, p) => (p.amount != null ? `${p.amount} ${p.currency ?? ''}` : ''),
    },
    {
      key: 'complaint',
      title: t('penalties.col.complaint'),
      width: 90,
      render: (_, p) => (p.complaint ? <Link to={`/complaints/${p.complaint.id}`}>No. {p.complaint.number}</Link> : null),
    },
    {
      key: 'status',
      title: t('penalties.col.status'),
      width: 110,
      render: (_, p) => (
        <Tag color={STATUS_COLOURS[p.status]} data-testid="penalty-status">
          {t(`penalties.status.${p.status}` as MessageKey)}
        </Tag>
      ),
    },
    {
      key: 'review',
      title: t('penalties.col.review'),
      width: 220,
      render: (_, p) =>
        p.status === 'PENDING' ? (
          <Space>
            <Button size="small" onClick={() => setReview({ penalty: p, decision: 'CONFIRM' })}>
              {t('penalties.confirm')}
            </Button>
            <Button size="small" onClick={() => setReview({ penalty: p, decision: 'WAIVE' })}>
              {t('penalties.waive')}
            </Button>
          </Space>
        ) : p.reviewComment ? (
          <Typography.Text type="secondary">
            {t('penalties.reviewedBy', { name: p.reviewedBy?.name ?? '', comment: p.reviewComment })}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {holder}
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('penalties.title')}
      </Typography.Title>
      <Space wrap>
        <Select<PenaltyStatus[]>
          mode="multiple"
          allowClear
          aria-label={t('penalties.filter.status')}
          placeholder={t('penalties.filter.status')}
          data-testid="penalty-filter-status"
          style={{ minWidth: 240 }}
          value={statuses}
          options={STATUSES.map((value) => ({ value, label: t(`penalties.status.${value}` as MessageKey) }))}
          onChange={(value) => setFilter({ status: value })}
        />
        <Select<string>
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          aria-label={t('penalties.filter.department')}
          placeholder={t('penalties.filter.department')}
          style={{ minWidth: 200 }}
          value={departmentId ?? undefined}
          loading={departments.isLoading}
          options={(departments.data ?? []).map((department) => ({ value: department.id, label: department.name }))}
          onChange={(value) => setFilter({ department: value ?? null })}
        />
        <Checkbox checked={mine} onChange={(event) => setFilter({ mine: event.target.checked })}>
          {t('penalties.filter.mine')}
        </Checkbox>
        <Typography.Text type="secondary" data-testid="penalty-count">
          {t('penalties.count', { shown: ledger.entries.length, total: ledger.total })}
        </Typography.Text>
      </Space>
      {ledger.error ? <Alert type="error" title={t('error.generic', { message: ledger.error.message })} /> : null}
      <Table<PenaltyFieldsFragment>
        data-testid="penalty-ledger"
        rowKey="id"
        size="small"
        loading={ledger.isLoading}
        columns={columns}
        dataSource={ledger.entries}
        pagination={false}
        onRow={(p) => ({ 'data-penalty': p.id }) as React.HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('penalties.empty') }}
        scroll={{ x: 1100 }}
      />
      {ledger.hasNextPage ? (
        <Button loading={ledger.isFetchingNextPage} onClick={() => void ledger.fetchNextPage()}>
          {t('penalties.loadMore')}
        </Button>
      ) : null}
      {review ? (
        <ReviewPenaltyDialog
          penalty={review.penalty}
          decision={review.decision}
          onClose={() => setReview(null)}
          onReviewed={(penalty) => {
            setReview(null);
            void message.success(t('penalties.reviewed', { status: t(`penalties.status.${penalty.status}` as MessageKey) }));
            void queryClient.invalidateQueries({ queryKey: [PENALTY_LEDGER_KEY] });
          }}
        />
      ) : null}
    </Space>
  );
}
