import { Badge, Button, Empty, List, Popover, Typography, notification } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { noticeText } from './notice-text';
import { notificationStore, useNotices, type InboxNotice } from './notification-store';
import { useNotificationFeed } from './use-notification-feed';

function BellIcon() {
  return (
    <svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

/** The bell in the top bar: deadline alerts and approval requests of this session, unread counted. */
export function NotificationBell() {
  const { t } = useT();
  const notices = useNotices();
  const [open, setOpen] = useState(false);
  const [api, holder] = notification.useNotification({ placement: 'topRight', maxCount: 3 });
  useNotificationFeed((notice) => {
    api.open({
      key: notice.id,
      type: notice.kind === 'BREACHED' ? 'warning' : 'info',
      title: noticeText(t, notice),
      description: (
        <Link to={`/complaints/${notice.complaintId}`} onClick={() => notificationStore.markRead(notice.id)}>
          {t('notice.open')}
        </Link>
      ),
    });
  });
  const unread = notices.filter((notice) => !notice.read).length;

  const list = (
    <div style={{ width: 340, maxHeight: 420, overflowY: 'auto' }} data-testid="notification-list">
      {notices.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notice.none')} />
      ) : (
        <List<InboxNotice>
          size="small"
          dataSource={[...notices]}
          renderItem={(notice) => <NoticeRow notice={notice} onOpen={() => setOpen(false)} />}
        />
      )}
    </div>
  );

  return (
    <>
      {holder}
      <Popover
        trigger="click"
        open={open}
        onOpenChange={setOpen}
        placement="bottomRight"
        title={
          <span style={{ display: 'flex', justifyContent: 'space-between' }}>
            {t('notice.title')}
            <Button type="link" size="small" disabled={unread === 0} onClick={() => notificationStore.markRead()}>
              {t('notice.markAllRead')}
            </Button>
          </span>
        }
        content={list}
      >
        <Badge count={unread} size="small" data-testid="notification-count">
          <Button aria-label={t('notice.bell', { count: unread })} data-testid="notification-bell" icon={<BellIcon />} />
        </Badge>
      </Popover>
    </>
  );
}

export function NoticeRow({ notice, onOpen }: { notice: InboxNotice; onOpen?: () => void }) {
  const { t } = useT();
  return (
    <List.Item data-testid="notice" data-kind={notice.kind} data-read={notice.read}>
      <Link
        to={`/complaints/${notice.complaintId}`}
        onClick={() => {
          notificationStore.markRead(notice.id);
          onOpen?.();
        }}
      >
        <Typography.Text strong={!notice.read} type={notice.kind === 'BREACHED' ? 'danger' : undefined}>
          {noticeText(t, notice)}
        </Typography.Text>
      </Link>
      <Typography.Text type="secondary">{dayjs(notice.at).format('MM-DD HH:mm')}</Typography.Text>
    </List.Item>
  );
}
