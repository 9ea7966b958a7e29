import type { PenaltyDraft } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from '../complaints/complaint-rows';
import { toGlobalId } from '../graphql/relay';
import type { MonthlyReportRow } from '../reports/monthly-report.types';
import { clockHolders } from './complaint-notifications';
import { membersHolding, notifyStaff, publishWebhookEvent } from './outbox';

/**
 * Staff notifications that do not come from a timeline event: a clock about to run out, a
 * penalty charged, a monthly report made. Each is written in the transaction that records
 * the fact.
 */

async function tenantName(tx: TenantTransaction, tenantId: string): Promise<string> {
  const [tenant] = await tx.query<{ name: string }>('SELECT name FROM tenants WHERE id = $1', [tenantId]);
  return tenant.name;
}

/** A clock's reminder went out: its holder (owner, receiver, else the supervisors) is told. */
export async function notifyDeadlineDueSoon(tx: TenantTransaction, deadlineId: string): Promise<void> {
  const [row] = await tx.query<{
    tenant_id: string;
    complaint_id: string;
    stage: string;
    due_at: Date;
    number: string;
    tracking_code: string;
    status: string;
    priority: string;
    owner_id: string | null;
    received_by: string | null;
    tenant_name: string;
  }>(
    `SELECT d.tenant_id, d.complaint_id, d.stage, d.due_at, c.number, c.tracking_code, c.status, c.priority, c.owner_id, c.received_by,
            t.name AS tenant_name
       FROM complaint_deadlines d JOIN complaints c ON c.id = d.complaint_id JOIN tenants t ON t.id = d.tenant_id
      WHERE d.id = $1`,
    [deadlineId],
  );
  const complaint = { number: String(row.number), trackingCode: row.tracking_code, status: row.status, priority: row.priority };
  await notifyStaff(tx, row.tenant_id, {
    event: 'DEADLINE_DUE_SOON',
    userIds: await clockHolders(tx, row),
    complaintId: row.complaint_id,
    data: { organization: row.tenant_name, complaint, stage: row.stage, dueAt: row.due_at.toISOString() },
    source: deadlineId,
  });
  await publishWebhookEvent(tx, row.tenant_id, 'deadline.due_soon', tx.clock.now(), {
    complaint: { id: toGlobalId('Complaint', row.complaint_id), ...complaint, number: Number(row.number) },
    deadline: { stage: row.stage, dueAt: row.due_at.toISOString() },
  });
}

/** A penalty entered the ledger: the person who bears it is told. */
export async function notifyPenaltyCharged(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  penalty: { id: string; userId: string | null; draft: PenaltyDraft; currency: string | null },
): Promise<void> {
  const data = {
    organization: await tenantName(tx, complaint.tenantId),
    complaint: {
      number: String(complaint.number),
      trackingCode: complaint.trackingCode,
      status: complaint.status,
      priority: complaint.priority,
    },
    penalty: { reason: penalty.draft.reason, points: penalty.draft.points, amount: penalty.draft.amount, currency: penalty.currency },
  };
  if (penalty.userId) {
    await notifyStaff(tx, complaint.tenantId, {
      event: 'PENALTY_CHARGED',
      userIds: [penalty.userId],
      complaintId: complaint.id,
      data,
      source: penalty.id,
    });
  }
  await publishWebhookEvent(tx, complaint.tenantId, 'penalty.charged', tx.clock.now(), {
    penalty: {
      id: toGlobalId('Penalty', penalty.id),
      subjectRole: penalty.draft.subject,
      subjectUserId: penalty.userId ? toGlobalId('User', penalty.userId) : null,
      rule: penalty.draft.rule,
      ...data.penalty,
    },
    complaint: { id: toGlobalId('Complaint', complaint.id), number: Number(complaint.number), trackingCode: complaint.trackingCode },
  });
}

/** A monthly report was stored: the holders of the roles it is addressed to are told. */
export async function notifyMonthlyReport(
  tx: TenantTransaction,
  tenantId: string,
  report: MonthlyReportRow,
  generatedBy: string | null,
): Promise<void> {
  const data = {
    organization: await tenantName(tx, tenantId),
    report: { month: report.month, dueAt: report.dueAt ? new Date(report.dueAt).toISOString() : null },
  };
  await notifyStaff(tx, tenantId, {
    event: 'MONTHLY_REPORT_READY',
    userIds: await membersHolding(tx, tenantId, report.addressedTo),
    complaintId: null,
    data,
    // Made again by a member: told again.
    source: `${report.id}:${new Date(report.generatedAt).toISOString()}`,
    exclude: generatedBy,
  });
  await publishWebhookEvent(tx, tenantId, 'report.published', tx.clock.now(), {
    report: { id: toGlobalId('MonthlyReport', report.id), month: report.month, addressedTo: report.addressedTo },
  });
}
