import type { RedressClient } from '../client.js';
import type { RedressError } from '../errors.js';
import {
  ComplaintDocument,
  ComplaintEventsDocument,
  type ComplaintDetailFragment,
  type ComplaintEventFieldsFragment,
} from '../generated/graphql.js';
import { liveChange } from './live-change.js';
import { followRecord } from './live-record.js';

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
  const page = await followRecord<ComplaintDetailFragment, ComplaintEventFieldsFragment>(
    {
      load: async () => (await client.query(ComplaintDocument, { id })).complaint,
      follow: (sink) =>
        client.subscribe(ComplaintEventsDocument, {
          variables: { complaintId: id },
          next: ({ complaintEvents }) => {
            let change;
            try {
              change = liveChange(complaintEvents);
            } catch (error) {
              sink.error(error as RedressError);
              return sink.reload();
            }
            if (change.kind === 'REFETCH') sink.reload();
            else sink.change(change.complaint, change.event);
          },
          refetch: sink.reload,
          error: sink.error,
        }),
      isOlder: (next, shown) => next.version <= shown.version,
    },
    (complaint, event) => (event ? options.onChange(complaint, event) : options.onChange(complaint)),
    options.onError,
  );
  return { complaint: page.current, reload: page.reload, stop: page.stop };
}
