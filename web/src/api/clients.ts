import { createClient, type RedressClient } from '@redress/client-sdk';
import type { Locale } from '../i18n/i18n';

export const GRAPHQL_URL = new URL('/graphql', window.location.origin).toString();

/**
 * The client that holds the session: signs in, renews and logs out. Its labels are never
 * shown, so it needs no language.
 */
export const authClient: RedressClient = createClient({ url: GRAPHQL_URL });

/**
 * The client pages read and watch through, in the user's language (server labels follow it).
 * A new one is made when the language changes; its token is always the session's current one.
 */
export function createDataClient(locale: Locale, token: () => string | null): RedressClient {
  return createClient({ url: GRAPHQL_URL, locale, token });
}
