import { useEffect, useSyncExternalStore } from 'react';

/**
 * Whether the open page has drawn its main content (the queue its rows). Work of the frame
 * that no one waits for (the bell's unread count, inbox feed and pop-ups) starts after it, so
 * its requests and renders do not compete with the page's own first data. Pages that never
 * say so are treated as drawn after `FALLBACK_MS`.
 */
const FALLBACK_MS = 1500;

let shown = false;
const listeners = new Set<() => void>();

function markShown(): void {
  if (shown) return;
  shown = true;
  for (const listener of [...listeners]) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Called by a page once its main content is on screen (true), and harmlessly before that (false). */
export function usePageContentShown(drawn: boolean): void {
  useEffect(() => {
    if (!drawn) return;
    // After the browser has painted the content.
    const frame = requestAnimationFrame(() => setTimeout(markShown));
    return () => cancelAnimationFrame(frame);
  }, [drawn]);
}

/** True once the page said its content is drawn, or `FALLBACK_MS` after the caller first rendered. */
export function useAfterPageContent(): boolean {
  const drawn = useSyncExternalStore(subscribe, () => shown);
  useEffect(() => {
    if (shown) return;
    const timer = setTimeout(markShown, FALLBACK_MS);
    return () => clearTimeout(timer);
  }, []);
  return drawn;
}

/**
 * Runs `work` once the browser is idle (or after `timeoutMs` at the latest): for pop-ups that
 * should not take the moment in which the page draws the same live change.
 */
export function whenIdle(work: () => void, timeoutMs = 500): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(work, { timeout: timeoutMs });
  else setTimeout(work, 50);
}
