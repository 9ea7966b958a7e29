import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

/**
 * How long a connection that has not carried a request yet may wait for one once the server
 * stops, before it is closed. A load balancer that opens a connection sends its request at
 * once; one accepted just before the listener closed gets this long for its request to
 * arrive, and is then served. A kept-alive connection that has served requests and is idle is
 * closed at once, as by Node's own `server.close()`.
 */
export const DRAIN_SETTLE_MS = 500;
const DRAIN_CHECK_MS = 50;

interface ConnectionState {
  /** Requests on it whose responses are not done. */
  active: number;
  /** Requests it has carried. */
  served: number;
  /** When it was opened. */
  openedAt: number;
}

export interface HttpDrain {
  /**
   * Stops listening and waits for the requests in flight to be answered. A connection is never
   * closed under a request it has read: an idle one is closed at once, or, when it has not
   * carried a request yet, after DRAIN_SETTLE_MS of the drain; responses meanwhile carry
   * `Connection: close`. Past `graceMs` whatever is left is cut.
   * Resolves with true when everything ended on its own.
   */
  drain(graceMs: number): Promise<boolean>;
}

/**
 * Graceful stopping of an HTTP server whose clients include a load balancer (nginx retrying a
 * request on another process when this one refuses or drops it): every request either runs to
 * its answer or is never read, so a request retried elsewhere was not carried out here.
 *
 * Node's own `server.close()` also closes idle connections at once, which is safe (their
 * unread bytes are discarded, not served), but a request already on its way to a connection
 * just accepted would be refused and left to the balancer to retry; here it is served.
 */
export function trackForDrain(server: Server): HttpDrain {
  const connections = new Map<Socket, ConnectionState>();
  let draining = false;
  server.on('connection', (socket: Socket) => {
    connections.set(socket, { active: 0, served: 0, openedAt: performance.now() });
    socket.once('close', () => connections.delete(socket));
  });
  // Ahead of the application's own listener, which may answer at once.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const state = connections.get(req.socket);
    if (!state) return;
    state.active += 1;
    state.served += 1;
    if (draining) res.setHeader('connection', 'close');
    res.once('close', () => {
      state.active -= 1;
    });
  });
  // No 'upgrade' listener here: one would make Node hand upgrades to it once the WebSocket
  // server has gone. WebSockets are closed before the drain; what is left of them is idle.

  return {
    async drain(graceMs) {
      draining = true;
      const started = performance.now();
      const closed = new Promise<void>((resolve) => NetServer.prototype.close.call(server, () => resolve()));
      const deadline = performance.now() + graceMs;
      while (connections.size > 0 && performance.now() < deadline) {
        const now = performance.now();
        for (const [socket, state] of connections) {
          if (state.active > 0) continue;
          if (state.served > 0 || now - Math.max(state.openedAt, started) >= DRAIN_SETTLE_MS) socket.destroy();
        }
        await new Promise((resolve) => setTimeout(resolve, DRAIN_CHECK_MS));
      }
      const gracefully = connections.size === 0;
      for (const socket of connections.keys()) socket.destroy();
      await closed;
      return gracefully;
    },
  };
}
