import {
  createClient,
  watchComplaintStatus,
  type ConnectionState,
  type PublicComplaintStatusFieldsFragment,
  type RedressClient,
} from '@redress/client-sdk';
import { useCallback, useEffect, useState } from 'react';
import { GRAPHQL_URL } from '../api';
import type { Locale } from '../i18n';

export type ComplaintStatusView = PublicComplaintStatusFieldsFragment;

export type StatusState =
  { state: 'loading' } | { state: 'ready'; status: ComplaintStatusView } | { state: 'missing' } | { state: 'failed'; error: unknown };

/**
 * One complaint's public status, kept current over the WebSocket (`watchComplaintStatus`) on a
 * client that holds the complainant's tracking code for that connection only. `client` is for
 * the page's own mutations (survey, message); `show` takes the status they answer with.
 */
export function useComplaintStatus(
  slug: string,
  code: string,
  locale: Locale,
  attempt: number,
): { loaded: StatusState; connection: ConnectionState; client: RedressClient | null; show(status: ComplaintStatusView): void } {
  const [loaded, setLoaded] = useState<StatusState>({ state: 'loading' });
  const [connection, setConnection] = useState<ConnectionState>('idle');
  const [client, setClient] = useState<RedressClient | null>(null);

  useEffect(() => {
    const tracked = { tenantSlug: slug, trackingCode: code };
    const live = createClient({ url: GRAPHQL_URL, locale, complainant: tracked });
    setClient(live);
    // Another language keeps the status shown until its labels arrive; another code starts afresh.
    setLoaded((current) => (current.state === 'ready' && current.status.trackingCode === code ? current : { state: 'loading' }));
    let stopped = false;
    let stop = () => undefined as void;
    const unlisten = live.onConnectionChange((state) => setConnection(state));
    watchComplaintStatus(live, tracked, {
      onChange: (status) => {
        if (!stopped) setLoaded(status ? { state: 'ready', status } : { state: 'missing' });
      },
      onError: (error) => {
        // A live error once the complaint is known leaves what is shown; the connection's state tells the rest.
        if (!stopped) setLoaded((current) => (current.state === 'loading' ? { state: 'failed', error } : current));
      },
    }).then(
      (page) => {
        if (stopped) page.stop();
        else stop = page.stop;
      },
      (error: unknown) => {
        if (!stopped) setLoaded({ state: 'failed', error });
      },
    );
    return () => {
      stopped = true;
      stop();
      unlisten();
      void live.dispose();
    };
  }, [slug, code, locale, attempt]);

  const show = useCallback((status: ComplaintStatusView) => setLoaded({ state: 'ready', status }), []);
  return { loaded, connection, client, show };
}
