import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Complaint } from '../complaints/complaint.types';
import { PageArgs } from '../graphql/connection';
import { User } from '../identity/identity.types';
import { describeProvisional } from '../calendar/provisional';
import { FollowUpFilter, FollowUpTask, FollowUpTaskConnection } from './follow-up.types';

@Resolver(() => FollowUpTask)
export class FollowUpResolver {
  @Authorized()
  @Query(() => FollowUpTaskConnection, {
    description: 'Follow-up tasks of the complaints the viewer may see, earliest due first; overdue ones flagged',
  })
  followUps(
    @Arg('filter', () => FollowUpFilter, { nullable: true }) filter: FollowUpFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.followUps.list(ctx, filter, page);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who makes the visit: the owner, else whoever received it' })
  async assignee(@Root() task: FollowUpTask, @Ctx() ctx: RequestContext): Promise<User | null> {
    const row = task.row.assigneeId ? await ctx.loaders.userById.load(task.row.assigneeId) : null;
    return row ? User.from(row) : null;
  }

  @FieldResolver(() => String, { nullable: true, description: "Why the due time is provisional, in the viewer's language" })
  async provisionalReason(@Root() task: FollowUpTask, @Ctx() ctx: RequestContext): Promise<string | null> {
    return describeProvisional(task.row.provisionalReason, await ctx.locale());
  }

  @FieldResolver(() => Complaint)
  async complaint(@Root() task: FollowUpTask, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.services.complaintQueries.visibleById(ctx, task.row.complaintId);
    return row ? Complaint.from(row) : null;
  }
}
