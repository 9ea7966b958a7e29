import {
  MarkNotificationsReadDocument,
  NotificationsDocument,
  UnreadNotificationCountDocument,
  type InboxNotificationFieldsFragment,
  type RedressClient,
} from '@redress/client-sdk';
import { useQuery, useQueryClient, type QueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useClient } from '../../api/data';
import { serverNow } from '../../api/server-clock';
import { useSession } from '../../api/session';
import { useT } from '../../i18n/i18n';

/**
 * The member's stored inbox, as the console keeps it in the query cache: the unread count and
 * lists of the latest notifications (unread first, newest first, as the server orders them).
 * The frame's subscription (use-inbox-feed.ts) puts each arriving notification into them.
 */
export type InboxItem = InboxNotificationFieldsFragment;

export interface InboxList {
  items: InboxItem[];
  total: number;
}

/** Whose inbox: the tenant and member of the sign-in; null for a sign-in outside an organisation. */
export function useInboxOwner(): string | null {
  const { viewer } = useSession();
  const tenantId = viewer?.tenant?.id;
  return tenantId && viewer ? `${tenantId}:${viewer.user.id}` : null;
}

export const inboxKey = (owner: string | null): QueryKey => ['inbox', owner];
const countKey = (owner: string | null): QueryKey => ['inbox', owner, 'unread'];
const listsKey = (owner: string | null): QueryKey => ['inbox', owner, 'list'];
const listKey = (owner: string | null, locale: string, size: number): QueryKey => ['inbox', owner, 'list', locale, size];

/** The number of unread notifications, kept current by the live feed. */
export function useUnreadCount(owner: string | null) {
  const client = useClient();
  return useQuery({
    queryKey: countKey(owner),
    queryFn: async () => (await client.query(UnreadNotificationCountDocument)).unreadNotificationCount,
    enabled: owner !== null,
  });
}

/** The latest `size` notifications (subjects in the viewer's language), kept current by the live feed; read once `wanted`. */
export function useInboxList(owner: string | null, size: number, wanted = true) {
  const client = useClient();
  const { locale } = useT();
  return useQuery({
    queryKey: listKey(owner, locale, size),
    queryFn: () => loadList(client, size),
    enabled: owner !== null && wanted,
  });
}

async function loadList(client: RedressClient, size: number): Promise<InboxList> {
  const { notifications } = await client.query(NotificationsDocument, { first: size });
  return { items: notifications.edges.map((edge) => edge.node), total: notifications.totalCount };
}

/** A notification that just arrived: first in every list (it is unread and the newest), and the count the server told. */
export function receiveNotification(queryClient: QueryClient, owner: string, item: InboxItem, unreadCount: number | null): void {
  if (unreadCount !== null) queryClient.setQueryData(countKey(owner), unreadCount);
  for (const [key, list] of queryClient.getQueriesData<InboxList>({ queryKey: listsKey(owner) })) {
    if (!list || list.items.some((existing) => existing.id === item.id)) continue;
    const size = Number(key[4]);
    queryClient.setQueryData<InboxList>(key, { items: [item, ...list.items].slice(0, size), total: list.total + 1 });
  }
}

/** Events may have been missed (a reconnect, the server's REFETCH): read the inbox again. */
export function reloadInbox(queryClient: QueryClient, owner: string): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: inboxKey(owner) });
}

/**
 * Marks notifications read (`'all'`: every unread one): shown read at once, the count from the
 * server's answer, then the lists read again in the server's order (unread first).
 */
export function useMarkRead(owner: string | null): (which: readonly string[] | 'all') => Promise<void> {
  const client = useClient();
  const queryClient = useQueryClient();
  return useCallback(
    async (which) => {
      if (!owner || (which !== 'all' && which.length === 0)) return;
      const readAt = new Date(serverNow()).toISOString();
      const marks = (item: InboxItem) => item.readAt === null && (which === 'all' || which.includes(item.id));
      queryClient.setQueriesData<InboxList>({ queryKey: listsKey(owner) }, (list) =>
        list ? { ...list, items: list.items.map((item) => (marks(item) ? { ...item, readAt } : item)) } : list,
      );
      const result = await client.mutate(MarkNotificationsReadDocument, {
        input: which === 'all' ? { all: true } : { ids: [...which] },
      });
      if (result.ok && result.data.unreadCount !== null) queryClient.setQueryData(countKey(owner), result.data.unreadCount);
      await queryClient.invalidateQueries({ queryKey: inboxKey(owner) });
    },
    [client, queryClient, owner],
  );
}

/** Where a notification leads: its complaint, the monthly reports, or nowhere. */
export function notificationTarget(item: InboxItem): string | null {
  if (item.complaint) return `/complaints/${item.complaint.id}`;
  if (item.event === 'MONTHLY_REPORT_READY') return '/analysis';
  return null;
}
