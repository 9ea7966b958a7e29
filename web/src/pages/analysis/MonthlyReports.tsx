import {
  GenerateMonthlyReportDocument,
  MonthlyReportsDocument,
  type MonthlyReportFieldsFragment,
  type UserError,
} from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Space, Table, message as antMessage } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useServerNow } from '../../api/server-clock';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';
import { errorsFor, otherErrors } from '../my-work/field-errors';
import { fetchReport, saveBlob, showBlob } from './report-download';

/** The monthly reports the viewer may open, their downloads, and making one for a month. */
export function MonthlyReports() {
  const { t, locale } = useT();
  const client = useClient();
  const { session } = useSession();
  const now = useServerNow(60_000);
  const [message, holder] = antMessage.useMessage();
  const [month, setMonth] = useState<Dayjs | null>(() => dayjs(now).subtract(1, 'month'));
  const [errors, setErrors] = useState<ReadonlyArray<UserError>>([]);
  const [busy, setBusy] = useState(false);
  const reports = useQuery({
    queryKey: ['monthly-reports', locale],
    queryFn: () => client.query(MonthlyReportsDocument).then((data) => data.monthlyReports),
  });

  const generate = async () => {
    if (!month) return;
    setBusy(true);
    try {
      const result = await client.mutate(GenerateMonthlyReportDocument, { input: { month: month.format('YYYY-MM') } });
      if (result.ok) {
        setErrors([]);
        void message.success(t('analysis.generated', { month: result.data.report?.month ?? month.format('YYYY-MM') }));
        await reports.refetch();
        return;
      }
      setErrors(result.errors);
      for (const error of otherErrors(result.errors, ['month'])) void message.error(error.message);
    } catch (error) {
      void message.error(t('error.generic', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(false);
    }
  };

  const download = async (report: MonthlyReportFieldsFragment, format: 'csv' | 'html') => {
    const target = format === 'html' ? window.open('', '_blank') : null;
    try {
      const blob = await fetchReport(format === 'csv' ? report.csvUrl : report.htmlUrl, session?.active ? session.token : null, locale);
      if (format === 'csv') saveBlob(blob, `complaints-${report.month}.csv`);
      else showBlob(blob, target);
    } catch (error) {
      target?.close();
      void message.error(t('analysis.downloadFailed', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const monthError = errorsFor(errors, 'month');
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {holder}
      <Form layout="inline" onFinish={() => void generate()}>
        <Form.Item
          label={t('analysis.generateMonth')}
          htmlFor="report-month"
          validateStatus={monthError ? 'error' : undefined}
          help={monthError}
        >
          <DatePicker id="report-month" picker="month" value={month} onChange={setMonth} allowClear={false} />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit" loading={busy} data-testid="generate-report">
            {t('analysis.generate')}
          </Button>
        </Form.Item>
      </Form>
      <Table<MonthlyReportFieldsFragment>
        data-testid="monthly-reports"
        size="small"
        rowKey="id"
        pagination={false}
        loading={reports.isLoading}
        locale={{ emptyText: t('analysis.none') }}
        dataSource={reports.data ?? []}
        onRow={(report) => ({ 'data-month': report.month }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { key: 'month', title: t('analysis.col.month'), dataIndex: 'month', width: 90 },
          {
            key: 'generated',
            title: t('analysis.col.generated'),
            width: 140,
            render: (_, r) => dayjs(r.generatedAt).format('YYYY-MM-DD HH:mm'),
          },
          { key: 'by', title: t('analysis.col.by'), render: (_, r) => r.generatedBy?.name ?? t('analysis.schedule') },
          {
            key: 'due',
            title: t('analysis.col.due'),
            width: 140,
            render: (_, r) => (r.dueAt ? dayjs(r.dueAt).format('YYYY-MM-DD HH:mm') : ''),
          },
          { key: 'addressedTo', title: t('analysis.col.addressedTo'), render: (_, r) => r.addressedTo.join(', ') },
          {
            key: 'downloads',
            title: t('analysis.col.downloads'),
            width: 170,
            render: (_, r) => (
              <Space>
                <Button size="small" data-testid="report-csv" onClick={() => void download(r, 'csv')}>
                  {t('analysis.csv')}
                </Button>
                <Button size="small" data-testid="report-html" onClick={() => void download(r, 'html')}>
                  {t('analysis.printable')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}
