import type { IncomingMessage } from 'node:http';
import { clientAddress } from '../../server/src/http/client-address';

const request = (remoteAddress: string, forwardedFor?: string) =>
  ({
    socket: { remoteAddress },
    headers: forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor },
  }) as unknown as IncomingMessage;

describe('clientAddress', () => {
  it('takes the socket address and ignores X-Forwarded-For unless a proxy is trusted', () => {
    expect(clientAddress(request('::ffff:192.0.2.7', '203.0.113.9'), 0)).toBe('192.0.2.7');
  });

  it('behind trusted proxies, takes the entry the outermost one appended, not what the client wrote', () => {
    // The client forged "1.1.1.1"; the one proxy appended the real client address.
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 203.0.113.9'), 1)).toBe('203.0.113.9');
    // Two proxies: the outer one appended the client, the inner one the outer proxy.
    expect(clientAddress(request('10.0.0.5', '1.1.1.1, 203.0.113.9, 10.0.0.4'), 2)).toBe('203.0.113.9');
    // No header at all: the socket.
    expect(clientAddress(request('10.0.0.5'), 1)).toBe('10.0.0.5');
  });
});
