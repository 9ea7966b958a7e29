import { AddCalendarClosureDocument, RemoveCalendarClosureDocument, WorkingCalendarDocument } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Descriptions, Form, Input, Popconfirm, Space, Spin, Table, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';
import { showUserErrors } from './user-errors';

interface ClosureForm {
  date: string;
  reason: string;
}

/** The tenant's working-day calendar: its region and time zone, the years covered, and its own closures. */
export default function CalendarSection() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<ClosureForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const calendar = useQuery({ queryKey: ['admin', 'calendar'], queryFn: () => client.query(WorkingCalendarDocument) });
  if (calendar.error) return <SectionProblem problem={calendar.error} />;
  const data = calendar.data?.tenant.calendar;
  if (!data) return <Spin />;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['admin', 'calendar'] });

  const add = async (values: ClosureForm) => {
    setProblem(null);
    const result = await client.mutate(AddCalendarClosureDocument, { input: values });
    if (!result.ok) {
      const rest = showUserErrors(form, result.errors, ['date', 'reason']);
      if (rest.length) setProblem(rest.join(' '));
      return;
    }
    form.resetFields();
    await refresh();
  };
  const remove = async (date: string) => {
    const result = await client.mutate(RemoveCalendarClosureDocument, { input: { date } });
    if (!result.ok) void message.error(result.errors.map((error) => error.message).join(' '));
    else await refresh();
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {messageHolder}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.calendar')}
      </Typography.Title>
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('admin.calendar.region')}>{data.holidayRegion}</Descriptions.Item>
        <Descriptions.Item label={t('admin.calendar.timeZone')}>{data.timeZone}</Descriptions.Item>
        <Descriptions.Item label={t('admin.calendar.years')}>{data.coversYears.join(', ') || '—'}</Descriptions.Item>
      </Descriptions>
      <Form<ClosureForm> form={form} layout="inline" onFinish={(values) => void add(values)} requiredMark={false}>
        <Form.Item name="date" label={t('admin.calendar.date')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input type="date" style={{ width: 170 }} />
        </Form.Item>
        <Form.Item name="reason" label={t('admin.calendar.reason')} rules={[{ required: true, message: t('admin.required') }]}>
          <Input style={{ width: 260 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('admin.calendar.add')}
        </Button>
      </Form>
      {problem && <Alert type="error" showIcon role="alert" title={problem} />}
      <Table
        data-testid="closures"
        size="small"
        pagination={false}
        rowKey="date"
        dataSource={data.closures}
        locale={{ emptyText: t('admin.calendar.none') }}
        columns={[
          { title: t('admin.calendar.date'), dataIndex: 'date' },
          { title: t('admin.calendar.reason'), dataIndex: 'reason' },
          {
            title: t('admin.actions'),
            render: (_, closure: { date: string }) => (
              <Popconfirm
                title={t('admin.calendar.removeConfirm', { date: closure.date })}
                okText={t('admin.calendar.remove')}
                cancelText={t('admin.cancel')}
                onConfirm={() => remove(closure.date)}
              >
                <Button size="small">{t('admin.calendar.remove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
