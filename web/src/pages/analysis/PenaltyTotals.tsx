import { PenaltyTotalsDocument, type PenaltyTotalsQuery, type StatisticsFilter } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Table } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

type Total = PenaltyTotalsQuery['penaltyTotals'][number];

/** Penalties of the period not waived, by person and department (all for supervisors, one's own for others). */
export function PenaltyTotals({ filter }: { filter: StatisticsFilter }) {
  const { t } = useT();
  const client = useClient();
  const totals = useQuery({
    queryKey: ['penalty-totals', filter],
    queryFn: () => client.query(PenaltyTotalsDocument, { filter }).then((data) => data.penaltyTotals),
  });
  return (
    <Table<Total>
      data-testid="penalty-totals"
      size="small"
      rowKey={(total) => `${total.subject.__typename}:${total.subject.id}`}
      pagination={false}
      loading={totals.isLoading}
      locale={{ emptyText: t('analysis.none') }}
      dataSource={totals.data ?? []}
      columns={[
        { key: 'subject', title: t('analysis.col.subject'), render: (_, total) => total.subject.name },
        { key: 'count', title: t('analysis.col.entries'), dataIndex: 'count', align: 'right', width: 90 },
        { key: 'points', title: t('analysis.col.points'), dataIndex: 'points', align: 'right', width: 90 },
        {
          key: 'amounts',
          title: t('analysis.col.amounts'),
          align: 'right',
          render: (_, total) => total.amounts.map((amount) => `${amount.amount} ${amount.currency}`).join(', '),
        },
      ]}
    />
  );
}
