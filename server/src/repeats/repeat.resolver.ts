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
    const related = await ctx.services.relatedComplaints.visibleRelated(ctx, complaint.row);
    return related.map((link) => ({ direction: link.direction, match: link.match, complaint: Complaint.from(link.complaint) }));
  }
}
