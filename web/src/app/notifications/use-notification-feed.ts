import { ApprovalRequestedDocument, DeadlineAlertsDocument } from '@redress/client-sdk';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useClient } from '../../api/data';
import { serverNow } from '../../api/server-clock';
import { useSession } from '../../api/session';
import { notificationStore, type InboxNotice } from './notification-store';

/** The query key of the approval inbox (My work): reloaded when an approval request arrives. */
export const APPROVAL_INBOX_KEY = 'approval-inbox';

/**
 * Listens, for the whole sign-in, to `deadlineAlerts` and `approvalRequested` and keeps them in
 * the notification store; `onNew` is told of each notice not seen before.
 */
export function useNotificationFeed(onNew: (notice: InboxNotice) => void): void {
  const client = useClient();
  const queryClient = useQueryClient();
  const { viewer } = useSession();
  const tell = useRef(onNew);
  tell.current = onNew;
  const tenantId = viewer?.tenant?.id ?? null;
  const userId = viewer?.user.id ?? null;

  useEffect(() => {
    notificationStore.own(tenantId && userId ? `${tenantId}:${userId}` : null);
    if (!tenantId || !userId) return;
    const add = (notice: Omit<InboxNotice, 'read'>) => {
      if (notificationStore.add(notice)) tell.current({ ...notice, read: false });
    };
    const reloadApprovals = () => void queryClient.invalidateQueries({ queryKey: [APPROVAL_INBOX_KEY] });
    const stopAlerts = client.subscribe(DeadlineAlertsDocument, {
      next: ({ deadlineAlerts: alert }) => {
        if (alert.kind !== 'CHANGE' || !alert.alert || !alert.complaint || !alert.deadline) return;
        add({
          id: `${alert.alert}:${alert.complaint.id}:${alert.deadline.stage}:${alert.deadline.dueAt}`,
          kind: alert.alert,
          complaintId: alert.complaint.id,
          complaintNumber: alert.complaint.number,
          label: alert.deadline.stageLabel,
          at: serverNow(),
        });
      },
    });
    const stopApprovals = client.subscribe(ApprovalRequestedDocument, {
      next: ({ approvalRequested: request }) => {
        reloadApprovals();
        if (request.kind !== 'CHANGE' || !request.complaint || !request.step) return;
        add({
          id: `APPROVAL:${request.step.id}`,
          kind: 'APPROVAL',
          complaintId: request.complaint.id,
          complaintNumber: request.complaint.number,
          label: request.step.label,
          at: serverNow(),
        });
      },
      refetch: reloadApprovals,
    });
    return () => {
      stopAlerts();
      stopApprovals();
    };
  }, [client, queryClient, tenantId, userId]);
}
