import { toGlobalId } from '../graphql/relay';
import type { AssetRow, ResolutionRow } from './complaint-rows';
import type { Asset, Resolution } from './complaint.types';

export function toAsset(row: AssetRow): Asset {
  return {
    id: toGlobalId('Asset', row.id),
    name: row.name,
    serialNumber: row.serialNumber,
    model: row.model,
    warrantyEndsOn: row.warrantyEndsOn,
    parentId: row.parentId ? toGlobalId('Asset', row.parentId) : null,
    ownerCustomerId: row.ownerCustomerId,
  };
}

export function toResolution(row: ResolutionRow, kindLabel: string): Resolution {
  return {
    id: toGlobalId('Resolution', row.id),
    kind: row.kind,
    kindLabel,
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    description: row.description,
    status: row.status,
    proposedAt: row.createdAt,
    executedAt: row.executedAt,
    resolutionId: row.id,
    proposedById: row.proposedBy,
  };
}
