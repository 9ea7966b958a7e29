import type { RedressClient } from '../client.js';
import { RedressError, TransportError } from '../errors.js';
import {
  ComplaintChangedDocument,
  ComplaintsDocument,
  type ComplaintFilter,
  type ComplaintOrder,
  type ComplaintSummaryFragment,
} from '../generated/graphql.js';
import { DEFAULT_ORDER, matchesFilter, positionOf } from './complaint-match.js';
import { liveChange } from './live-change.js';
import { QueueList, type ComplaintListPage } from './queue-list.js';
import { TaskQueue } from './task-queue.js';

export interface ComplaintQueueOptions {
  /** The `complaints` filter. */
  filter?: ComplaintFilter | undefined;
  /** The `complaints` order (default: newest received first). */
  orderBy?: ComplaintOrder | undefined;
  /** Page size, 1 to 100 (default 50): the first load and each `loadMore()`. */
  first?: number | undefined;
  /** Called with the list after the first load and after every change to it. */
  onChange(state: ComplaintQueueState): void;
  /** A live change or a reload that failed (the list is reloaded once after a failed change). */
  onError?(error: RedressError): void;
}

export interface ComplaintQueueState {
  /** The loaded complaints that match the filter, in the list's order. */
  complaints: ComplaintSummaryFragment[];
  /** How many complaints match the filter, loaded or not. */
  totalCount: number;
  /** More complaints match beyond the loaded ones: `loadMore()` fetches the next page. */
  hasMore: boolean;
}

export interface ComplaintQueue {
  state(): ComplaintQueueState;
  /** Fetches the next page and appends it. */
  loadMore(): Promise<void>;
  /** Loads the pages loaded so far again (also done on its own when events may have been missed). */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * A live complaint list: pages of `complaints` under a filter and order, kept current by
 * `complaintChanged`. Each changed complaint is checked against the filter again (by its
 * fields, or by the server when they cannot tell, e.g. for `text`): one that no longer
 * matches leaves the list, one that matches takes its place under the order, within the
 * loaded range or beyond it. When events may have been missed (the server's REFETCH, a
 * resumed connection), the loaded pages are read again.
 */
export async function watchComplaintQueue(client: RedressClient, options: ComplaintQueueOptions): Promise<ComplaintQueue> {
  const first = options.first ?? 50;
  const order = options.orderBy ?? DEFAULT_ORDER;
  const filter = options.filter ?? null;
  const tasks = new TaskQueue();
  let list = new QueueList(order);
  let stopped = false;
  let reloadQueued = false;
  let countQueued = false;

  const state = (): ComplaintQueueState => ({ complaints: [...list.rows], totalCount: list.totalCount, hasMore: list.hasMore });
  const publish = () => {
    if (!stopped) options.onChange(state());
  };
  const report = (error: unknown) => {
    if (stopped) return;
    options.onError?.(error instanceof RedressError ? error : new TransportError(String(error), { cause: error }));
  };

  const readPage = async (after: string | null, size = first, pageFilter = filter): Promise<ComplaintListPage> =>
    (await client.query(ComplaintsDocument, { filter: pageFilter, orderBy: order, first: size, after })).complaints;

  const reloadPages = async () => {
    const pages: ComplaintListPage[] = [];
    let after: string | null = null;
    for (let i = 0; i < Math.max(1, list.pagesLoaded); i++) {
      const page = await readPage(after);
      pages.push(page);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    list = QueueList.fromPages(order, pages);
    publish();
  };

  const requestReload = () => {
    if (reloadQueued || stopped) return;
    reloadQueued = true;
    tasks
      .run(async () => {
        reloadQueued = false;
        if (!stopped) await reloadPages();
      })
      .catch(report);
  };

  /** Whether the server lists the complaint under the filter: the list narrowed to the millisecond it was received. */
  const serverMatches = async (complaint: ComplaintSummaryFragment): Promise<boolean> => {
    const receivedAt = Date.parse(complaint.receivedAt);
    const narrowed: ComplaintFilter = {
      ...filter,
      receivedFrom: new Date(receivedAt).toISOString(),
      receivedTo: new Date(receivedAt + 1).toISOString(),
    };
    let after: string | null = null;
    for (;;) {
      const page = await readPage(after, 100, narrowed);
      if (page.edges.some((edge) => edge.node.id === complaint.id)) return true;
      if (!page.pageInfo.hasNextPage) return false;
      after = page.pageInfo.endCursor;
    }
  };

  const refreshCount = () => {
    if (countQueued) return;
    countQueued = true;
    tasks
      .run(async () => {
        countQueued = false;
        if (stopped) return;
        list.totalCount = (await readPage(null, 1)).totalCount;
        publish();
      })
      .catch(report);
  };

  const applyChange = async (complaint: ComplaintSummaryFragment) => {
    const index = list.indexOf(complaint.id);
    const listed = index >= 0 ? list.rows[index] : undefined;
    if (listed && listed.version >= complaint.version) return; // already shown, or newer
    const matches = matchesFilter(filter, complaint) ?? (await serverMatches(complaint));
    if (stopped) return;
    const inRange = matches ? list.withinLoaded(positionOf(complaint, order)) : false;
    if (inRange === undefined) return reloadPages();
    if (listed) list.rows.splice(list.indexOf(complaint.id), 1);
    if (inRange && !list.insert(complaint)) return reloadPages();
    if (listed) {
      // It was counted; it still is unless it left the filter.
      if (!matches) list.totalCount--;
    } else if (!list.hasMore) {
      // Every match is loaded, so it did not match before.
      if (matches) list.totalCount++;
    } else {
      // It may have been counted beyond the loaded pages: only the server knows.
      refreshCount();
    }
    publish();
  };

  const unsubscribe = client.subscribe(ComplaintChangedDocument, {
    // No filter: a filtered subscription sends nothing for a complaint that stops matching.
    next: ({ complaintChanged }) => {
      if (stopped) return;
      try {
        const change = liveChange(complaintChanged);
        if (change.kind === 'REFETCH') return requestReload();
        tasks
          .run(() => applyChange(change.complaint))
          .catch((error: unknown) => {
            report(error);
            requestReload();
          });
      } catch (error) {
        report(error);
        requestReload();
      }
    },
    refetch: requestReload,
    error: report,
  });

  try {
    await tasks.run(reloadPages);
  } catch (error) {
    stopped = true;
    unsubscribe();
    throw error;
  }

  return {
    state,
    loadMore: () =>
      tasks.run(async () => {
        if (stopped || !list.hasMore) return;
        list.append(await readPage(list.endCursor));
        publish();
      }),
    reload: () => tasks.run(reloadPages),
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}
