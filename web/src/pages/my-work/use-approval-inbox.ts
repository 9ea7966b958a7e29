import { ApprovalInboxDocument, ApprovalRequestedDocument, paginate, type ApprovalInboxQuery } from '@redress/client-sdk';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useClient } from '../../api/data';
import { useT } from '../../i18n/i18n';

export type ApprovalCase = ApprovalInboxQuery['complaints']['edges'][number]['node'];

const APPROVAL_INBOX_KEY = 'approval-inbox';

/**
 * Keeps the approvals current while My work is shown: reloaded on each `approvalRequested` (a
 * step now waits, or one was decided) and after a reconnect. Called once, by the page.
 */
export function useApprovalRequests(): void {
  const client = useClient();
  const queryClient = useQueryClient();
  useEffect(() => {
    const reload = () => void queryClient.invalidateQueries({ queryKey: [APPROVAL_INBOX_KEY] });
    return client.subscribe(ApprovalRequestedDocument, { next: reload, refetch: reload });
  }, [client, queryClient]);
}

/**
 * Complaints whose resolution waits on an approval step the viewer may decide: those in
 * approval for which the server offers the viewer `decideApproval`.
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
