import { createLoaders, type Loaders } from '../context/loaders';
import type { RequestContext } from '../context/request-context';
import { complaintVisibility, type ComplaintVisibility } from '../complaints/complaint-visibility';
import type { TenantTransaction } from '../db/tenant-transaction';
import { mayOverseeTenantRecords } from '../identity/roles';

/**
 * What the statistics read within: one tenant, through one transaction, limited to what the
 * reader may see. A request reads as its viewer; a report the platform makes on schedule
 * reads the whole tenant.
 */
export interface AnalysisScope {
  db: TenantTransaction;
  loaders: Loaders;
  tenantId: string;
  visibility: ComplaintVisibility;
  /** Only this user's own penalties; null for the whole ledger. */
  penaltiesOf: string | null;
}

export function viewerAnalysisScope(ctx: RequestContext): AnalysisScope {
  const viewer = ctx.requireTenantViewer();
  return {
    db: ctx.db,
    loaders: ctx.loaders,
    tenantId: viewer.tenantId,
    visibility: complaintVisibility(viewer),
    penaltiesOf: mayOverseeTenantRecords(viewer) ? null : viewer.userId,
  };
}

export function wholeTenantScope(tx: TenantTransaction, tenantId: string): AnalysisScope {
  return { db: tx, loaders: createLoaders(tx), tenantId, visibility: { scope: 'TENANT' }, penaltiesOf: null };
}
