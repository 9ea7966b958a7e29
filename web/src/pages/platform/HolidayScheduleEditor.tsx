import {
  SetHolidayScheduleDocument,
  type HolidayScheduleFieldsFragment,
  type SetHolidayScheduleInput,
  type UserError,
} from '@redress/client-sdk';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import { useState, type ChangeEvent } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { showUserErrors } from '../admin/user-errors';

const FIELDS = ['region', 'year', 'source', 'holidays', 'workingDays'];

/**
 * The working days are one field (a tag list): an error about one of them ("workingDays.2") is
 * shown on that field with the date it names; an error about the holiday list as a whole has no
 * field of its own.
 */
function placeableErrors(errors: ReadonlyArray<UserError>, input: SetHolidayScheduleInput): UserError[] {
  return errors.map((error) => {
    const [top, index] = (error.field ?? '').split('.');
    if (top === 'workingDays' && index !== undefined) {
      return { ...error, field: 'workingDays', message: `${input.workingDays[Number(index)] ?? index}: ${error.message}` };
    }
    if (error.field === 'holidays') return { ...error, field: null };
    return error;
  });
}

/** A schedule as the form holds it, from a loaded one or a file in the import format. */
function formValues(schedule: Partial<SetHolidayScheduleInput> | null): SetHolidayScheduleInput {
  return {
    region: schedule?.region ?? '',
    year: schedule?.year ?? new Date().getFullYear(),
    source: schedule?.source ?? '',
    holidays: (schedule?.holidays ?? []).map((holiday) => ({ date: holiday.date, name: holiday.name })),
    workingDays: [...(schedule?.workingDays ?? [])],
  };
}

/** Loads or corrects one region's schedule for a year: from a JSON file (the import format) or by hand; the server checks it. */
export function HolidayScheduleEditor({ initial, onClose }: { initial: HolidayScheduleFieldsFragment | null; onClose(): void }) {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<SetHolidayScheduleInput>();
  const [problem, setProblem] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setProblem(null);
    try {
      const content = JSON.parse(await file.text()) as unknown;
      if (Array.isArray(content) || typeof content !== 'object' || content === null) throw new Error(t('platform.holidays.oneSchedule'));
      form.setFieldsValue(formValues(content));
    } catch (error) {
      setProblem(t('platform.holidays.badFile', { message: error instanceof Error ? error.message : String(error) }));
    }
  };

  const submit = async (values: SetHolidayScheduleInput) => {
    setBusy(true);
    setProblem(null);
    try {
      const input = {
        ...values,
        region: values.region.trim().toUpperCase(),
        holidays: values.holidays ?? [],
        workingDays: values.workingDays ?? [],
      };
      const result = await client.mutate(SetHolidayScheduleDocument, { input });
      if (!result.ok) {
        const rest = showUserErrors(form, placeableErrors(result.errors, input), FIELDS);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      setOutcome(
        t('platform.holidays.loaded', {
          region: input.region,
          year: input.year,
          clocks: result.data.recountedClocks ?? 0,
          followUps: result.data.recountedFollowUps ?? 0,
        }),
      );
      await queryClient.invalidateQueries({ queryKey: ['platform'] });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={initial ? t('platform.holidays.correctTitle', { region: initial.region, year: initial.year }) : t('platform.holidays.load')}
      okText={outcome ? t('admin.close') : t('platform.holidays.save')}
      cancelText={t('admin.cancel')}
      cancelButtonProps={{ style: outcome ? { display: 'none' } : undefined }}
      confirmLoading={busy}
      onCancel={onClose}
      onOk={() => (outcome ? onClose() : form.submit())}
    >
      {outcome ? (
        <Alert type="success" showIcon title={outcome} data-testid="schedule-loaded" />
      ) : (
        <Form<SetHolidayScheduleInput>
          form={form}
          layout="vertical"
          initialValues={formValues(initial)}
          onFinish={(values) => void submit(values)}
        >
          <Form.Item label={t('platform.holidays.file')} extra={t('platform.holidays.fileHint')} htmlFor="schedule-file">
            <input id="schedule-file" type="file" accept="application/json,.json" onChange={(event) => void readFile(event)} />
          </Form.Item>
          {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
          <Space wrap align="start">
            <Form.Item name="region" label={t('platform.holidays.region')} rules={[{ required: true, message: t('admin.required') }]}>
              <Input style={{ width: 120 }} disabled={initial !== null} />
            </Form.Item>
            <Form.Item name="year" label={t('platform.holidays.year')} rules={[{ required: true, message: t('admin.required') }]}>
              <InputNumber style={{ width: 120 }} disabled={initial !== null} />
            </Form.Item>
            <Form.Item name="source" label={t('platform.holidays.source')} rules={[{ required: true, message: t('admin.required') }]}>
              <Input style={{ width: 340 }} />
            </Form.Item>
          </Space>
          <Typography.Text strong>{t('platform.holidays.holidays')}</Typography.Text>
          <Form.List name="holidays">
            {(rows, { add, remove }) => (
              <>
                {rows.map((row) => (
                  <Space key={row.key} align="start" wrap>
                    <Form.Item
                      name={[row.name, 'date']}
                      aria-label={t('platform.holidays.date')}
                      rules={[{ required: true, message: t('admin.required') }]}
                    >
                      <Input type="date" aria-label={t('platform.holidays.date')} style={{ width: 170 }} />
                    </Form.Item>
                    <Form.Item name={[row.name, 'name']} rules={[{ required: true, message: t('admin.required') }]}>
                      <Input aria-label={t('platform.holidays.name')} placeholder={t('platform.holidays.name')} style={{ width: 260 }} />
                    </Form.Item>
                    <Button onClick={() => remove(row.name)}>{t('platform.holidays.removeRow')}</Button>
                  </Space>
                ))}
                <Button onClick={() => add({ date: '', name: '' })} style={{ marginBottom: 16 }}>
                  {t('platform.holidays.addHoliday')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="workingDays" label={t('platform.holidays.workingDays')} extra={t('platform.holidays.workingDaysHint')}>
            <Select mode="tags" tokenSeparators={[',', ' ']} open={false} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
