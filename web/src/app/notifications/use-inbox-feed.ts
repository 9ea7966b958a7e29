import { NotificationReceivedDocument } from '@redress/client-sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/data';
import { receiveNotification, reloadInbox, type InboxItem } from './inbox';

/**
 * Listens, for the whole sign-in, to `notificationReceived` and puts each notification into
 * the cached inbox (inbox.ts); `onNew` is told of each. A REFETCH, or a resumed connection,
 * reads the inbox again.
 */
export function useInboxFeed(owner: string | null, onNew: (item: InboxItem) => void): void {
  const client = useClient();
  const queryClient = useQueryClient();
  const tell = useRef(onNew);
  tell.current = onNew;

  useEffect(() => {
    if (!owner) return;
    const reload = () => void reloadInbox(queryClient, owner);
    return client.subscribe(NotificationReceivedDocument, {
      next: ({ notificationReceived: received }) => {
        if (received.kind !== 'CHANGE' || !received.notification) return reload();
        receiveNotification(queryClient, owner, received.notification, received.unreadCount);
        tell.current(received.notification);
      },
      refetch: reload,
    });
  }, [client, queryClient, owner]);
}
