import { randomUUID } from 'node:crypto';
import { hashPassword } from '../auth/password';
import type { RequestContext } from '../context/request-context';
import type { TenantTransaction } from '../db/tenant-transaction';
import { TenantEntity } from '../entities';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { validateInput } from '../graphql/validate';
import { recordAudit } from './audit';
import { CreateTenantInput, Tenant } from './identity.types';
import { Role } from './roles';
import { createOrFindUser } from './users';
import { UpdateTenantBrandingInput } from './tenant-branding.types';
import type { IdRow } from '../db/common-rows';

export class TenantService {
  /**
   * Platform-level: creates a tenant and its first administrator. Runs in a transaction
   * scoped to the new tenant (row-level security checks every row it writes) and audits
   * itself in that tenant's trail.
   */
  async createTenant(tx: TenantTransaction, actor: { userId: string } | null, input: CreateTenantInput): Promise<Tenant> {
    const data = validateInput(CreateTenantInput.schema, input);
    const [taken] = await tx.lookup<IdRow>('SELECT id FROM auth_tenant_by_slug($1)', [data.slug]);
    if (taken) throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'A tenant with this slug exists', 'slug');
    const tenantId = randomUUID();
    const passwordHash = await hashPassword(data.admin.password);
    try {
      return await tx.inScope({ tenantId, userId: actor?.userId ?? null }, async (tx) => {
        await tx.query('INSERT INTO tenants (id, slug, name, time_zone, locale, holiday_region) VALUES ($1, $2, $3, $4, $5, $6)', [
          tenantId,
          data.slug,
          data.name,
          data.timeZone,
          data.locale,
          data.holidayRegion,
        ]);
        const admin = await createOrFindUser(tx, {
          email: data.admin.email,
          name: data.admin.name,
          passwordHash,
        });
        await tx.query('INSERT INTO memberships (tenant_id, user_id, roles) VALUES ($1, $2, $3)', [tenantId, admin.id, [Role.TenantAdmin]]);
        await recordAudit(tx, {
          tenantId,
          actor: actor ? { userId: actor.userId, apiKeyId: null } : null,
          action: 'tenant.created',
          targetType: 'Tenant',
          targetId: tenantId,
          details: { slug: data.slug, adminUserId: admin.id, adminExisted: admin.existed },
        });
        const manager = await tx.manager();
        return Tenant.from(await manager.findOneByOrFail(TenantEntity, { id: tenantId }));
      });
    } catch (error) {
      // Two creations of one slug at once: the unique index decides, the loser is told why.
      if ((error as { constraint?: string }).constraint === 'tenants_slug_key') {
        throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'A tenant with this slug exists', 'slug');
      }
      throw error;
    }
  }

  /** Platform-level: every tenant, by name (the resolver allows it to platform administrators). */
  async listTenants(tx: Pick<TenantTransaction, 'query'>): Promise<Tenant[]> {
    const rows = await tx.query<TenantEntity>(
      `SELECT id, slug, name, time_zone AS "timeZone", locale, holiday_region AS "holidayRegion", logo_url AS "logoUrl",
              created_at AS "createdAt"
         FROM platform_tenants()`,
    );
    return rows.map((row) => Tenant.from(row));
  }

  async currentTenant(ctx: RequestContext): Promise<Tenant> {
    const viewer = ctx.requireTenantViewer();
    const row = await ctx.loaders.tenantById.load(viewer.tenantId);
    if (!row) throw new Error('The tenant of an authenticated viewer is not visible');
    return Tenant.from(row);
  }

  /** The tenant administrator sets how the tenant's public pages show it (its logo), audited. */
  async updateBranding(ctx: RequestContext, input: UpdateTenantBrandingInput): Promise<Tenant> {
    const viewer = ctx.requireTenantViewer();
    if (!viewer.roles.has(Role.TenantAdmin)) throw forbidden("Only the tenant administrator sets the tenant's branding");
    const data = validateInput(UpdateTenantBrandingInput.schema, input);
    await ctx.db.query('UPDATE tenants SET logo_url = $2 WHERE id = $1', [viewer.tenantId, data.logoUrl]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'tenant.branding-updated',
      targetType: 'Tenant',
      targetId: viewer.tenantId,
      details: { logoChars: data.logoUrl?.length ?? 0 },
    });
    const manager = await ctx.db.manager();
    return Tenant.from(await manager.findOneByOrFail(TenantEntity, { id: viewer.tenantId }));
  }
}
