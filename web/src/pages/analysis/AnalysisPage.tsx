import type { StatisticsFilter } from '@redress/client-sdk';
import { Card, DatePicker, Form, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { serverNow } from '../../api/server-clock';
import { useT } from '../../i18n/i18n';
import { Hotspots } from './Hotspots';
import { MonthlyReports } from './MonthlyReports';
import { PenaltyTotals } from './PenaltyTotals';
import { StatisticsCharts } from './StatisticsCharts';
import { WarningRecords } from './WarningRecords';

/** The last six months on the server's clock, this one included: [first day, tomorrow). */
function defaultPeriod(): [Dayjs, Dayjs] {
  const today = dayjs(serverNow()).startOf('day');
  return [today.startOf('month').subtract(5, 'month'), today];
}

/** Statistics with charts, hotspots, penalty totals and warning records of a period; the monthly reports. */
export default function AnalysisPage() {
  const { t } = useT();
  const [period, setPeriod] = useState<[Dayjs, Dayjs]>(defaultPeriod);
  const filter = useMemo<StatisticsFilter>(
    () => ({ from: period[0].startOf('day').toISOString(), to: period[1].startOf('day').add(1, 'day').toISOString() }),
    [period],
  );
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('analysis.title')}
      </Typography.Title>
      <Form layout="inline">
        <Form.Item label={t('analysis.period')} htmlFor="analysis-period">
          <DatePicker.RangePicker
            id={{ start: 'analysis-period' }}
            data-testid="analysis-period"
            value={period}
            allowClear={false}
            onChange={(range) => range?.[0] && range[1] && setPeriod([range[0], range[1]])}
          />
        </Form.Item>
      </Form>
      <StatisticsCharts filter={filter} />
      <Card size="small" title={t('analysis.hotspots')}>
        <Hotspots filter={filter} />
      </Card>
      <Card size="small" title={t('analysis.penaltyTotals')}>
        <PenaltyTotals filter={filter} />
      </Card>
      <Card size="small" title={t('analysis.warnings')}>
        <WarningRecords filter={filter} />
      </Card>
      <Card size="small" title={t('analysis.reports')}>
        <MonthlyReports />
      </Card>
    </Space>
  );
}
