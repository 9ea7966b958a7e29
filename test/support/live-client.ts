import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

/** What one subscription has received so far, and ways to wait for more. */
export interface LiveSubscription {
  results: any[];
  completed: boolean;
  /** The n-th result (0-based), waiting for it up to `timeoutMs`. */
  nth(index: number, timeoutMs?: number): Promise<any>;
  /** Waits `ms` and fails if anything beyond the first `count` results arrived. */
  expectNoMoreThan(count: number, ms?: number): Promise<void>;
  /** Resolves once the server completed the subscription. */
  done(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

export interface LiveClient {
  client: Client;
  /** Sends a subscription; see `waitForSubscribers` for knowing when the server has registered it. */
  subscribe(query: string, variables?: Record<string, unknown>): Promise<LiveSubscription>;
  close(): Promise<void>;
  /** The close code once the server closed the connection, else null. */
  closeCode(): number | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/**
 * A graphql-ws client over a real WebSocket; `connectionParams` carry the credentials, and
 * `headers` go with the upgrade request (as a browser sends Accept-Language).
 */
export async function connectLive(
  httpUrl: string,
  connectionParams: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LiveClient> {
  let closeCode: number | null = null;
  let connected = false;
  const client = createClient({
    url: httpUrl.replace(/^http/, 'ws'),
    webSocketImpl: class extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols, { headers });
      }
    },
    connectionParams,
    retryAttempts: 0,
    lazy: false,
    // Closes are observed through `closeCode()` and the subscriptions' results.
    onNonLazyError: () => undefined,
    on: {
      connected: () => (connected = true),
      closed: (event: any) => (closeCode = event?.code ?? null),
    },
  });
  await waitFor(() => connected || closeCode !== null, 5000, 'the connection');
  if (!connected) {
    await client.dispose();
    throw Object.assign(new Error(`connection refused with close code ${closeCode}`), { code: closeCode });
  }
  return {
    client,
    async subscribe(query, variables = {}) {
      const subscription: LiveSubscription = {
        results: [],
        completed: false,
        async nth(index, timeoutMs = 10000) {
          await waitFor(() => subscription.results.length > index, timeoutMs, `result #${index + 1} of ${query.slice(0, 60)}`);
          return subscription.results[index];
        },
        async expectNoMoreThan(count, ms = 400) {
          await sleep(ms);
          if (subscription.results.length > count) {
            throw new Error(`expected ${count} results, got ${JSON.stringify(subscription.results.slice(count))}`);
          }
        },
        async done(timeoutMs = 10000) {
          await waitFor(() => subscription.completed, timeoutMs, 'completion');
        },
        unsubscribe: () => undefined,
      };
      subscription.unsubscribe = client.subscribe(
        { query, variables },
        {
          next: (value) => subscription.results.push(value),
          error: (error) => {
            subscription.results.push({ transportError: error });
            subscription.completed = true;
          },
          complete: () => (subscription.completed = true),
        },
      );
      return subscription;
    },
    close: async () => {
      await client.dispose();
    },
    closeCode: () => closeCode,
  };
}

/** Waits until the server process has `count` live subscribers registered in its hub. */
export async function waitForSubscribers(hub: { subscriberCount: number }, count: number, timeoutMs = 10000): Promise<void> {
  await waitFor(() => hub.subscriberCount === count, timeoutMs, `${count} subscribers (have ${hub.subscriberCount})`);
}

export { waitFor, sleep };
