import type { NotificationEvent } from '@redress/client-sdk';
import type { Translate } from '../../i18n/i18n';

/** What a notification event is about, in the page's words (the server's enum has no labels). */
export function eventLabel(t: Translate, event: NotificationEvent): string {
  return t(`notify.event.${event}`);
}
