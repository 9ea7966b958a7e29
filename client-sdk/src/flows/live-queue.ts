import type { RedressClient } from '../client.js';
import type { RedressError } from '../errors.js';
import { ComplaintChangedDocument, ComplaintsDocument, type ComplaintFilter, type ComplaintSummaryFragment } from '../generated/graphql.js';

export interface ComplaintQueueOptions {
  /** The `complaints` filter; the live feed uses the same one. */
  filter?: ComplaintFilter;
  /** How many complaints the list holds (newest first), at most 100. */
  first?: number;
  /** Called with the list, newest first, after the first load and after every change. */
  onChange(complaints: ComplaintSummaryFragment[]): void;
  onError?(error: RedressError): void;
}

export interface ComplaintQueue {
  /** The list as it is now. */
  complaints(): ComplaintSummaryFragment[];
  /** Loads the list again (also done on its own when the server asks clients to refetch). */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * A live complaint list: one page of `complaints`, kept current by `complaintChanged` with
 * the same filter. A changed complaint replaces its row (or is added at the top); when the
 * server says events may have been missed (`kind: REFETCH`), the page is loaded again.
 */
export async function watchComplaintQueue(client: RedressClient, options: ComplaintQueueOptions): Promise<ComplaintQueue> {
  const first = options.first ?? 50;
  let rows: ComplaintSummaryFragment[] = [];
  const publish = () => options.onChange([...rows]);
  const reload = async () => {
    const page = await client.query(ComplaintsDocument, { filter: options.filter, first });
    rows = page.complaints.edges.map((edge) => edge.node);
    publish();
  };
  const stop = client.subscribe(ComplaintChangedDocument, {
    variables: { filter: options.filter },
    next: ({ complaintChanged }) => {
      if (complaintChanged.kind === 'REFETCH' || !complaintChanged.complaint) {
        reload().catch((error: RedressError) => options.onError?.(error));
        return;
      }
      const changed = complaintChanged.complaint;
      rows = [changed, ...rows.filter((row) => row.id !== changed.id)].slice(0, first);
      publish();
    },
    error: (error) => options.onError?.(error),
  });
  try {
    await reload();
  } catch (error) {
    stop();
    throw error;
  }
  return { complaints: () => [...rows], reload, stop };
}
