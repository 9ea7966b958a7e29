import { AuthError, type RedressClient } from '@redress/client-sdk';
import { skipToken, useQuery, useQueryClient, type QueryKey, type UseQueryResult } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useRef, useState, type MutableRefObject, type ReactNode } from 'react';
import { claimLiveEarly } from './early-live';
import { useSession } from './session';

const ClientContext = createContext<RedressClient | null>(null);

export function ClientProvider({ client, children }: { client: RedressClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

/** The SDK client of the signed-in user, in the console's language. */
export function useClient(): RedressClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}

/**
 * Something the SDK keeps current (watchComplaintQueue, watchComplaint…), held in the query
 * cache under `key`: `start` begins watching and pushes each new value; the watch stops when
 * the component goes or the key changes. Coming back to a page shows the cached value at once
 * while the watch starts again.
 */
export function useLive<T, H extends { stop(): void } = { stop(): void }>(
  key: QueryKey,
  start: (client: RedressClient, push: (value: T) => void, fail: (error: Error) => void) => Promise<H>,
): UseQueryResult<T> & { liveError: Error | null; handle: MutableRefObject<H | null> } {
  const client = useClient();
  const queryClient = useQueryClient();
  const { expire } = useSession();
  const [liveError, setLiveError] = useState<Error | null>(null);
  const handleRef = useRef<H | null>(null);
  const hash = JSON.stringify(key);
  useEffect(() => {
    let stopped = false;
    let handle: H | null = null;
    setLiveError(null);
    const fail = (error: Error) => {
      if (stopped) return;
      setLiveError(error);
      // A refused token ends the session: sign in again.
      if (error instanceof AuthError) expire();
    };
    // Started before this page rendered (router.tsx): take it over.
    const early = claimLiveEarly(client, key, fail) as Promise<H> | null;
    (
      early ??
      start(
        client,
        (value) => {
          if (!stopped) queryClient.setQueryData(key, value);
        },
        fail,
      )
    ).then(
      (started) => {
        if (stopped) started.stop();
        else handle = handleRef.current = started;
      },
      (error: unknown) => {
        if (!stopped) setLiveError(error instanceof Error ? error : new Error(String(error)));
      },
    );
    return () => {
      stopped = true;
      handle?.stop();
      handleRef.current = null;
    };
    // The key's content decides; `start` is a fresh closure each render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, queryClient, expire, hash]);
  return { ...useQuery<T>({ queryKey: key, queryFn: skipToken, staleTime: Infinity }), liveError, handle: handleRef };
}
