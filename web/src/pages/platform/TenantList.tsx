import { PlatformTenantsDocument, type PlatformTenantsQuery } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Table, Typography } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from '../admin/SectionProblem';

type TenantRow = PlatformTenantsQuery['tenants'][number];

/** Every tenant of the platform, by name. */
export function TenantList() {
  const { t, locale } = useT();
  const client = useClient();
  const tenants = useQuery({ queryKey: ['platform', 'tenants'], queryFn: () => client.query(PlatformTenantsDocument) });
  if (tenants.error) return <SectionProblem problem={tenants.error} />;
  return (
    <div>
      <Typography.Title level={5}>{t('platform.tenants.list', { count: tenants.data?.tenants.length ?? 0 })}</Typography.Title>
      <Table<TenantRow>
        data-testid="tenants"
        size="small"
        loading={tenants.isLoading}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        scroll={{ x: 720 }}
        rowKey="id"
        dataSource={tenants.data?.tenants ?? []}
        onRow={(tenant) => ({ 'data-slug': tenant.slug }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('platform.tenants.name'), dataIndex: 'name' },
          { title: t('platform.tenants.slug'), dataIndex: 'slug' },
          { title: t('platform.tenants.timeZone'), dataIndex: 'timeZone' },
          { title: t('platform.tenants.locale'), dataIndex: 'locale' },
          { title: t('platform.tenants.holidayRegion'), dataIndex: 'holidayRegion' },
          { title: t('platform.tenants.createdAt'), render: (_, tenant) => new Date(tenant.createdAt).toLocaleDateString(locale) },
        ]}
      />
    </div>
  );
}
