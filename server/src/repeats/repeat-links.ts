import DataLoader from 'dataloader';
import type { TenantTransaction } from '../db/tenant-transaction';

/** A stored repeat link as seen from one complaint. */
export interface RepeatLinkRow {
  /** The complaint the link was read for. */
  complaint_id: string;
  /** REPEATS: the complaint repeats `other`; REPEATED_BY: `other` repeats it. */
  direction: 'REPEATS' | 'REPEATED_BY';
  match: string;
  other: string;
}

export interface RepeatLinkKey {
  tenantId: string;
  complaintId: string;
}

/**
 * The repeat links of each complaint, both directions: those it repeats first, then those
 * that repeat it, each in the order they were stored. One statement per batch, found
 * through the two link indexes (both lead with the tenant).
 */
export function createRepeatLinkLoader(tx: TenantTransaction): DataLoader<RepeatLinkKey, RepeatLinkRow[], string> {
  return new DataLoader(
    async (keys) => {
      const rows = await tx.query<RepeatLinkRow>(
        `SELECT k.complaint_id, x.direction, x.match, x.other
           FROM unnest($1::uuid[], $2::uuid[]) WITH ORDINALITY AS k(tenant_id, complaint_id, ord)
           CROSS JOIN LATERAL (
             SELECT 'REPEATS' AS direction, 1 AS side, l.match, l.related_complaint_id AS other, l.created_at, l.id FROM complaint_links l
              WHERE l.tenant_id = k.tenant_id AND l.complaint_id = k.complaint_id
             UNION ALL
             SELECT 'REPEATED_BY', 2, l.match, l.complaint_id, l.created_at, l.id FROM complaint_links l
              WHERE l.tenant_id = k.tenant_id AND l.related_complaint_id = k.complaint_id) x
          ORDER BY k.ord, x.side, x.created_at, x.id`,
        [keys.map((key) => key.tenantId), keys.map((key) => key.complaintId)],
      );
      return keys.map((key) => rows.filter((row) => row.complaint_id === key.complaintId));
    },
    { cacheKeyFn: (key) => `${key.tenantId}:${key.complaintId}`, name: 'complaint_links' },
  );
}
