import { Button, List, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { notificationTarget, type InboxItem } from './inbox';

/**
 * One notification of the inbox: its subject (a link to its complaint, or to the monthly
 * reports), the start of its text and when it came. Opening it, or "Mark read" for one that
 * leads nowhere, marks it read (`onRead`).
 */
export function InboxRow({ item, onRead, onOpen }: { item: InboxItem; onRead(item: InboxItem): void; onOpen?: () => void }) {
  const { t } = useT();
  const unread = item.readAt === null;
  const target = notificationTarget(item);
  const subject = (
    <Typography.Text strong={unread} type={item.event === 'DEADLINE_BREACHED' ? 'danger' : undefined}>
      {unread && <span className="visually-hidden">{t('notice.unread')} </span>}
      {item.subject}
    </Typography.Text>
  );
  return (
    <List.Item
      className={unread ? 'notice-row notice-row-unread' : 'notice-row'}
      data-testid="notice"
      data-event={item.event}
      data-read={!unread}
      data-complaint={item.complaint?.number}
    >
      <div style={{ minWidth: 0, flex: 1 }}>
        {target ? (
          <Link
            to={target}
            className="notice-link"
            onClick={() => {
              if (unread) onRead(item);
              onOpen?.();
            }}
          >
            {subject}
          </Link>
        ) : (
          subject
        )}
        <Typography.Paragraph type="secondary" className="notice-body" ellipsis={{ rows: 2 }}>
          {item.body}
        </Typography.Paragraph>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          <time dateTime={item.createdAt}>{dayjs(item.createdAt).format('MM-DD HH:mm')}</time>
        </Typography.Text>
        {!target && unread && (
          <Button type="link" size="small" onClick={() => onRead(item)}>
            {t('notice.markRead')}
          </Button>
        )}
      </div>
    </List.Item>
  );
}
