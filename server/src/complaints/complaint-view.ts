import type { ComplaintView } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from './complaint-rows';

/** What the policy sees of a complaint: no names, no contact details. */
export function toComplaintView(row: ComplaintRow, recentComplaintsOfComplainant: number): ComplaintView {
  return {
    channel: row.channel,
    status: row.status,
    demands: row.demands,
    description: row.description,
    categoryCode: row.categoryCode,
    priority: row.priority,
    major: row.major,
    receivedAt: row.receivedAt,
    fields: row.fields,
    recentComplaintsOfComplainant,
  };
}

/** The complainant's other complaints received in the 30 days before `at` (ComplaintView's repeat count). */
export async function recentComplaintsOfComplainant(
  tx: TenantTransaction,
  customerId: string,
  at: Date,
  excludeComplaintId: string | null,
): Promise<number> {
  const [{ recent }] = await tx.query(
    `SELECT count(*)::int AS recent FROM complaints
      WHERE customer_id = $1 AND id IS DISTINCT FROM $2 AND received_at > $3::timestamptz - interval '30 days'`,
    [customerId, excludeComplaintId, at],
  );
  return recent;
}
