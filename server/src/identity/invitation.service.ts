import type { RequestContext } from '../context/request-context';
import type { TenantViewer } from '../context/viewer';
import type { TenantTransaction } from '../db/tenant-transaction';
import { DepartmentEntity, TenantEntity, UserEntity } from '../entities';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId } from '../graphql/validate';
import { recordAudit } from './audit';
import { Department, Membership, Tenant, User } from './identity.types';
import { Invitation, type AcceptInvitationInput, type DeclineInvitationInput, type InvitationRow } from './invitation.types';

const INVITATION_SQL = `SELECT i.id, t.slug AS tenant_slug, t.name AS tenant_name, i.email, i.name, i.roles, i.created_at
  FROM membership_invitations i JOIN tenants t ON t.id = i.tenant_id`;

const NO_INVITATION = () => new UserFailure(UserErrorCode.NOT_FOUND, 'No invitation with this id', 'id');

/**
 * A person who already has an account (in this or another tenant) is not added by an
 * invitation: they are asked. The inviting tenant learns nothing of them (not their name,
 * not their other tenants); the membership exists once they accept (`acceptInvitation`),
 * and a declined invitation is gone.
 */
export class InvitationService {
  /** Called by `inviteUser` for an email that has an account: asks again when asked before. */
  async invite(
    ctx: RequestContext,
    viewer: TenantViewer,
    userId: string,
    data: { email: string; name: string; roles: string[]; departmentId: string | null },
  ): Promise<Invitation> {
    const [row] = await ctx.db.query<{ id: string }>(
      `INSERT INTO membership_invitations (tenant_id, user_id, email, name, roles, department_id, invited_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (tenant_id, user_id) DO UPDATE SET email = EXCLUDED.email, name = EXCLUDED.name, roles = EXCLUDED.roles,
         department_id = EXCLUDED.department_id, invited_by = EXCLUDED.invited_by, created_at = app_now()
       RETURNING id`,
      [viewer.tenantId, userId, data.email, data.name, data.roles, data.departmentId, viewer.userId],
    );
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'member.invitation-sent',
      targetType: 'Invitation',
      targetId: row.id,
      details: { roles: data.roles, departmentId: data.departmentId },
    });
    const [invitation] = await ctx.db.query<InvitationRow>(`${INVITATION_SQL} WHERE i.id = $1`, [row.id]);
    return Invitation.from(invitation);
  }

  /**
   * The invitations waiting for `userId`. Only for that person: through an API key (which
   * acts for its creator, not as them) the list is empty.
   */
  async pendingFor(ctx: RequestContext, userId: string): Promise<Invitation[]> {
    const read = (tx: TenantTransaction) =>
      tx.query<InvitationRow>(`${INVITATION_SQL} WHERE i.user_id = $1 ORDER BY i.created_at, i.id`, [userId]);
    if (ctx.viewer) {
      if (ctx.viewer.userId !== userId || ctx.viewer.apiKeyId) return [];
      return (await read(ctx.db)).map(Invitation.from);
    }
    // The viewer of a login payload: the person has just proven who they are.
    return (await ctx.db.inScope({ tenantId: null, userId }, read)).map(Invitation.from);
  }

  async accept(ctx: RequestContext, input: AcceptInvitationInput): Promise<Membership> {
    const { userId, invitation } = await this.own(ctx, input.id);
    return ctx.db.inScope({ tenantId: invitation.tenant_id, userId }, async (tx) => {
      const [taken] = await tx.query<{ roles: string[]; department_id: string | null }>(
        'DELETE FROM membership_invitations WHERE id = $1 AND user_id = $2 RETURNING roles, department_id',
        [invitation.id, userId],
      );
      if (!taken) throw NO_INVITATION();
      await tx.query(
        `INSERT INTO memberships (tenant_id, user_id, roles, department_id)
         VALUES ($1, $2, $3, (SELECT id FROM departments WHERE id = $4)) ON CONFLICT DO NOTHING`,
        [invitation.tenant_id, userId, taken.roles, taken.department_id],
      );
      await recordAudit(tx, {
        tenantId: invitation.tenant_id,
        actor: { userId, apiKeyId: null },
        action: 'member.invitation-accepted',
        targetType: 'User',
        targetId: userId,
        details: { roles: taken.roles },
      });
      return this.membership(tx, invitation.tenant_id, userId);
    });
  }

  async decline(ctx: RequestContext, input: DeclineInvitationInput): Promise<string> {
    const { userId, invitation } = await this.own(ctx, input.id);
    await ctx.db.inScope({ tenantId: invitation.tenant_id, userId }, async (tx) => {
      const [taken] = await tx.query('DELETE FROM membership_invitations WHERE id = $1 AND user_id = $2 RETURNING id', [
        invitation.id,
        userId,
      ]);
      if (!taken) throw NO_INVITATION();
      await recordAudit(tx, {
        tenantId: invitation.tenant_id,
        actor: { userId, apiKeyId: null },
        action: 'member.invitation-declined',
        targetType: 'User',
        targetId: userId,
      });
    });
    return input.id;
  }

  /** The viewer's own invitation; an API key cannot answer for a person. */
  private async own(ctx: RequestContext, globalId: string): Promise<{ userId: string; invitation: { id: string; tenant_id: string } }> {
    const viewer = ctx.requireViewer();
    if (viewer.apiKeyId) throw forbidden('Only the invited person may answer an invitation, not an API key');
    const id = requireGlobalId(globalId, 'Invitation', 'id');
    const [invitation] = await ctx.db.query<{ id: string; tenant_id: string }>(
      'SELECT id, tenant_id FROM membership_invitations WHERE id = $1 AND user_id = $2',
      [id, viewer.userId],
    );
    if (!invitation) throw NO_INVITATION();
    return { userId: viewer.userId, invitation };
  }

  private async membership(tx: TenantTransaction, tenantId: string, userId: string): Promise<Membership> {
    const manager = await tx.manager();
    const [tenant, user, row] = await Promise.all([
      manager.findOneByOrFail(TenantEntity, { id: tenantId }),
      manager.findOneByOrFail(UserEntity, { id: userId }),
      tx.query<{ roles: string[]; department_id: string | null; created_at: Date }>(
        'SELECT roles, department_id, created_at FROM memberships WHERE tenant_id = $1 AND user_id = $2',
        [tenantId, userId],
      ),
    ]);
    const department = row[0].department_id ? await manager.findOneBy(DepartmentEntity, { id: row[0].department_id }) : null;
    return Object.assign(new Membership(), {
      tenant: Tenant.from(tenant),
      user: User.from(user),
      roles: [...row[0].roles].sort(),
      department: department ? Department.from(department) : null,
      joinedAt: row[0].created_at,
    });
  }
}
