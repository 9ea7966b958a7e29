import {
  ComplaintStatisticsDocument,
  ComplaintVocabularyDocument,
  type ComplaintStatisticsQuery,
  type StatisticsDimension,
  type StatisticsFilter,
} from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Table, Typography } from 'antd';
import type { EChartsCoreOption } from 'echarts/core';
import { Suspense, lazy, useMemo } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/messages.en';

const Chart = lazy(() => import('./Chart'));

type Row = ComplaintStatisticsQuery['complaintStatistics'][number];
interface Group {
  key: string;
  label: string;
  count: number;
}

const SECTIONS: { dimension: StatisticsDimension; title: MessageKey; kind: 'pie' | 'bar' | 'line' }[] = [
  { dimension: 'CATEGORY', title: 'analysis.byCategory', kind: 'pie' },
  { dimension: 'CHANNEL', title: 'analysis.byChannel', kind: 'bar' },
  { dimension: 'PRIORITY', title: 'analysis.byPriority', kind: 'bar' },
  { dimension: 'MONTH', title: 'analysis.byMonth', kind: 'line' },
];

function optionFor(kind: 'pie' | 'bar' | 'line', groups: Group[]): EChartsCoreOption {
  if (kind === 'pie') {
    return {
      tooltip: { trigger: 'item' },
      series: [{ type: 'pie', radius: ['35%', '65%'], data: groups.map((group) => ({ name: group.label, value: group.count })) }],
    };
  }
  return {
    tooltip: { trigger: 'axis' },
    grid: { left: 40, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: groups.map((group) => group.label) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: kind, data: groups.map((group) => group.count), ...(kind === 'line' ? { showSymbol: true, symbolSize: 8 } : {}) }],
  };
}

/** Statistics of the period by category, channel, priority and month: a chart and its numbers each. */
export function StatisticsCharts({ filter }: { filter: StatisticsFilter }) {
  const { t, locale } = useT();
  const client = useClient();
  const vocabulary = useQuery({
    queryKey: ['vocabulary', locale],
    queryFn: () => client.query(ComplaintVocabularyDocument).then((data) => data.complaintVocabulary),
  });
  const statistics = useQuery({
    queryKey: ['statistics', locale, filter],
    queryFn: async () => {
      const answers = await Promise.all(
        SECTIONS.map((section) => client.query(ComplaintStatisticsDocument, { filter, groupBy: [section.dimension] })),
      );
      return new Map<StatisticsDimension, Row[]>(SECTIONS.map((section, index) => [section.dimension, answers[index].complaintStatistics]));
    },
  });

  const labels = useMemo(() => {
    const of = (values: ReadonlyArray<{ value: string; label: string }> | undefined) =>
      new Map((values ?? []).map((v) => [v.value, v.label]));
    return {
      CATEGORY: new Map((vocabulary.data?.categories ?? []).map((category) => [category.code, category.path.join(' / ')])),
      CHANNEL: of(vocabulary.data?.channels),
      PRIORITY: of(vocabulary.data?.priorities),
      MONTH: new Map<string, string>(),
      DEPARTMENT: new Map<string, string>(),
    } satisfies Record<StatisticsDimension, Map<string, string>>;
  }, [vocabulary.data]);

  const groupsOf = (dimension: StatisticsDimension): Group[] => {
    const rows = statistics.data?.get(dimension) ?? [];
    const groups = rows.map((row) => {
      const key = row.key[0] ?? '';
      return { key, label: key ? (labels[dimension].get(key) ?? key) : t('analysis.unset'), count: row.count };
    });
    return dimension === 'MONTH' ? groups.sort((a, b) => a.key.localeCompare(b.key)) : groups.sort((a, b) => b.count - a.count);
  };

  const all = statistics.data?.get('CATEGORY') ?? [];
  const total = all.reduce((sum, row) => sum + row.count, 0);
  const met = all.reduce((sum, row) => sum + row.deadlinesMet, 0);
  const missed = all.reduce((sum, row) => sum + row.deadlinesMissed, 0);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space size="large">
        <Typography.Text strong data-testid="statistics-total">
          {t('analysis.total', { count: total })}
        </Typography.Text>
        <Typography.Text type="secondary">{t('analysis.deadlines', { met, missed })}</Typography.Text>
      </Space>
      <Row gutter={[12, 12]}>
        {SECTIONS.map((section) => {
          const groups = groupsOf(section.dimension);
          return (
            <Col key={section.dimension} xs={24} md={12}>
              <Card size="small" title={t(section.title)} loading={statistics.isLoading} data-testid={`statistics-${section.dimension}`}>
                {groups.length ? (
                  <Suspense fallback={<div style={{ height: 240 }} />}>
                    <Chart label={t(section.title)} option={optionFor(section.kind, groups)} />
                  </Suspense>
                ) : null}
                <Table<Group>
                  size="small"
                  rowKey="key"
                  pagination={false}
                  dataSource={groups}
                  locale={{ emptyText: t('analysis.none') }}
                  onRow={(group) => ({ 'data-group': group.key, 'data-count': group.count }) as React.HTMLAttributes<HTMLElement>}
                  columns={[
                    { key: 'label', title: t('analysis.col.group'), dataIndex: 'label' },
                    { key: 'count', title: t('analysis.col.count'), dataIndex: 'count', align: 'right', width: 100 },
                  ]}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
