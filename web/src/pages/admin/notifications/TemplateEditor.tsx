import {
  NotificationTemplatesDocument,
  SetNotificationTemplateDocument,
  type NotificationEvent,
  type NotificationTemplateFieldsFragment,
} from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Popconfirm, Radio, Select, Space, Spin, Tag, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../../api/data';
import { eventLabel } from '../../../app/notifications/event-label';
import { useT, type Locale } from '../../../i18n/i18n';
import { SectionProblem } from '../SectionProblem';
import { problemText, showUserErrors } from '../user-errors';

const TEMPLATES_KEY = ['admin', 'notificationTemplates'];
const TEMPLATE_LOCALES: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'English' },
];

interface TemplateForm {
  subject: string;
  text: string;
  html: string;
}

/** Every event's message in each language: choose one, adjust its parts (the server's refusals beside each), or go back to the shipped one. */
export function TemplateEditor() {
  const { t, locale: consoleLocale } = useT();
  const client = useClient();
  const templates = useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: async () => (await client.query(NotificationTemplatesDocument)).notificationTemplates,
  });
  const [event, setEvent] = useState<NotificationEvent | null>(null);
  const [locale, setLocale] = useState<Locale>(consoleLocale);
  if (templates.error) return <SectionProblem problem={templates.error} />;
  if (!templates.data) return <Spin />;

  const events = [...new Set(templates.data.map((template) => template.event))];
  const chosen = event ?? events[0];
  const template = templates.data.find((entry) => entry.event === chosen && entry.locale === locale);
  return (
    <Space orientation="vertical" style={{ width: '100%', maxWidth: 860 }} data-testid="template-editor">
      <Space wrap>
        <label htmlFor="template-event">{t('admin.templates.event')}</label>
        <Select<NotificationEvent>
          id="template-event"
          data-testid="template-event"
          style={{ minWidth: 320 }}
          value={chosen}
          onChange={setEvent}
          options={events.map((value) => ({ value, label: eventLabel(t, value) }))}
        />
        <Radio.Group
          aria-label={t('admin.templates.locale')}
          optionType="button"
          value={locale}
          onChange={(change) => setLocale(change.target.value as Locale)}
          options={TEMPLATE_LOCALES}
          data-testid="template-locale"
        />
      </Space>
      {/* A form of its own per event and language: switching shows that template as it stands. */}
      {template && <TemplateForm key={`${template.event}/${template.locale}`} template={template} />}
    </Space>
  );
}

function TemplateForm({ template }: { template: NotificationTemplateFieldsFragment }) {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<TemplateForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const change = async (input: Partial<TemplateForm> & { reset?: boolean }, done: string) => {
    setProblem(null);
    setSaving(true);
    try {
      const result = await client.mutate(SetNotificationTemplateDocument, {
        input: { event: template.event, locale: template.locale, ...input },
      });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, ['subject', 'text', 'html']);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      const saved = result.data.template;
      if (saved) {
        queryClient.setQueryData<NotificationTemplateFieldsFragment[]>(TEMPLATES_KEY, (all) =>
          all?.map((entry) => (entry.event === saved.event && entry.locale === saved.locale ? saved : entry)),
        );
        form.setFieldsValue({ subject: saved.subject, text: saved.text, html: saved.html });
      }
      void message.success(done);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<TemplateForm>
      form={form}
      layout="vertical"
      initialValues={{ subject: template.subject, text: template.text, html: template.html }}
      onFinish={(values) => void change(values, t('admin.templates.saved'))}
      data-testid="template-form"
    >
      {messageHolder}
      <Space style={{ marginBottom: 8 }}>
        <Tag color={template.customized ? 'blue' : undefined} data-testid="template-state">
          {t(template.customized ? 'admin.templates.customized' : 'admin.templates.shipped')}
        </Tag>
        {template.updatedAt && <Typography.Text type="secondary">{new Date(template.updatedAt).toLocaleString()}</Typography.Text>}
      </Space>
      {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
      {template.variables.length > 0 && (
        <div style={{ marginBottom: 12 }} data-testid="template-variables">
          <Typography.Text strong>{t('admin.templates.variables')}: </Typography.Text>
          {template.variables.map((variable) => (
            <Typography.Text key={variable} code copyable={{ text: `{{${variable}}}` }}>
              {`{{${variable}}}`}
            </Typography.Text>
          ))}
          <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
            {t('admin.templates.syntax')}
          </Typography.Paragraph>
        </div>
      )}
      <Form.Item name="subject" label={t('admin.templates.subject')}>
        <Input data-testid="template-subject" />
      </Form.Item>
      <Form.Item name="text" label={t('admin.templates.text')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} data-testid="template-text" />
      </Form.Item>
      <Form.Item name="html" label={t('admin.templates.html')}>
        <Input.TextArea autoSize={{ minRows: 4, maxRows: 16 }} data-testid="template-html" style={{ fontFamily: 'monospace' }} />
      </Form.Item>
      <Space>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="save-template">
          {t('admin.templates.save')}
        </Button>
        <Popconfirm
          title={t('admin.templates.resetConfirm')}
          okText={t('admin.templates.reset')}
          cancelText={t('admin.cancel')}
          onConfirm={() => change({ reset: true }, t('admin.templates.resetDone'))}
          disabled={!template.customized}
        >
          <Button disabled={!template.customized || saving}>{t('admin.templates.reset')}</Button>
        </Popconfirm>
      </Space>
    </Form>
  );
}
