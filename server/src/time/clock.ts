import { DateTime } from 'luxon';

/**
 * Business time. Every deadline, timestamp and "today" the platform writes or decides on
 * comes from one Clock, passed to `startApp`; only purely technical times (log lines,
 * latency measurements, timeouts) read the system clock. Tests and demos run the platform
 * on a chosen date with a `SettableClock`.
 */
export interface Clock {
  now(): Date;
  /** Today's date (YYYY-MM-DD) in a time zone. */
  today(timeZone: string): string;
}

/** The local date (YYYY-MM-DD) of an instant in a time zone. */
export function dateIn(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate()!;
}

/** The system clock: what production runs on. */
export const systemClock: Clock = {
  now: () => new Date(),
  today: (timeZone) => dateIn(new Date(), timeZone),
};

/**
 * A clock that runs at the real pace from an instant of one's choosing, and can be set or
 * moved forward. Because it keeps ticking, timestamps of successive changes still differ and
 * sort in the order they were made, as on the system clock.
 */
export class SettableClock implements Clock {
  private offsetMs: number;

  constructor(start: Date) {
    this.offsetMs = start.getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  today(timeZone: string): string {
    return dateIn(this.now(), timeZone);
  }

  /** From now on the clock reads `instant`, and runs on from there. */
  set(instant: Date): void {
    this.offsetMs = instant.getTime() - Date.now();
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
