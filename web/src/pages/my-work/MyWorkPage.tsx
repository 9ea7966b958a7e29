import { Card, Empty, List, Space, Typography } from 'antd';
import { NoticeRow } from '../../app/notifications/NotificationBell';
import { useNotices, type InboxNotice } from '../../app/notifications/notification-store';
import { useT } from '../../i18n/i18n';
import { ApprovalInbox } from './ApprovalInbox';
import { MyFollowUps } from './MyFollowUps';

/** What waits on the viewer: approvals for their roles, their follow-ups, and this session's alerts. */
export default function MyWorkPage() {
  const { t } = useT();
  const alerts = useNotices().filter((notice) => notice.kind !== 'APPROVAL');
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t('myWork.title')}
      </Typography.Title>
      <Card size="small" title={t('myWork.approvals')}>
        <ApprovalInbox />
      </Card>
      <Card size="small" title={t('myWork.followUps')}>
        <MyFollowUps />
      </Card>
      <Card size="small" title={t('myWork.alerts')} data-testid="my-alerts">
        {alerts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myWork.alerts.none')} />
        ) : (
          <List<InboxNotice> size="small" dataSource={alerts} renderItem={(notice) => <NoticeRow notice={notice} />} />
        )}
      </Card>
    </Space>
  );
}
