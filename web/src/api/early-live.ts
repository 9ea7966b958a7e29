import type { RedressClient } from '@redress/client-sdk';
import type { QueryClient, QueryKey } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';

/**
 * Live data started before the page that shows it has rendered (a page opened directly with a
 * stored session): its values go to the query cache at once, and the page's `useLive` takes
 * the running watch over instead of starting its own.
 */
interface EarlyLive {
  client: RedressClient;
  key: QueryKey;
  handle: Promise<{ stop(): void }>;
  /** Set once a page took it over; errors before that are kept for it. */
  fail: ((error: Error) => void) | null;
  errors: Error[];
}

const running = new Map<string, EarlyLive>();
/** Not taken over this long after the session is known: nobody shows it, stop it. */
const UNCLAIMED_MS = 10_000;

export function startLiveEarly<T>(
  client: RedressClient,
  queryClient: QueryClient,
  key: QueryKey,
  start: (client: RedressClient, push: (value: T) => void, fail: (error: Error) => void) => Promise<{ stop(): void }>,
): void {
  const hash = JSON.stringify(key);
  if (running.has(hash)) return;
  const entry: EarlyLive = { client, key, handle: Promise.resolve({ stop: () => undefined }), fail: null, errors: [] };
  const fail = (error: Error) => (entry.fail ? entry.fail(error) : entry.errors.push(error));
  entry.handle = start(client, (value) => queryClient.setQueryData(key, value), fail);
  entry.handle.catch((error: unknown) => fail(error instanceof Error ? error : new Error(String(error))));
  running.set(hash, entry);
}

/** The watch started early for this client and key, handed over once; its errors so far go to `fail` at once. */
export function claimLiveEarly(client: RedressClient, key: QueryKey, fail: (error: Error) => void): Promise<{ stop(): void }> | null {
  const hash = JSON.stringify(key);
  const entry = running.get(hash);
  if (!entry || entry.client !== client) return null;
  running.delete(hash);
  entry.fail = fail;
  for (const error of entry.errors.splice(0)) fail(error);
  return entry.handle.catch(() => ({ stop: () => undefined }));
}

function stop(hash: string, entry: EarlyLive, queryClient: QueryClient): void {
  running.delete(hash);
  void entry.handle.then(
    (handle) => handle.stop(),
    () => undefined,
  );
  queryClient.removeQueries({ queryKey: entry.key, exact: true });
}

/** The stored session turned out to be over: nothing fetched with its token stays. */
export function discardLiveEarly(queryClient: QueryClient): void {
  for (const [hash, entry] of [...running]) stop(hash, entry, queryClient);
}

/** The session is resumed: what no page takes over soon is stopped. */
export function expireUnclaimedLiveEarly(queryClient: QueryClient): void {
  if (!running.size) return;
  setTimeout(() => {
    for (const [hash, entry] of [...running]) stop(hash, entry, queryClient);
  }, UNCLAIMED_MS);
}

/** The page whose data was started early, and its code: drawn beside the resume once that code is in. */
let pageStartedEarly: { pathname: string; codeLoaded: boolean } | null = null;
const codeListeners = new Set<() => void>();

export function markPageStartedEarly(pathname: string, code: Promise<unknown>): void {
  const page = { pathname, codeLoaded: false };
  pageStartedEarly = page;
  void code.then(() => {
    page.codeLoaded = true;
    for (const listener of codeListeners) listener();
  });
}

/**
 * Whether `pathname` is the page opened at start whose data is already on its way, with its
 * code loaded (drawn before that, it would suspend, and React reveals it 300 ms late).
 */
export function useStartedEarly(pathname: string): boolean {
  return useSyncExternalStore(
    (listener) => {
      codeListeners.add(listener);
      return () => codeListeners.delete(listener);
    },
    () => pageStartedEarly?.pathname === pathname && pageStartedEarly.codeLoaded,
  );
}
