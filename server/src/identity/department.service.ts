import { randomUUID } from 'node:crypto';
import type { RequestContext } from '../context/request-context';
import { DepartmentEntity } from '../entities';
import type { Connection, PageArgs } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { camelRow } from '../complaints/complaint-rows';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import { recordAudit } from './audit';
import { CreateDepartmentInput, Department } from './identity.types';

export class DepartmentService {
  async create(ctx: RequestContext, input: CreateDepartmentInput): Promise<Department> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(CreateDepartmentInput.schema, input);
    let parentId: string | null = null;
    if (data.parentId) {
      parentId = requireGlobalId(data.parentId, 'Department', 'parentId');
      if (!(await ctx.loaders.departmentById.load(parentId))) {
        throw new UserFailure(UserErrorCode.NOT_FOUND, 'No department with this id', 'parentId');
      }
    }
    const [taken] = await ctx.db.query('SELECT 1 FROM departments WHERE tenant_id = $1 AND code = $2', [viewer.tenantId, data.code]);
    if (taken) throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'A department with this code exists', 'code');
    const id = randomUUID();
    await ctx.db.query('INSERT INTO departments (id, tenant_id, code, name, parent_id) VALUES ($1, $2, $3, $4, $5)', [
      id,
      viewer.tenantId,
      data.code,
      data.name,
      parentId,
    ]);
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'department.created',
      targetType: 'Department',
      targetId: id,
      details: { code: data.code, name: data.name, parentId },
    });
    const manager = await ctx.db.manager();
    return Department.from(await manager.findOneByOrFail(DepartmentEntity, { id }));
  }

  async list(ctx: RequestContext, args: PageArgs): Promise<Connection<Department>> {
    const viewer = ctx.requireTenantViewer();
    return keysetPage(
      ctx.db,
      {
        select: 'd.id, d.tenant_id, d.code, d.name, d.parent_id, d.created_at',
        from: 'departments d',
        where: 'd.tenant_id = $1',
        params: [viewer.tenantId],
        orderBy: { column: 'd.created_at', id: 'd.id', direction: 'ASC' },
        rowOf: (row) => camelRow<DepartmentEntity>(row),
        positionOf: (row) => ({ sortKey: row.createdAt, id: row.id }),
      },
      args,
      Department.from,
    );
  }
}
