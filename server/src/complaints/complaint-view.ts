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

/**
 * ComplaintView's repeat count as SQL: complaints of `customer` other than `self` received
 * in the 30 days up to `at` (each argument an SQL expression or parameter).
 */
export function recentComplaintsSql(customer: string, self: string, at: string): string {
  return `SELECT count(*)::int FROM complaints o
    WHERE o.customer_id = ${customer} AND o.id IS DISTINCT FROM ${self}
      AND o.received_at > ${at} - interval '30 days' AND o.received_at <= ${at}`;
}

/** The complainant's other complaints received in the 30 days before `at` (ComplaintView's repeat count). */
export async function recentComplaintsOfComplainant(
  tx: TenantTransaction,
  customerId: string,
  at: Date,
  excludeComplaintId: string | null,
): Promise<number> {
  const [{ count }] = await tx.query(recentComplaintsSql('$1', '$2::uuid', '$3::timestamptz'), [customerId, excludeComplaintId, at]);
  return count;
}
