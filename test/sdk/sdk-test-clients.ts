import WebSocket from 'ws';
import { createClient, fileComplaint, type ComplaintDetailFragment, type RedressClient } from '@redress/client-sdk';
import { waitFor } from '../support/live-client';
import type { TestServer } from '../support/test-server';

/** The operation names a client sent over HTTP, in order. */
export type RequestLog = string[];

/** SDK clients over real HTTP and WebSocket, each logging the operations it sends; disposed together. */
export function sdkClients(server: () => TestServer) {
  const made: RedressClient[] = [];
  return {
    client(token: string, log: RequestLog = []): RedressClient {
      const client = createClient({
        url: server().url,
        token,
        webSocketImpl: WebSocket,
        fetch: (url, init) => {
          log.push((JSON.parse(String(init.body)) as { operationName?: string }).operationName ?? '');
          return fetch(url, init);
        },
      });
      made.push(client);
      return client;
    },
    async disposeAll(): Promise<void> {
      await Promise.all(made.splice(0).map((client) => client.dispose()));
    },
  };
}

export async function fileOne(client: RedressClient, description: string): Promise<ComplaintDetailFragment> {
  const filed = await fileComplaint(client, {
    channel: 'PHONE',
    description,
    demands: ['EXPLANATION'],
    complainant: { name: 'Zhao Liu', phone: '13700000001' },
  });
  if (!filed.ok) throw new Error(`filing failed: ${JSON.stringify(filed.errors)}`);
  return filed.data.complaint;
}

/** Waits until the server has registered `count` live subscriptions. */
export async function subscribers(server: TestServer, count: number): Promise<void> {
  await waitFor(() => server.app.live.hub.subscriberCount === count, 10000, `${count} live subscriptions`);
}
