import type { RedressClient } from '../client.js';
import { GraphQLRequestError, RedressError, TransportError } from '../errors.js';
import {
  ComplaintDocument,
  ComplaintEventsDocument,
  type ComplaintDetailFragment,
  type ComplaintEventFieldsFragment,
} from '../generated/graphql.js';
import { liveChange } from './live-change.js';
import { TaskQueue } from './task-queue.js';

export interface ComplaintPageOptions {
  /**
   * Called with the complaint after the first load and after every change: with the event
   * that changed it when a live event did, without one after a (re)load. Null when there is
   * no such complaint or the viewer may not see it (any more).
   */
  onChange(complaint: ComplaintDetailFragment | null, event?: ComplaintEventFieldsFragment): void;
  onError?(error: RedressError): void;
}

export interface ComplaintPage {
  complaint(): ComplaintDetailFragment | null;
  /** Loads the complaint again (also done on its own when events may have been missed). */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * One complaint, kept current: loaded with `complaint(id)`, then each event of
 * `complaintEvents` brings the whole detail, so nothing is read again per event. When events
 * may have been missed (the server's REFETCH, a resumed connection), it is loaded again.
 */
export async function watchComplaint(client: RedressClient, id: string, options: ComplaintPageOptions): Promise<ComplaintPage> {
  const tasks = new TaskQueue();
  let current: ComplaintDetailFragment | null = null;
  let stopped = false;
  let reloadQueued = false;
  let unsubscribe: () => void = () => undefined;

  const report = (error: unknown) => {
    if (!stopped) options.onError?.(error instanceof RedressError ? error : new TransportError(String(error), { cause: error }));
  };
  const show = (complaint: ComplaintDetailFragment | null, event?: ComplaintEventFieldsFragment) => {
    current = complaint;
    if (stopped) return;
    if (event) options.onChange(complaint, event);
    else options.onChange(complaint);
  };
  const load = async () => {
    const { complaint } = await client.query(ComplaintDocument, { id });
    show(complaint);
    // Nothing to follow: the events of a complaint one may not see are not sent.
    if (!complaint) unsubscribe();
  };
  const requestReload = () => {
    if (reloadQueued || stopped) return;
    reloadQueued = true;
    tasks
      .run(async () => {
        reloadQueued = false;
        if (!stopped) await load();
      })
      .catch(report);
  };

  unsubscribe = client.subscribe(ComplaintEventsDocument, {
    variables: { complaintId: id },
    next: ({ complaintEvents }) => {
      try {
        const change = liveChange(complaintEvents);
        if (change.kind === 'REFETCH') return requestReload();
        tasks
          .run(async () => {
            // An event older than what is shown (a reload read past it) changes nothing.
            if (current && current.version >= change.complaint.version) return;
            show(change.complaint, change.event);
          })
          .catch(report);
      } catch (error) {
        report(error);
        requestReload();
      }
    },
    refetch: requestReload,
    error: (error) => {
      // The server refuses to follow a complaint that does not exist or is not visible: the page shows none.
      if (error instanceof GraphQLRequestError && error.code === 'NOT_FOUND') {
        tasks.run(async () => (current ? show(null) : undefined)).catch(report);
        return;
      }
      report(error);
    },
  });

  try {
    await tasks.run(load);
  } catch (error) {
    stopped = true;
    unsubscribe();
    throw error;
  }

  return {
    complaint: () => current,
    reload: () => tasks.run(load),
    stop: () => {
      stopped = true;
      unsubscribe();
    },
  };
}
