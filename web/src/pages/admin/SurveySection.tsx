import { ConfigureSurveyDocument, SurveySettingsDocument } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, InputNumber, Space, Spin, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { SectionProblem } from './SectionProblem';
import { showUserErrors } from './user-errors';

interface SurveyForm {
  scaleMax: number;
  threshold: number;
}

/** The satisfaction scale (1 to scaleMax) and the threshold below which a score is low. */
export default function SurveySection() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<SurveyForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const settings = useQuery({ queryKey: ['admin', 'survey'], queryFn: () => client.query(SurveySettingsDocument) });
  if (settings.error) return <SectionProblem problem={settings.error} />;
  if (!settings.data) return <Spin />;

  const save = async (values: SurveyForm) => {
    setProblem(null);
    const result = await client.mutate(ConfigureSurveyDocument, { input: values });
    if (!result.ok) {
      const rest = showUserErrors(form, result.errors, ['scaleMax', 'threshold']);
      if (rest.length) setProblem(rest.join(' '));
      return;
    }
    void message.success(t('admin.saved'));
    await queryClient.invalidateQueries({ queryKey: ['admin', 'survey'] });
  };

  return (
    <Space orientation="vertical" style={{ maxWidth: 480 }}>
      {messageHolder}
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.survey')}
      </Typography.Title>
      <Form<SurveyForm> form={form} layout="vertical" initialValues={settings.data.surveySettings} onFinish={(values) => void save(values)}>
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
        <Form.Item name="scaleMax" label={t('admin.survey.scaleMax')} extra={t('admin.survey.scaleMaxHint')}>
          <InputNumber />
        </Form.Item>
        <Form.Item name="threshold" label={t('admin.survey.threshold')} extra={t('admin.survey.thresholdHint')}>
          <InputNumber step={0.5} />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('admin.save')}
        </Button>
      </Form>
    </Space>
  );
}
