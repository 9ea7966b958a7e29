import { WarningRecordsDocument, type StatisticsFilter, type WarningRecordsQuery } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

type WarningRecord = WarningRecordsQuery['warningRecords']['edges'][number]['node'];

/** Service-quality records of complaints closed in the period (the first 100). */
export function WarningRecords({ filter }: { filter: StatisticsFilter }) {
  const { t } = useT();
  const client = useClient();
  const records = useQuery({
    queryKey: ['warning-records', filter],
    queryFn: () =>
      client
        .query(WarningRecordsDocument, { filter: { from: filter.from, to: filter.to }, first: 100 })
        .then((data) => data.warningRecords),
  });
  return (
    <Table<WarningRecord>
      data-testid="warning-records"
      size="small"
      rowKey="id"
      pagination={{ pageSize: 10, hideOnSinglePage: true }}
      loading={records.isLoading}
      locale={{ emptyText: t('analysis.none') }}
      dataSource={records.data?.edges.map((edge) => edge.node) ?? []}
      scroll={{ x: 800 }}
      columns={[
        { key: 'closed', title: t('analysis.col.closed'), width: 140, render: (_, r) => dayjs(r.closedAt).format('YYYY-MM-DD HH:mm') },
        {
          key: 'complaint',
          title: t('analysis.col.complaint'),
          width: 100,
          render: (_, r) => (r.complaint ? <Link to={`/complaints/${r.complaint.id}`}>No. {r.complaint.number}</Link> : null),
        },
        {
          key: 'subject',
          title: t('analysis.col.subject'),
          width: 160,
          render: (_, r) => (
            <>
              {r.subject.name} {r.major ? <Tag color="red">{t('analysis.major')}</Tag> : null}
            </>
          ),
        },
        { key: 'cause', title: t('analysis.col.cause'), dataIndex: 'cause' },
        { key: 'missed', title: t('analysis.col.missed'), dataIndex: 'deadlinesMissed', align: 'right', width: 100 },
        { key: 'points', title: t('analysis.col.points'), dataIndex: 'penaltyPoints', align: 'right', width: 80 },
      ]}
    />
  );
}
