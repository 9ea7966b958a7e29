import { watchComplaintQueue, type ComplaintQueue, type ComplaintQueueState } from '@redress/client-sdk';
import { useRef } from 'react';
import { useLive } from '../../api/data';
import { useT } from '../../i18n/i18n';
import type { QueueView } from './queue-url';

export const PAGE_SIZE = 50;

/** The live queue for a view: loaded pages kept current by the SDK, cached per language and view. */
export function useComplaintQueue(view: QueueView) {
  const { locale } = useT();
  const queue = useRef<ComplaintQueue | null>(null);
  const live = useLive<ComplaintQueueState>(['complaint-queue', locale, view], async (client, push, fail) => {
    const started = await watchComplaintQueue(client, {
      filter: view.filter,
      orderBy: view.order,
      first: PAGE_SIZE,
      onChange: push,
      onError: fail,
    });
    queue.current = started;
    return started;
  });
  return { ...live, loadMore: () => queue.current?.loadMore() ?? Promise.resolve() };
}
