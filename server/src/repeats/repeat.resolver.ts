import { Ctx, Field, FieldResolver, ObjectType, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Complaint } from '../complaints/complaint.types';

@ObjectType({ description: 'Another complaint this one is linked to as a repeat' })
export class RelatedComplaint {
  @Field({ description: 'REPEATS: this complaint repeats it; REPEATED_BY: it repeats this complaint' }) direction: string;
  @Field({ description: 'What they share: COMPLAINANT, ASSET or PRODUCT' }) match: string;
  @Field(() => Complaint) complaint: Complaint;
}

@Resolver(() => Complaint)
export class RepeatResolver {
  @FieldResolver(() => [RelatedComplaint], { description: 'Repeat complaints linked to this one that the viewer may see, oldest first' })
  async relatedComplaints(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<RelatedComplaint[]> {
    const rows = await ctx.db.query(
      `SELECT 'REPEATS' AS direction, l.match, l.related_complaint_id AS other FROM complaint_links l
        WHERE l.tenant_id = $1 AND l.complaint_id = $2
       UNION ALL
       SELECT 'REPEATED_BY', l.match, l.complaint_id FROM complaint_links l
        WHERE l.tenant_id = $1 AND l.related_complaint_id = $2`,
      [complaint.row.tenantId, complaint.row.id],
    );
    const related: RelatedComplaint[] = [];
    for (const row of rows) {
      const other = await ctx.services.complaintQueries.visibleById(ctx, row.other);
      if (other) related.push({ direction: row.direction, match: row.match, complaint: Complaint.from(other) });
    }
    return related.sort((a, b) => a.complaint.row.receivedAt.getTime() - b.complaint.row.receivedAt.getTime());
  }
}
