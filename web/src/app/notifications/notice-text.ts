import type { Translate } from '../../i18n/i18n';
import type { InboxNotice } from './notification-store';

const TITLE = {
  DUE_SOON: 'notice.dueSoon',
  BREACHED: 'notice.breached',
  RECOUNTED: 'notice.recounted',
  APPROVAL: 'notice.approval',
} as const;

/** One line saying what a notice is about: "No. 12: Acknowledge due soon". */
export function noticeText(t: Translate, notice: InboxNotice): string {
  return t(TITLE[notice.kind], { number: notice.complaintNumber, label: notice.label });
}
