import DataLoader from 'dataloader';
import type { TenantTransaction } from '../db/tenant-transaction';
import { createComplaintLoaders, type ComplaintLoaders } from '../complaints/complaint-loaders';
import { createRepeatLinkLoader, type RepeatLinkKey, type RepeatLinkRow } from '../repeats/repeat-links';
import { DepartmentEntity, TenantEntity, UserEntity } from '../entities';

/**
 * Per-operation batch loaders. They read through the operation's own transaction, so row
 * level security applies; each batch is one `= ANY($1)` query, results in key order.
 */
export interface Loaders {
  userById: DataLoader<string, UserEntity | null>;
  departmentById: DataLoader<string, DepartmentEntity | null>;
  tenantById: DataLoader<string, TenantEntity | null>;
  complaints: ComplaintLoaders;
  /** The repeat links of each complaint, both directions. */
  repeatLinks: DataLoader<RepeatLinkKey, RepeatLinkRow[], string>;
}

function byIdLoader<T extends { id: string }>(tx: TenantTransaction, entity: new () => T, table: string): DataLoader<string, T | null> {
  return new DataLoader(
    async (ids) => {
      const manager = await tx.manager();
      const rows = await manager
        .createQueryBuilder(entity, 'e')
        .where(`e.id = ANY(:ids)`, { ids: [...ids] })
        .getMany();
      const found = new Map(rows.map((row) => [row.id, row]));
      return ids.map((id) => found.get(id) ?? null);
    },
    { name: table },
  );
}

export function createLoaders(tx: TenantTransaction): Loaders {
  const tenantById = byIdLoader(tx, TenantEntity, 'tenants');
  // Read with the membership as the transaction opened (see authenticate).
  if (tx.tenant) tenantById.prime(tx.tenant.id, tx.tenant);
  return {
    userById: byIdLoader(tx, UserEntity, 'users'),
    departmentById: byIdLoader(tx, DepartmentEntity, 'departments'),
    tenantById,
    complaints: createComplaintLoaders(tx),
    repeatLinks: createRepeatLinkLoader(tx),
  };
}
