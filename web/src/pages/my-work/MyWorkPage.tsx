import type { NotificationEvent } from '@redress/client-sdk';
import { Card, Empty, List, Space, Spin, Typography } from 'antd';
import { InboxRow } from '../../app/notifications/InboxRow';
import { useInboxList, useInboxOwner, useMarkRead, type InboxItem } from '../../app/notifications/inbox';
import { useT } from '../../i18n/i18n';
import { ApprovalInbox } from './ApprovalInbox';
import { MyFollowUps } from './MyFollowUps';
import { useApprovalRequests } from './use-approval-inbox';

/** The inbox's notifications about clocks: one of the viewer's running out, or a complaint escalated to their role. */
const ALERT_EVENTS: readonly NotificationEvent[] = ['DEADLINE_DUE_SOON', 'DEADLINE_BREACHED', 'COMPLAINT_ESCALATED'];
/** The latest notifications the alerts are picked from. */
const ALERTS_FROM = 100;

/** What waits on the viewer: approvals for their roles, their follow-ups, and their clock alerts from the inbox. */
export default function MyWorkPage() {
  const { t } = useT();
  const owner = useInboxOwner();
  const inbox = useInboxList(owner, ALERTS_FROM);
  const markRead = useMarkRead(owner);
  useApprovalRequests();
  const alerts = (inbox.data?.items ?? []).filter((item) => ALERT_EVENTS.includes(item.event));
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
        {owner && inbox.isPending ? (
          <Spin />
        ) : alerts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myWork.alerts.none')} />
        ) : (
          <List<InboxItem>
            size="small"
            dataSource={alerts}
            renderItem={(item) => <InboxRow item={item} onRead={(read) => void markRead([read.id])} />}
          />
        )}
      </Card>
    </Space>
  );
}
