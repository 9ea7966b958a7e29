import { Arg, Authorized, Ctx, ID, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Node, fromGlobalId } from '../graphql/relay';
import { toAsset } from '../complaints/complaint.mappers';
import { Complaint } from '../complaints/complaint.types';
import { Department, Tenant, User } from './identity.types';

/** Relay's `node(id)`: any object by its global id, or null when the viewer cannot see it. */
@Resolver()
export class NodeResolver {
  @Authorized()
  @Query(() => Node, { nullable: true })
  async node(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Node | null> {
    ctx.requireTenantViewer();
    const decoded = fromGlobalId(id);
    if (!decoded) return null;
    switch (decoded.type) {
      case 'Tenant': {
        const row = await ctx.loaders.tenantById.load(decoded.id);
        return row ? Tenant.from(row) : null;
      }
      case 'User': {
        const row = await ctx.loaders.userById.load(decoded.id);
        return row ? User.from(row) : null;
      }
      case 'Department': {
        const row = await ctx.loaders.departmentById.load(decoded.id);
        return row ? Department.from(row) : null;
      }
      case 'Complaint': {
        const row = await ctx.services.complaintQueries.visibleById(ctx, decoded.id);
        return row ? Complaint.from(row) : null;
      }
      case 'Asset': {
        const row = await ctx.loaders.complaints.assetById.load(decoded.id);
        return row ? toAsset(row) : null;
      }
      default:
        return null;
    }
  }
}
