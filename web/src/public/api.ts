import { createClient, GraphQLRequestError, TransportError, type RedressClient } from '@redress/client-sdk';
import type { Locale } from './i18n';
import type { MessageKey } from './messages.en';

export const GRAPHQL_URL = new URL('/graphql', window.location.origin).toString();

const clients = new Map<Locale | null, RedressClient>();

/**
 * A client without credentials for the public operations, its server labels in `locale`
 * (null: in the organisation's own language).
 */
export function publicClient(locale: Locale | null): RedressClient {
  let client = clients.get(locale);
  if (!client) {
    client = createClient(locale ? { url: GRAPHQL_URL, locale } : { url: GRAPHQL_URL });
    clients.set(locale, client);
  }
  return client;
}

/** The words for a request that failed outright: refused as too frequent, or the server out of reach. */
export function failureMessage(error: unknown): MessageKey {
  if (error instanceof GraphQLRequestError && error.code === 'RATE_LIMITED') return 'error.rateLimited';
  if (error instanceof TransportError && error.status === 429) return 'error.rateLimited';
  return 'error.network';
}
