import type { Logger } from '../logging/logger';
import { LiveHub } from '../live/live-hub';
import { LiveListener } from '../live/live-listener';
import type { Platform } from './platform';

export interface Live {
  /** This process's fan-out of committed events to its subscribers. */
  hub: LiveHub;
  /** The connection that LISTENs for the events every process commits. */
  listener: LiveListener;
  stop(): Promise<void>;
}

/** Starts listening for committed events; fails when the database cannot be reached. */
export async function startLive(platform: Platform, logger: Logger): Promise<Live> {
  const hub = new LiveHub();
  const listener = new LiveListener(platform.database.runtimeSessionUrl, hub, logger.child({ component: 'live-listener' }));
  await listener.start();
  return { hub, listener, stop: () => listener.stop() };
}
