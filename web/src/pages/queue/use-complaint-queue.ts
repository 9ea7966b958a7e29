import { watchComplaintQueue, type ComplaintQueue, type ComplaintQueueState, type RedressClient } from '@redress/client-sdk';
import type { QueryKey } from '@tanstack/react-query';
import { useLive } from '../../api/data';
import { useT } from '../../i18n/i18n';
import type { Locale } from '../../i18n/i18n';
import type { QueueView } from './queue-url';

export const PAGE_SIZE = 50;

/** Where a view's queue is cached: per language (the server's labels) and view. */
export const queueKey = (locale: Locale, view: QueueView): QueryKey => ['complaint-queue', locale, view];

/** Starts watching a view's first page; each new state goes to `push`. */
export const watchQueueView =
  (view: QueueView) =>
  (client: RedressClient, push: (value: ComplaintQueueState) => void, fail: (error: Error) => void): Promise<ComplaintQueue> =>
    watchComplaintQueue(client, { filter: view.filter, orderBy: view.order, first: PAGE_SIZE, onChange: push, onError: fail });

/** The live queue for a view: loaded pages kept current by the SDK, cached per language and view. */
export function useComplaintQueue(view: QueueView) {
  const { locale } = useT();
  const live = useLive<ComplaintQueueState, ComplaintQueue>(queueKey(locale, view), watchQueueView(view));
  return { ...live, loadMore: () => live.handle.current?.loadMore() ?? Promise.resolve() };
}
