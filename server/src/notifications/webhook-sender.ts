import { createHmac, randomBytes } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A new endpoint secret: 32 random bytes, shown once to the tenant administrator. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}

/**
 * The signature header: `t=<unix seconds>,v1=<hex>` with one `v1` per secret that signs
 * (the current one, and the previous one during a rotation's overlap). Each `v1` is
 * HMAC-SHA256 of `<t>.<body>` under that secret; a receiver accepts the request when any
 * `v1` matches its own computation and `t` is recent.
 */
export function signatureHeader(body: string, secrets: readonly string[], unixSeconds: number): string {
  const signed = `${unixSeconds}.${body}`;
  const signatures = secrets.map((secret) => `v1=${createHmac('sha256', secret).update(signed).digest('hex')}`);
  return [`t=${unixSeconds}`, ...signatures].join(',');
}

/** Only public unicast addresses, unless the operator allows private ones (WEBHOOK_ALLOW_PRIVATE_ADDRESSES). */
export function addressAllowed(address: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return true;
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === 'unicast';
}

export class WebhookAddressRefused extends Error {}

/**
 * Resolves the host and refuses private, loopback, link-local and other non-public addresses
 * unless allowed. Used as the connection's own lookup, so the address checked is the one
 * connected to (a name that resolves differently a moment later cannot slip past).
 */
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, '', 4);
      const allowed = addresses.filter((entry) => addressAllowed(entry.address, allowPrivate));
      if (allowed.length === 0) {
        return callback(new WebhookAddressRefused(`${hostname} resolves to no address webhooks may reach`), '', 4);
      }
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
      callback(null, allowed[0].address, allowed[0].family);
    });
  };
}

export interface WebhookResponse {
  /** The HTTP status, or null when no response came (refused address, timeout, connection error). */
  status: number | null;
  error: string | null;
}

/**
 * POSTs the body to the endpoint with its headers; a 2xx answer is success. Redirects are not
 * followed. The whole exchange is bounded by `timeoutMs`.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowPrivate: boolean },
): Promise<WebhookResponse> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ status: null, error: 'not a URL' });
  }
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) && !addressAllowed(host, options.allowPrivate)) {
    return Promise.resolve({ status: null, error: `${host} is not an address webhooks may reach` });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result: WebhookResponse) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers },
        lookup: guardedLookup(options.allowPrivate),
      },
      (response) => {
        // The answer's body is not kept: read and dropped so the socket is released.
        response.resume();
        response.on('end', () => finish({ status: response.statusCode ?? null, error: null }));
        response.on('error', (error) => finish({ status: response.statusCode ?? null, error: error.message }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    request.on('error', (error) => finish({ status: null, error: error.message }));
    request.end(body);
  });
}
