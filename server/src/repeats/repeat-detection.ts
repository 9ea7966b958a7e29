import type { ComplaintView, Priority, RepeatCandidate } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from '../complaints/complaint-rows';
import type { BoundPlugin } from '../plugins/plugin-host';

/** An earlier complaint that may be a repeat, and what it shares with the new one. */
interface RepeatCandidateRow {
  id: string;
  category_code: string | null;
  /** float8 from extract(): arrives as a number or as text, read with Number(). */
  hours_before: number | string;
  match: RepeatCandidate['match'];
}

export interface RepeatsFound {
  links: { complaintId: string; match: RepeatCandidate['match'] }[];
  raisePriorityTo: Priority | null;
}

/**
 * The earlier complaints (90 days back) of the same complainant (a phone number is one
 * complainant), the same asset or an asset of the same model, newest first, offered to the
 * governing plugin's `repeats` rule, which picks the repeats (its window, its categories)
 * and the priority they call for. Found through `complaints_customer_idx`,
 * `complaints_asset_idx` and `assets_model_idx`, all leading with the tenant.
 */
export async function findRepeatComplaints(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  view: ComplaintView,
  plugin: BoundPlugin,
): Promise<RepeatsFound> {
  const candidates = await tx.query<RepeatCandidateRow>(
    `WITH me AS (SELECT c.customer_id, c.asset_id, a.model FROM complaints c LEFT JOIN assets a ON a.tenant_id = c.tenant_id AND a.id = c.asset_id
                  WHERE c.id = $2)
     SELECT o.id, o.category_code,
            extract(epoch FROM $3::timestamptz - o.received_at) / 3600 AS hours_before,
            CASE WHEN o.customer_id = me.customer_id THEN 'COMPLAINANT' WHEN o.asset_id = me.asset_id THEN 'ASSET' ELSE 'PRODUCT' END AS match
       FROM complaints o CROSS JOIN me
       LEFT JOIN assets oa ON oa.tenant_id = o.tenant_id AND oa.id = o.asset_id
      WHERE o.tenant_id = $1 AND o.id <> $2
        AND o.received_at <= $3 AND o.received_at > $3::timestamptz - interval '90 days'
        AND (o.customer_id = me.customer_id OR o.asset_id = me.asset_id OR (me.model IS NOT NULL AND oa.model = me.model))
      ORDER BY o.received_at DESC, o.id
      LIMIT 200`,
    [complaint.tenantId, complaint.id, complaint.receivedAt],
  );
  const decision = plugin.decideIfDefined('repeats', {
    complaint: view,
    candidates: candidates.map((row) => ({ match: row.match, categoryCode: row.category_code, hoursBefore: Number(row.hours_before) })),
  });
  if (!decision) return { links: [], raisePriorityTo: null };
  const links = decision.repeats
    .filter((index) => candidates[index])
    .map((index) => ({ complaintId: candidates[index].id, match: candidates[index].match }));
  return { links, raisePriorityTo: links.length > 0 ? decision.raisePriorityTo : null };
}

/** Stores the links of a complaint to the ones it repeats. */
export async function linkRepeats(tx: TenantTransaction, complaint: ComplaintRow, found: RepeatsFound, decidedBy: string) {
  for (const link of found.links) {
    await tx.query(
      `INSERT INTO complaint_links (tenant_id, complaint_id, related_complaint_id, match, decided_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING`,
      [complaint.tenantId, complaint.id, link.complaintId, link.match, decidedBy],
    );
  }
}
