import { Space, Tabs, Typography } from 'antd';
import { useT } from '../../../i18n/i18n';
import { MailLog } from './MailLog';
import { OutboxSummary } from './OutboxSummary';
import { TemplateEditor } from './TemplateEditor';

/** The tenant's notifications: the outbox's state, the messages' templates, the mail log. */
export default function NotificationsSection() {
  const { t } = useT();
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {t('admin.nav.notifications')}
      </Typography.Title>
      <OutboxSummary />
      <Tabs
        destroyOnHidden
        items={[
          { key: 'templates', label: t('admin.templates.tab'), children: <TemplateEditor /> },
          { key: 'mail', label: t('admin.mail.tab'), children: <MailLog /> },
        ]}
      />
    </Space>
  );
}
