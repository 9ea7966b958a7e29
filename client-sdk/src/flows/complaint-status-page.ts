import type { RedressClient } from '../client.js';
import type { RedressError } from '../errors.js';
import { ComplaintStatusChangedDocument, ComplaintStatusDocument, type PublicComplaintStatusFieldsFragment } from '../generated/graphql.js';
import { followRecord } from './live-record.js';

/** A complaint as its complainant finds it: the organisation and the tracking code they kept. */
export interface TrackedComplaint {
  tenantSlug: string;
  trackingCode: string;
}

export interface ComplaintStatusPageOptions {
  /** Called with the public status after the first load and after every change; null for an unknown organisation or code. */
  onChange(status: PublicComplaintStatusFieldsFragment | null): void;
  onError?(error: RedressError): void;
}

export interface ComplaintStatusPage {
  status(): PublicComplaintStatusFieldsFragment | null;
  /** Loads the status again (also done on its own after a resumed connection). */
  reload(): Promise<void>;
  stop(): void;
}

/**
 * The complainant's status page, kept current without an account: loaded with
 * `complaintStatus`, then followed with `complaintStatusChanged`. The client must be created
 * with `complainant: { tenantSlug, trackingCode }` for the same complaint (the server lets such
 * a connection follow only the complaint it was opened for). After a resumed connection the
 * status is loaded again.
 */
export async function watchComplaintStatus(
  client: RedressClient,
  tracked: TrackedComplaint,
  options: ComplaintStatusPageOptions,
): Promise<ComplaintStatusPage> {
  const variables = { tenantSlug: tracked.tenantSlug, trackingCode: tracked.trackingCode };
  const page = await followRecord<PublicComplaintStatusFieldsFragment, never>(
    {
      load: async () => (await client.query(ComplaintStatusDocument, variables)).complaintStatus,
      follow: (sink) =>
        client.subscribe(ComplaintStatusChangedDocument, {
          variables,
          next: ({ complaintStatusChanged }) => sink.change(complaintStatusChanged),
          refetch: sink.reload,
          error: sink.error,
        }),
      // The public history only grows: a status with a shorter one is older than what is shown.
      isOlder: (next, shown) => next.history.length < shown.history.length,
    },
    (status) => options.onChange(status),
    options.onError,
  );
  return { status: page.current, reload: page.reload, stop: page.stop };
}
