import { Alert, Badge, Button, Empty, List, Popover, Spin, Typography, notification } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useT } from '../../i18n/i18n';
import { useAfterPageContent, whenIdle } from '../page-content';
import { InboxRow } from './InboxRow';
import { notificationTarget, useInboxList, useInboxOwner, useMarkRead, useUnreadCount, type InboxItem } from './inbox';
import { useInboxFeed } from './use-inbox-feed';

/** How many of the latest notifications the bell's panel lists. */
const SHOWN = 20;

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

/** The bell in the top bar: the member's stored inbox, its unread count kept live. Only inside an organisation. */
export function NotificationBell() {
  const owner = useInboxOwner();
  // The bell reads and listens once the page's own content is drawn: it does not compete with it.
  const started = useAfterPageContent();
  return owner ? <InboxBell owner={started ? owner : null} /> : null;
}

function InboxBell({ owner }: { owner: string | null }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const count = useUnreadCount(owner);
  // The list is read when the panel is first opened; the count at once.
  const [wanted, setWanted] = useState(false);
  const list = useInboxList(owner, SHOWN, wanted);
  const markRead = useMarkRead(owner);
  const read = (item: InboxItem) => void markRead([item.id]);
  const [toasts, holder] = notification.useNotification({ placement: 'bottomRight', maxCount: 3 });

  useInboxFeed(owner, (item) => {
    const target = notificationTarget(item);
    // The pop-up waits for an idle moment: the page draws the same change (a queue row) first.
    whenIdle(() =>
      toasts.open({
        key: item.id,
        type: item.event === 'DEADLINE_BREACHED' || item.event === 'COMPLAINT_ESCALATED' ? 'warning' : 'info',
        title: item.subject,
        description: target && (
          <Link
            to={target}
            onClick={() => {
              read(item);
              toasts.destroy(item.id);
            }}
          >
            {t(item.complaint ? 'notice.open' : 'notice.openReports')}
          </Link>
        ),
      }),
    );
  });

  const unread = count.data ?? 0;
  // Escape closes the open panel wherever the focus is (a button just disabled leaves it on the page) and returns to the bell.
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      bell.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  const items = list.data?.items ?? [];

  const content = (
    <div ref={panel} tabIndex={-1} style={{ width: 360, maxHeight: 440, overflowY: 'auto' }} data-testid="notification-list">
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <Button type="link" size="small" disabled={unread === 0} onClick={() => void markRead('all')} data-testid="notification-mark-all">
          {t('notice.markAllRead')}
        </Button>
      </div>
      {list.error ? (
        <Alert type="error" showIcon title={t('notice.problem', { message: list.error.message })} />
      ) : list.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notice.none')} />
      ) : (
        <List<InboxItem>
          size="small"
          dataSource={items}
          renderItem={(item) => <InboxRow item={item} onRead={read} onOpen={() => setOpen(false)} />}
        />
      )}
      <div style={{ display: 'flex', justifyContent: 'space-between', paddingTop: 8, borderTop: '1px solid #f0f0f0' }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {list.data && list.data.total > items.length ? t('notice.shown', { shown: items.length, total: list.data.total }) : null}
        </Typography.Text>
        <Link to="/settings/notifications" onClick={() => setOpen(false)} data-testid="notification-settings-link">
          {t('notice.settings')}
        </Link>
      </div>
    </div>
  );

  return (
    <>
      {holder}
      <Popover
        trigger="click"
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          if (next) setWanted(true);
        }}
        // Keyboard users land in the panel when it opens; Escape brings them back to the bell.
        afterOpenChange={(opened) => {
          // The panel itself when nothing in it can take the focus yet (its list still loading).
          if (opened) (panel.current?.querySelector<HTMLElement>('a, button:not([disabled])') ?? panel.current)?.focus();
        }}
        placement="bottomRight"
        title={t('notice.title')}
        content={content}
      >
        <Badge count={unread} size="small" data-testid="notification-count">
          <Button
            ref={bell}
            aria-label={t('notice.bell', { count: unread })}
            aria-expanded={open}
            data-testid="notification-bell"
            icon={<BellIcon />}
          />
        </Badge>
      </Popover>
    </>
  );
}
