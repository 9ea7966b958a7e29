import { Client } from 'pg';
import type { Logger } from '../logging/logger';
import { LIVE_CHANNEL, parseLiveEvent } from './live-events';
import type { LiveHub } from './live-hub';

export interface LiveListenerOptions {
  /** First wait before reconnecting; doubled on each failed attempt up to `maxRetryDelayMs`. */
  minRetryDelayMs?: number;
  maxRetryDelayMs?: number;
}

/**
 * The one dedicated connection of a server process that LISTENs for committed events and
 * hands them to the process's hub. When the connection is lost it reconnects (with growing
 * pauses) and then tells every subscriber to refetch, since events of the gap are gone.
 */
export class LiveListener {
  private client: Client | null = null;
  private stopped = false;
  private reconnecting = false;
  /** Backend process id of the listening connection (null while disconnected). */
  pid: number | null = null;
  reconnects = 0;

  constructor(
    private readonly url: string,
    private readonly hub: LiveHub,
    private readonly logger: Logger,
    private readonly options: LiveListenerOptions = {},
  ) {}

  /** Connects and starts listening; fails when the database cannot be reached at start. */
  async start(): Promise<void> {
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    const client = this.client;
    this.client = null;
    this.pid = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'redress-live' });
    client.on('notification', (message) => {
      if (message.channel !== LIVE_CHANNEL) return;
      const parsed = parseLiveEvent(message.payload);
      if (parsed.ok) this.hub.publish(parsed.event);
      else {
        const type = typeof parsed.type === 'string' ? parsed.type.slice(0, 100) : (parsed.type ?? null);
        this.logger.warn(
          { type, problem: parsed.problem, payload: message.payload?.slice(0, 200) },
          'ignored a live notification that is not a known event',
        );
      }
    });
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, null));
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      if (this.stopped) throw new Error('stopped');
      this.client = client;
      this.pid = rows[0].pid;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  private lost(client: Client, error: Error | null): void {
    if (client !== this.client || this.stopped) return;
    this.client = null;
    this.pid = null;
    this.logger.warn({ err: error ?? undefined }, 'live listener lost its database connection; reconnecting');
    client.end().catch(() => undefined);
    void this.reconnect();
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    let delay = this.options.minRetryDelayMs ?? 100;
    const maxDelay = this.options.maxRetryDelayMs ?? 5000;
    try {
      while (!this.stopped) {
        await new Promise((resolve) => setTimeout(resolve, delay).unref());
        if (this.stopped) return;
        try {
          await this.connect();
          this.reconnects++;
          this.logger.info({ reconnects: this.reconnects }, 'live listener reconnected; subscribers are told to refetch');
          this.hub.resync();
          return;
        } catch (error) {
          if (this.stopped) return;
          this.logger.warn({ err: error, retryInMs: delay }, 'live listener could not reconnect yet');
          delay = Math.min(delay * 2, maxDelay);
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }
}
