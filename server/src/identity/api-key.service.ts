import { randomUUID } from 'node:crypto';
import { formatApiKey, generateApiKeySecret } from '../auth/api-key';
import type { RequestContext } from '../context/request-context';
import { ApiKeyEntity } from '../entities';
import type { Connection, PageArgs } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { camelRow } from '../complaints/complaint-rows';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { recordAudit } from './audit';
import { ApiKey, CreateApiKeyInput, type RevokeApiKeyInput } from './identity.types';
import { assertKeyMayGrant } from './key-delegation';
import type { MemberService } from './member.service';

/** Credentials for integrations: hashed at rest, the secret shown once, revocable. */
export class ApiKeyService {
  constructor(private readonly members: MemberService) {}

  async create(ctx: RequestContext, input: CreateApiKeyInput): Promise<{ apiKey: ApiKey; secret: string }> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(CreateApiKeyInput.schema, input);
    await this.members.assertKnownRoles(ctx, viewer.tenantId, data.roles);
    assertKeyMayGrant(viewer, data.roles);
    const id = randomUUID();
    const { secret, secretHash } = generateApiKeySecret();
    await ctx.db.query('INSERT INTO api_keys (id, tenant_id, name, secret_hash, roles, created_by) VALUES ($1, $2, $3, $4, $5, $6)', [
      id,
      viewer.tenantId,
      data.name,
      secretHash,
      data.roles,
      viewer.userId,
    ]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'api-key.created',
      targetType: 'ApiKey',
      targetId: id,
      details: { name: data.name, roles: data.roles },
    });
    return { apiKey: await this.load(ctx, id), secret: formatApiKey(id, secret) };
  }

  async revoke(ctx: RequestContext, input: RevokeApiKeyInput): Promise<ApiKey> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(input.id, 'ApiKey', 'id');
    const rows = await ctx.db.query('UPDATE api_keys SET revoked_at = app_now() WHERE id = $1 AND revoked_at IS NULL RETURNING id', [id]);
    if (!rows.length) {
      const [exists] = await ctx.db.query('SELECT 1 FROM api_keys WHERE id = $1', [id]);
      throw exists
        ? new UserFailure(UserErrorCode.INVALID_INPUT, 'The API key is already revoked', 'id')
        : new UserFailure(UserErrorCode.NOT_FOUND, 'No API key with this id', 'id');
    }
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'api-key.revoked',
      targetType: 'ApiKey',
      targetId: id,
    });
    return this.load(ctx, id);
  }

  async list(ctx: RequestContext, args: PageArgs): Promise<Connection<ApiKey>> {
    const viewer = ctx.requireTenantViewer();
    // The secret's hash is not read.
    return keysetPage(
      ctx.db,
      {
        select: 'k.id, k.tenant_id, k.name, k.roles, k.created_by, k.created_at, k.revoked_at',
        from: 'api_keys k',
        where: 'k.tenant_id = $1',
        params: [viewer.tenantId],
        orderBy: { column: 'k.created_at', id: 'k.id', direction: 'ASC' },
        rowOf: (row) => camelRow<Omit<ApiKeyEntity, 'secretHash'>>(row),
        positionOf: (row) => ({ sortKey: row.createdAt, id: row.id }),
      },
      args,
      ApiKey.from,
    );
  }

  private async load(ctx: RequestContext, id: string): Promise<ApiKey> {
    const manager = await ctx.db.manager();
    return ApiKey.from(await manager.findOneByOrFail(ApiKeyEntity, { id }));
  }
}
