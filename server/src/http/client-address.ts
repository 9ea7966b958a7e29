import type { IncomingMessage } from 'node:http';

/**
 * The address a request came from. The socket's remote address, unless `trustProxy` says
 * how many reverse proxies in front of the server append to X-Forwarded-For: then the entry
 * the outermost trusted proxy appended (counted from the right), which a client cannot forge.
 * A client's own X-Forwarded-For is ignored when no proxy is trusted.
 */
export function clientAddress(request: IncomingMessage, trustProxy: number): string {
  const socketAddress = normalise(request.socket.remoteAddress ?? 'unknown');
  if (trustProxy <= 0) return socketAddress;
  const header = request.headers['x-forwarded-for'];
  const hops = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // [client, proxy1, …, proxyN-1] + the socket (proxy N): the Nth address from the right.
  const chosen = hops[hops.length - trustProxy];
  return chosen ? normalise(chosen) : hops[0] ? normalise(hops[0]) : socketAddress;
}

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
function normalise(address: string): string {
  return address.startsWith('::ffff:') ? address.slice(7) : address.toLowerCase();
}
