import type { DeadlineFieldsFragment } from '@redress/client-sdk';

/**
 * How a clock looks in a list: plenty of time, due soon (its reminder time has passed),
 * breached, or paused (waiting on the complainant). Provisional is shown on top of these.
 */
export type ClockState = 'ok' | 'dueSoon' | 'breached' | 'paused';

export interface ClockView {
  deadline: DeadlineFieldsFragment;
  state: ClockState;
  /** Due time minus now (ms), negative once past. */
  remainingMs: number;
}

/** The complaint's next clock: the open one (neither met nor cancelled) due first. Null when none runs. */
export function nextClock(deadlines: ReadonlyArray<DeadlineFieldsFragment>, nowMs: number): ClockView | null {
  const open = deadlines.filter((deadline) => !deadline.metAt && !deadline.cancelledAt);
  if (!open.length) return null;
  const deadline = open.reduce((first, next) => (Date.parse(next.dueAt) < Date.parse(first.dueAt) ? next : first));
  const remainingMs = Date.parse(deadline.dueAt) - nowMs;
  const state: ClockState = deadline.paused
    ? 'paused'
    : deadline.breached || remainingMs <= 0
      ? 'breached'
      : deadline.remindAt && Date.parse(deadline.remindAt) <= nowMs
        ? 'dueSoon'
        : 'ok';
  return { deadline, state, remainingMs };
}

/** A span as its two largest units: "2d 3h", "3h 12m", "12m 5s". */
export function formatSpan(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  if (days) return `${days}d ${hours}h`;
  if (hours) return `${hours}h ${minutes}m`;
  return `${minutes}m ${seconds}s`;
}
