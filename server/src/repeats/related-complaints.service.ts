import type { RequestContext } from '../context/request-context';
import type { ComplaintRow } from '../complaints/complaint-rows';

export interface RelatedComplaintRow {
  direction: string;
  match: string;
  complaint: ComplaintRow;
}

/** The repeat complaints linked to a complaint, as far as the viewer may see them. */
export class RelatedComplaintService {
  /**
   * The linked complaints the viewer may see, oldest first. The links of every complaint an
   * operation asks about are read in one statement, and the complaints they name in another.
   */
  async visibleRelated(ctx: RequestContext, complaint: ComplaintRow): Promise<RelatedComplaintRow[]> {
    const links = await ctx.loaders.repeatLinks.load({ tenantId: complaint.tenantId, complaintId: complaint.id });
    const others = await Promise.all(links.map((link) => ctx.services.complaintQueries.visibleById(ctx, link.other)));
    const related: RelatedComplaintRow[] = [];
    links.forEach((link, index) => {
      const other = others[index];
      if (other) related.push({ direction: link.direction, match: link.match, complaint: other });
    });
    return related.sort((a, b) => a.complaint.receivedAt.getTime() - b.complaint.receivedAt.getTime());
  }
}
