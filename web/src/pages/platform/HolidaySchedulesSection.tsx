import { HolidaySchedulesDocument, type HolidayScheduleFieldsFragment } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from '../admin/SectionProblem';
import { CoverageTable } from './CoverageTable';
import { HolidayScheduleEditor } from './HolidayScheduleEditor';

/** The public-holiday schedules by region and year; load a new one or correct one, from a file or the form. */
export default function HolidaySchedulesSection() {
  const { t, locale } = useT();
  const client = useClient();
  const [region, setRegion] = useState('');
  const [year, setYear] = useState<number | null>(null);
  const [editing, setEditing] = useState<HolidayScheduleFieldsFragment | 'new' | null>(null);
  const filter = region.trim().toUpperCase() || null;
  const schedules = useQuery({
    queryKey: ['platform', 'holidaySchedules', filter],
    queryFn: () => client.query(HolidaySchedulesDocument, { region: filter }),
  });
  if (schedules.error) return <SectionProblem problem={schedules.error} />;
  const all = schedules.data?.holidaySchedules ?? [];
  const years = [...new Set(all.map((schedule) => schedule.year))].sort((a, b) => b - a);
  const rows = all.filter((schedule) => year === null || schedule.year === year);

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Space wrap style={{ justifyContent: 'space-between', width: '100%' }}>
        <Space wrap>
          <Input
            aria-label={t('platform.holidays.region')}
            placeholder={t('platform.holidays.region')}
            value={region}
            onChange={(event) => setRegion(event.target.value)}
            style={{ width: 140 }}
            allowClear
          />
          <Select<number | null>
            aria-label={t('platform.holidays.year')}
            value={year}
            style={{ width: 140 }}
            options={[{ value: null, label: t('platform.holidays.allYears') }, ...years.map((value) => ({ value, label: String(value) }))]}
            onChange={(value) => setYear(value)}
          />
        </Space>
        <Button type="primary" onClick={() => setEditing('new')} data-testid="load-schedule">
          {t('platform.holidays.load')}
        </Button>
      </Space>
      <Table<HolidayScheduleFieldsFragment>
        data-testid="holiday-schedules"
        size="small"
        loading={schedules.isLoading}
        pagination={false}
        scroll={{ x: 800 }}
        rowKey={(schedule) => `${schedule.region}-${schedule.year}`}
        dataSource={rows}
        onRow={(schedule) => ({ 'data-schedule': `${schedule.region}-${schedule.year}` }) as React.HTMLAttributes<HTMLElement>}
        expandable={{
          expandedRowRender: (schedule) => (
            <Space orientation="vertical">
              <div>
                {schedule.holidays.map((holiday) => (
                  <Tag key={holiday.date}>{`${holiday.date} ${holiday.name}`}</Tag>
                ))}
              </div>
              <Typography.Text type="secondary">
                {t('platform.holidays.workingDays')}: {schedule.workingDays.join(', ') || '—'}
              </Typography.Text>
            </Space>
          ),
        }}
        columns={[
          { title: t('platform.holidays.region'), dataIndex: 'region' },
          { title: t('platform.holidays.year'), dataIndex: 'year' },
          { title: t('platform.holidays.holidays'), render: (_, schedule) => schedule.holidays.length },
          { title: t('platform.holidays.workingDays'), render: (_, schedule) => schedule.workingDays.length },
          { title: t('platform.holidays.source'), dataIndex: 'source' },
          {
            title: t('platform.holidays.loadedBy'),
            render: (_, schedule) => `${schedule.loadedBy}, ${new Date(schedule.loadedAt).toLocaleString(locale)}`,
          },
          {
            title: t('admin.actions'),
            render: (_, schedule) => (
              <Button size="small" onClick={() => setEditing(schedule)}>
                {t('platform.holidays.correct')}
              </Button>
            ),
          },
        ]}
      />
      <CoverageTable />
      {editing && <HolidayScheduleEditor initial={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
