import {
  createClient,
  watchComplaintStatus,
  type ComplaintStatusPage,
  type ConnectionState,
  type PublicComplaintStatusFieldsFragment,
  type RedressClient,
} from '@redress/client-sdk';
import { useCallback, useEffect, useRef, useState } from 'react';
import { GRAPHQL_URL } from '../api';
import type { Locale } from '../i18n';

export type ComplaintStatusView = PublicComplaintStatusFieldsFragment;

export type StatusState =
  { state: 'loading' } | { state: 'ready'; status: ComplaintStatusView } | { state: 'missing' } | { state: 'failed'; error: unknown };

/** Read the status again this long before its files' links expire. */
const LINK_MARGIN_MS = 30_000;

/**
 * When the first of the status's file links (download and thumbnail URLs) expires, in ms since
 * the epoch; null without any. The signed URLs carry it (`expires`, Unix seconds).
 */
export function linksExpireAt(status: ComplaintStatusView): number | null {
  const times = status.evidence
    .flatMap((file) => [file.downloadUrl, file.thumbnailUrl])
    .flatMap((url) => {
      const expires = url ? Number(new URL(url, window.location.origin).searchParams.get('expires')) : NaN;
      return Number.isFinite(expires) && expires > 0 ? [expires * 1000] : [];
    });
  return times.length ? Math.min(...times) : null;
}

/**
 * One complaint's public status, kept current over the WebSocket (`watchComplaintStatus`) on a
 * client that holds the complainant's tracking code for that connection only. `client` is for
 * the page's own mutations (survey, message); `show` takes the status they answer with. The
 * status is read again before its files' short-lived links expire (and when the page is shown
 * again after they did), so that a link is always one that opens.
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
  const page = useRef<ComplaintStatusPage | null>(null);

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
      (watched) => {
        if (stopped) watched.stop();
        else {
          stop = watched.stop;
          page.current = watched;
        }
      },
      (error: unknown) => {
        if (!stopped) setLoaded({ state: 'failed', error });
      },
    );
    return () => {
      stopped = true;
      page.current = null;
      stop();
      unlisten();
      void live.dispose();
    };
  }, [slug, code, locale, attempt]);

  const expiry = loaded.state === 'ready' ? linksExpireAt(loaded.status) : null;
  useEffect(() => {
    if (expiry === null) return;
    // At least a minute apart, whatever the device's clock says.
    const delay = Math.min(Math.max(expiry - Date.now() - LINK_MARGIN_MS, 60_000), 3_600_000);
    const timer = setTimeout(() => void page.current?.reload(), delay);
    const shown = () => {
      if (document.visibilityState === 'visible' && expiry - Date.now() < LINK_MARGIN_MS) void page.current?.reload();
    };
    document.addEventListener('visibilitychange', shown);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', shown);
    };
  }, [expiry]);

  const show = useCallback((status: ComplaintStatusView) => setLoaded({ state: 'ready', status }), []);
  return { loaded, connection, client, show };
}
