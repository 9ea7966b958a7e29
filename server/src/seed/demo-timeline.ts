import { DateTime } from 'luxon';
import { SettableClock, type Clock } from '../time/clock';

/** When a demo step happens: whole days before the seeding day at a local time, or hours before the seeding instant. */
export type DemoMoment = { daysAgo: number; at: string } | { hoursAgo: number };

/**
 * The seed's own business clock. Every seeding transaction runs on it, and it is set to each
 * step's instant before the step runs, so the platform records the demo history as if it had
 * happened then. Instants are relative to `now` (the server's clock as seeding starts) and
 * never after it.
 */
export class DemoTimeline {
  readonly clock: SettableClock;
  readonly now: Date;

  constructor(
    serverClock: Clock,
    readonly timeZone: string,
  ) {
    this.now = serverClock.now();
    this.clock = new SettableClock(this.now);
  }

  /** The instant of a moment; one a little before now when the local time of today has not come yet. */
  instant(moment: DemoMoment): Date {
    const latest = this.now.getTime() - 60_000;
    if ('hoursAgo' in moment) return new Date(Math.min(latest, this.now.getTime() - moment.hoursAgo * 3_600_000));
    const [hour, minute] = moment.at.split(':').map(Number);
    const local = DateTime.fromJSDate(this.now, { zone: this.timeZone })
      .minus({ days: moment.daysAgo })
      .set({ hour, minute, second: 0, millisecond: 0 });
    return new Date(Math.min(latest, local.toMillis()));
  }

  /** The first instant of the current month in the tenant's time zone, and that month's predecessor (YYYY-MM). */
  monthStart(): { start: Date; previousMonth: string } {
    const start = DateTime.fromJSDate(this.now, { zone: this.timeZone }).startOf('month');
    return { start: start.toJSDate(), previousMonth: start.minus({ months: 1 }).toFormat('yyyy-MM') };
  }

  set(instant: Date): void {
    this.clock.set(instant);
  }
}
