import type { RedressClient } from '@redress/client-sdk';
import type { QueryClient } from '@tanstack/react-query';
import { startLiveEarly } from '../../api/early-live';
import type { Locale } from '../../i18n/i18n';
import { viewFromParams } from './queue-url';
import { queueKey, watchQueueView } from './use-complaint-queue';

/** The queue opened directly: its view is asked for at start, beside the session's resume and the page's code. */
export function startQueueEarly(client: RedressClient, queryClient: QueryClient, locale: Locale, search: string): void {
  const view = viewFromParams(new URLSearchParams(search));
  startLiveEarly(client, queryClient, queueKey(locale, view), watchQueueView(view));
}
