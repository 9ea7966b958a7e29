import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import type { RequestContext } from '../context/request-context';
import { MembershipEntity } from '../entities';
import type { Connection } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { camelRow } from '../complaints/complaint-rows';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import type { PageArgs } from '../graphql/connection';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { recordAudit } from './audit';
import { Department, Membership, Tenant, User, InviteUserInput, SetMemberRolesInput, type RemoveMemberInput } from './identity.types';
import { CORE_ROLES, Role } from './roles';
import type { InvitationService } from './invitation.service';
import type { Invitation } from './invitation.types';
import { assertKeyMayGrant } from './key-delegation';
import { createOrFindUser } from './users';

/** Tenant administrators manage who belongs to their tenant and with which roles. */
export class MemberService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly invitations: InvitationService,
  ) {}

  /** Role codes a membership may hold in this tenant: the core roles and those its plugins brought. */
  async knownRoles(ctx: RequestContext, tenantId: string): Promise<Set<string>> {
    const pluginRoles = await ctx.db.query<{ code: string }>('SELECT code FROM tenant_roles WHERE tenant_id = $1', [tenantId]);
    return new Set([...CORE_ROLES.map((r) => r.code), ...pluginRoles.map((r) => r.code)]);
  }

  /** Refuses roles the tenant does not know, with INVALID_INPUT on `roles`. */
  async assertKnownRoles(ctx: RequestContext, tenantId: string, roles: string[]): Promise<void> {
    const known = await this.knownRoles(ctx, tenantId);
    const unknown = roles.filter((role) => !known.has(role));
    if (unknown.length) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, `Unknown role: ${unknown.join(', ')}`, 'roles');
    }
  }

  /**
   * A person new to the platform becomes a member at once, with a temporary password. A
   * person who has an account is asked instead (see InvitationService): nothing of them is
   * shown and nothing changes until they accept.
   */
  async invite(
    ctx: RequestContext,
    input: InviteUserInput,
  ): Promise<{ membership: Membership | null; invitation: Invitation | null; temporaryPassword: string | null }> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(InviteUserInput.schema, input);
    await this.assertKnownRoles(ctx, viewer.tenantId, data.roles);
    assertKeyMayGrant(viewer, data.roles);
    const departmentId = await this.resolveDepartment(ctx, data.departmentId);
    const [existing] = await this.dataSource.query('SELECT id FROM auth_user_by_email($1)', [data.email]);
    if (existing) {
      const [already] = await ctx.db.query('SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', [
        viewer.tenantId,
        existing.id,
      ]);
      if (already) throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'This person is already a member', 'email');
      const invitation = await this.invitations.invite(ctx, viewer, existing.id, { ...data, departmentId });
      return { membership: null, invitation, temporaryPassword: null };
    }
    const temporaryPassword = randomBytes(12).toString('base64url');
    const user = await createOrFindUser(ctx.db, {
      email: data.email,
      name: data.name,
      passwordHash: await hashPassword(temporaryPassword),
    });
    const [already] = await ctx.db.query('SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id = $2', [viewer.tenantId, user.id]);
    if (already) throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'This person is already a member', 'email');
    await ctx.db.query('INSERT INTO memberships (tenant_id, user_id, roles, department_id) VALUES ($1, $2, $3, $4)', [
      viewer.tenantId,
      user.id,
      data.roles,
      departmentId,
    ]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'member.invited',
      targetType: 'User',
      targetId: user.id,
      details: { roles: data.roles, departmentId, newUser: !user.existed },
    });
    return {
      membership: await this.load(ctx, user.id),
      invitation: null,
      temporaryPassword: user.existed ? null : temporaryPassword,
    };
  }

  async setRoles(ctx: RequestContext, input: SetMemberRolesInput): Promise<Membership> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(SetMemberRolesInput.schema, input);
    await this.assertKnownRoles(ctx, viewer.tenantId, data.roles);
    assertKeyMayGrant(viewer, data.roles);
    const userId = requireGlobalId(data.userId, 'User', 'userId');
    const manager = await ctx.db.manager();
    const current = await manager.findOneBy(MembershipEntity, { tenantId: viewer.tenantId, userId });
    if (!current) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'userId');
    if (current.roles.includes(Role.TenantAdmin) && !data.roles.includes(Role.TenantAdmin)) {
      await this.assertAnotherAdmin(ctx, viewer.tenantId, userId, 'roles');
    }
    const departmentId = data.departmentId === undefined ? current.departmentId : await this.resolveDepartment(ctx, data.departmentId);
    await ctx.db.query('UPDATE memberships SET roles = $3, department_id = $4 WHERE tenant_id = $1 AND user_id = $2', [
      viewer.tenantId,
      userId,
      data.roles,
      departmentId,
    ]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'member.roles-set',
      targetType: 'User',
      targetId: userId,
      details: { before: current.roles, after: data.roles, departmentId },
    });
    return this.load(ctx, userId);
  }

  async remove(ctx: RequestContext, input: RemoveMemberInput): Promise<string> {
    const viewer = ctx.requireTenantViewer();
    const userId = requireGlobalId(input.userId, 'User', 'userId');
    const manager = await ctx.db.manager();
    const current = await manager.findOneBy(MembershipEntity, { tenantId: viewer.tenantId, userId });
    if (!current) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No member with this id', 'userId');
    if (current.roles.includes(Role.TenantAdmin)) await this.assertAnotherAdmin(ctx, viewer.tenantId, userId, 'userId');
    await ctx.db.query('DELETE FROM memberships WHERE tenant_id = $1 AND user_id = $2', [viewer.tenantId, userId]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'member.removed',
      targetType: 'User',
      targetId: userId,
      details: { roles: current.roles },
    });
    return input.userId;
  }

  async list(ctx: RequestContext, args: PageArgs): Promise<Connection<Membership>> {
    const viewer = ctx.requireTenantViewer();
    return keysetPage(
      ctx.db,
      {
        select: 'm.tenant_id, m.user_id, m.roles, m.department_id, m.created_at',
        from: 'memberships m',
        where: 'm.tenant_id = $1',
        params: [viewer.tenantId],
        orderBy: { column: 'm.created_at', id: 'm.user_id', direction: 'ASC' },
        rowOf: (row) => camelRow<MembershipEntity>(row),
        positionOf: (row) => ({ sortKey: row.createdAt, id: row.userId }),
      },
      args,
      (row) => this.toMembership(ctx, row),
    );
  }

  async load(ctx: RequestContext, userId: string): Promise<Membership> {
    const viewer = ctx.requireTenantViewer();
    const manager = await ctx.db.manager();
    const row = await manager.findOneByOrFail(MembershipEntity, { tenantId: viewer.tenantId, userId });
    return this.toMembership(ctx, row);
  }

  private async toMembership(ctx: RequestContext, row: MembershipEntity): Promise<Membership> {
    const [tenant, user, department] = await Promise.all([
      ctx.loaders.tenantById.load(row.tenantId),
      ctx.loaders.userById.load(row.userId),
      row.departmentId ? ctx.loaders.departmentById.load(row.departmentId) : null,
    ]);
    return Object.assign(new Membership(), {
      tenant: Tenant.from(tenant!),
      user: User.from(user!),
      roles: [...row.roles].sort(),
      department: department ? Department.from(department) : null,
      joinedAt: row.createdAt,
    });
  }

  private async resolveDepartment(ctx: RequestContext, globalId: string | null | undefined): Promise<string | null> {
    if (!globalId) return null;
    const id = requireGlobalId(globalId, 'Department', 'departmentId');
    if (!(await ctx.loaders.departmentById.load(id))) {
      throw new UserFailure(UserErrorCode.NOT_FOUND, 'No department with this id', 'departmentId');
    }
    return id;
  }

  /** A tenant must keep at least one administrator. */
  private async assertAnotherAdmin(ctx: RequestContext, tenantId: string, userId: string, field: string): Promise<void> {
    const [other] = await ctx.db.query(`SELECT 1 FROM memberships WHERE tenant_id = $1 AND user_id <> $2 AND $3 = ANY(roles) LIMIT 1`, [
      tenantId,
      userId,
      Role.TenantAdmin,
    ]);
    if (!other) {
      throw new UserFailure(UserErrorCode.INVALID_INPUT, 'The tenant would be left without an administrator', field);
    }
  }
}
