import {
  NotificationPreferencesDocument,
  SetNotificationPreferencesDocument,
  type NotificationEvent,
  type NotificationPreferencesFieldsFragment,
} from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Form, Select, Space, Spin, Table, Typography, message as antMessage } from 'antd';
import { useState } from 'react';
import { useClient } from '../../api/data';
import { eventLabel } from '../../app/notifications/event-label';
import { useInboxOwner } from '../../app/notifications/inbox';
import { useT } from '../../i18n/i18n';
import { problemText, showUserErrors } from '../admin/user-errors';

/** The form's value for "the organisation's language" (the API's null). */
const TENANT_LOCALE = 'tenant';

interface PreferencesForm {
  locale: string;
  events: { event: NotificationEvent; inApp: boolean; email: boolean }[];
}

const formOf = (preferences: NotificationPreferencesFieldsFragment): PreferencesForm => ({
  locale: preferences.locale ?? TENANT_LOCALE,
  events: preferences.events.map(({ event, inApp, email }) => ({ event, inApp, email })),
});

/** An event's name in the first column; its errors (`events.N.event`) show beside it. */
function EventName({ value }: { value?: NotificationEvent }) {
  const { t } = useT();
  return <span>{value ? eventLabel(t, value) : null}</span>;
}

/** The member's own notification settings: which events reach them in the console and by mail, and the language of their mail. */
export default function NotificationSettingsPage() {
  const { t } = useT();
  const client = useClient();
  const queryClient = useQueryClient();
  const owner = useInboxOwner();
  const [message, messageHolder] = antMessage.useMessage();
  const [form] = Form.useForm<PreferencesForm>();
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const key = ['notification-preferences', owner];
  const preferences = useQuery({
    queryKey: key,
    queryFn: async () => (await client.query(NotificationPreferencesDocument)).notificationPreferences,
    enabled: owner !== null,
  });

  const title = (
    <Typography.Title level={3} style={{ margin: 0 }}>
      {t('settings.notifications.title')}
    </Typography.Title>
  );
  if (!owner) return <Alert type="info" showIcon title={t('settings.notifications.noOrganisation')} />;
  if (preferences.error)
    return <Alert type="error" showIcon role="alert" title={t('error.generic', { message: problemText(preferences.error) })} />;
  if (!preferences.data) return <Spin />;

  const save = async (values: PreferencesForm) => {
    setProblem(null);
    setSaving(true);
    try {
      // The locale is always sent: the server sets it with every change.
      const result = await client.mutate(SetNotificationPreferencesDocument, {
        input: { locale: values.locale === TENANT_LOCALE ? null : values.locale, events: values.events },
      });
      if (!result.ok) {
        const rest = showUserErrors(form, result.errors, ['locale', 'events']);
        if (rest.length) setProblem(rest.join(' '));
        return;
      }
      if (result.data.preferences) {
        queryClient.setQueryData(key, result.data.preferences);
        form.setFieldsValue(formOf(result.data.preferences));
      }
      void message.success(t('settings.notifications.saved'));
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setSaving(false);
    }
  };

  const rows = preferences.data.events.map((entry, index) => ({ index, event: entry.event }));
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 720 }}>
      {messageHolder}
      {title}
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {t('settings.notifications.intro')}
      </Typography.Paragraph>
      <Form<PreferencesForm>
        form={form}
        layout="vertical"
        initialValues={formOf(preferences.data)}
        onFinish={(values) => void save(values)}
        data-testid="notification-preferences"
      >
        {problem && <Alert type="error" showIcon role="alert" title={problem} style={{ marginBottom: 12 }} />}
        <Form.Item name="locale" label={t('settings.notifications.locale')} style={{ maxWidth: 320 }}>
          <Select
            data-testid="mail-locale"
            options={[
              { value: TENANT_LOCALE, label: t('settings.notifications.localeTenant') },
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
          />
        </Form.Item>
        <Table
          size="small"
          pagination={false}
          rowKey="event"
          dataSource={rows}
          onRow={(row) => ({ 'data-event': row.event }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            {
              key: 'event',
              title: t('settings.notifications.event'),
              render: (_, row) => (
                <Form.Item name={['events', row.index, 'event']} style={{ margin: 0 }}>
                  <EventName />
                </Form.Item>
              ),
            },
            {
              key: 'inApp',
              title: t('settings.notifications.inApp'),
              width: 140,
              render: (_, row) => (
                <Form.Item name={['events', row.index, 'inApp']} valuePropName="checked" style={{ margin: 0 }}>
                  <Checkbox aria-label={t('settings.notifications.inAppOf', { event: eventLabel(t, row.event) })} />
                </Form.Item>
              ),
            },
            {
              key: 'email',
              title: t('settings.notifications.email'),
              width: 140,
              render: (_, row) => (
                <Form.Item name={['events', row.index, 'email']} valuePropName="checked" style={{ margin: 0 }}>
                  <Checkbox aria-label={t('settings.notifications.emailOf', { event: eventLabel(t, row.event) })} />
                </Form.Item>
              ),
            },
          ]}
        />
        <Button type="primary" htmlType="submit" loading={saving} style={{ marginTop: 16 }} data-testid="save-preferences">
          {t('settings.notifications.save')}
        </Button>
      </Form>
    </Space>
  );
}
