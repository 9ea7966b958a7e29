import type { Viewer as ViewerIdentity } from '../context/viewer';
import type { TenantTransaction } from '../db/tenant-transaction';
import { DepartmentEntity, MembershipEntity, TenantEntity, UserEntity } from '../entities';
import { Department, Membership, Tenant, User, Viewer } from './identity.types';

/** Builds the `Viewer` and `Membership` objects the API returns. */
export class ViewerService {
  async describe(tx: TenantTransaction, identity: ViewerIdentity): Promise<Viewer> {
    const manager = await tx.manager();
    const user = await manager.findOneByOrFail(UserEntity, { id: identity.userId });
    // Memberships of the viewer in every tenant: RLS lets a user see their own.
    const memberships = await manager.findBy(MembershipEntity, { userId: identity.userId });
    const tenants = await manager
      .createQueryBuilder(TenantEntity, 't')
      .where('t.id = ANY(:ids)', { ids: memberships.map((m) => m.tenantId) })
      .getMany();
    const tenantById = new Map(tenants.map((t) => [t.id, Tenant.from(t)]));
    const departmentIds = memberships.filter((m) => m.tenantId === identity.tenantId && m.departmentId);
    const departments = departmentIds.length
      ? await manager
          .createQueryBuilder(DepartmentEntity, 'd')
          .where('d.id = ANY(:ids)', { ids: departmentIds.map((m) => m.departmentId) })
          .getMany()
      : [];
    const departmentById = new Map(departments.map((d) => [d.id, Department.from(d)]));
    const userNode = User.from(user);
    return Object.assign(new Viewer(), {
      user: userNode,
      tenant: identity.tenantId ? (tenantById.get(identity.tenantId) ?? null) : null,
      roles: [...identity.roles].sort(),
      isPlatformAdmin: identity.isPlatformAdmin,
      memberships: memberships
        .filter((m) => tenantById.has(m.tenantId))
        .map((m) =>
          Object.assign(new Membership(), {
            tenant: tenantById.get(m.tenantId)!,
            user: userNode,
            roles: [...m.roles].sort(),
            department: m.departmentId ? (departmentById.get(m.departmentId) ?? null) : null,
            joinedAt: m.createdAt,
          }),
        ),
    });
  }
}
