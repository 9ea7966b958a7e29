import { ComplaintHotspotsDocument, type StatisticsFilter } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Col, Row, Table } from 'antd';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

/** The assets, product models and customers complained about most in the period. */
export function Hotspots({ filter }: { filter: StatisticsFilter }) {
  const { t } = useT();
  const client = useClient();
  const hotspots = useQuery({
    queryKey: ['hotspots', filter],
    queryFn: () => client.query(ComplaintHotspotsDocument, { filter, limit: 10 }).then((data) => data.complaintHotspots),
  });
  const count = { key: 'count', title: t('analysis.col.count'), dataIndex: 'count', align: 'right' as const, width: 90 };
  const empty = { emptyText: t('analysis.none') };
  return (
    <Row gutter={[12, 12]}>
      <Col xs={24} lg={8}>
        <Table
          data-testid="hotspots-assets"
          title={() => t('analysis.hotspots.assets')}
          size="small"
          rowKey="assetId"
          pagination={false}
          loading={hotspots.isLoading}
          locale={empty}
          dataSource={hotspots.data?.assets ?? []}
          columns={[
            { key: 'name', title: t('analysis.col.name'), dataIndex: 'name' },
            { key: 'serial', title: t('analysis.col.serial'), dataIndex: 'serialNumber' },
            count,
          ]}
        />
      </Col>
      <Col xs={24} lg={8}>
        <Table
          data-testid="hotspots-products"
          title={() => t('analysis.hotspots.products')}
          size="small"
          rowKey="model"
          pagination={false}
          loading={hotspots.isLoading}
          locale={empty}
          dataSource={hotspots.data?.products ?? []}
          columns={[{ key: 'model', title: t('analysis.col.model'), dataIndex: 'model' }, count]}
        />
      </Col>
      <Col xs={24} lg={8}>
        <Table
          data-testid="hotspots-customers"
          title={() => t('analysis.hotspots.customers')}
          size="small"
          rowKey="customerId"
          pagination={false}
          loading={hotspots.isLoading}
          locale={empty}
          dataSource={hotspots.data?.customers ?? []}
          columns={[
            { key: 'name', title: t('analysis.col.name'), dataIndex: 'name' },
            { key: 'phone', title: t('analysis.col.phone'), dataIndex: 'phone' },
            count,
          ]}
        />
      </Col>
    </Row>
  );
}
