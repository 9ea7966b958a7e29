import { ApprovalInboxDocument, paginate, type ApprovalInboxQuery } from '@redress/client-sdk';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';
import { APPROVAL_INBOX_KEY } from '../../app/notifications/use-notification-feed';

export type ApprovalCase = ApprovalInboxQuery['complaints']['edges'][number]['node'];

/**
 * Complaints whose resolution waits on an approval step the viewer may decide: those in
 * approval for which the server offers the viewer `decideApproval`. Reloaded on each
 * `approvalRequested` (see useNotificationFeed).
 */
export function useApprovalInbox() {
  const client = useClient();
  const { locale } = useT();
  return useQuery({
    queryKey: [APPROVAL_INBOX_KEY, locale],
    queryFn: async () => {
      const waiting: ApprovalCase[] = [];
      for await (const complaint of paginate(client, ApprovalInboxDocument, { first: 100 }, (data) => data.complaints)) {
        waiting.push(complaint);
      }
      return waiting.filter((complaint) => complaint.availableActions.some((action) => action.mutation === 'decideApproval'));
    },
  });
}
