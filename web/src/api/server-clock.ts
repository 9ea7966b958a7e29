import { ServerTimeDocument, type RedressClient } from '@redress/client-sdk';
import { useEffect, useState, useSyncExternalStore } from 'react';

/** How far the server's business clock is ahead of this device's (ms); 0 until measured. */
let offsetMs = 0;
const RESYNC_MS = 5 * 60 * 1000;

async function measure(client: RedressClient): Promise<void> {
  const sent = Date.now();
  const { serverTime } = await client.query(ServerTimeDocument);
  const received = Date.now();
  // The server read its clock about halfway through the round trip.
  offsetMs = Date.parse(serverTime) - (sent + received) / 2;
}

/**
 * Deadlines count down on the server's clock, never the device's: measures the offset now
 * and again every few minutes. Resolves once the first measurement is in (or failed).
 */
export function syncServerClock(client: RedressClient): { ready: Promise<void>; stop(): void } {
  const ready = measure(client).catch(() => undefined);
  const timer = setInterval(() => void measure(client).catch(() => undefined), RESYNC_MS);
  return { ready, stop: () => clearInterval(timer) };
}

/** The server's time now, in ms since the epoch. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}

/** The server's time, re-rendering every `everyMs` (default a second) for countdowns. */
export function useServerNow(everyMs = 1000): number {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    const timer = setInterval(() => setNow(serverNow()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** One ticker for many countdowns: each second, while anything listens. */
const secondListeners = new Set<() => void>();
let secondTimer: ReturnType<typeof setInterval> | undefined;
let secondNow = serverNow();

function listenEverySecond(listener: () => void): () => void {
  secondListeners.add(listener);
  if (!secondTimer) {
    secondNow = serverNow();
    secondTimer = setInterval(() => {
      secondNow = serverNow();
      for (const notify of secondListeners) notify();
    }, 1000);
  }
  return () => {
    secondListeners.delete(listener);
    if (!secondListeners.size) {
      clearInterval(secondTimer);
      secondTimer = undefined;
    }
  };
}

/** While the ticker is stopped, a value at most a second old (a snapshot must not change on every read). */
function currentSecond(): number {
  if (!secondTimer && Math.abs(serverNow() - secondNow) >= 1000) secondNow = serverNow();
  return secondNow;
}

/**
 * The server's time to the second, shared by every caller: a long list of countdowns
 * re-renders its clocks only, together, once a second (not the list around them).
 */
export function useServerSecond(): number {
  return useSyncExternalStore(listenEverySecond, currentSecond);
}
