import { CalendarCoverageDocument } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from '../admin/SectionProblem';

/** Per holiday region: its tenants, the years loaded, and the due times waiting on a missing year. */
export function CoverageTable() {
  const { t } = useT();
  const client = useClient();
  const coverage = useQuery({ queryKey: ['platform', 'coverage'], queryFn: () => client.query(CalendarCoverageDocument) });
  if (coverage.error) return <SectionProblem problem={coverage.error} />;
  return (
    <div>
      <Typography.Title level={5}>{t('platform.coverage.title')}</Typography.Title>
      <Table
        data-testid="coverage"
        size="small"
        pagination={false}
        loading={coverage.isLoading}
        rowKey="region"
        dataSource={coverage.data?.calendarCoverage ?? []}
        columns={[
          { title: t('platform.holidays.region'), dataIndex: 'region' },
          { title: t('platform.coverage.tenants'), dataIndex: 'tenants' },
          { title: t('platform.coverage.years'), render: (_, row: { years: number[] }) => row.years.join(', ') || '—' },
          { title: t('platform.coverage.provisionalClocks'), dataIndex: 'openProvisionalClocks' },
          { title: t('platform.coverage.provisionalFollowUps'), dataIndex: 'openProvisionalFollowUps' },
        ]}
      />
    </div>
  );
}
