import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Complaint } from '../complaints/complaint.types';
import { PageArgs } from '../graphql/connection';
import { Department, User } from '../identity/identity.types';
import { Penalty, PenaltyConnection, PenaltyFilter, PenaltyPayload, PenaltySubject, ReviewPenaltyInput } from './penalty.types';

@Resolver(() => Penalty)
export class PenaltyResolver {
  @Authorized()
  @Query(() => PenaltyConnection, { description: 'The penalty ledger, newest first: all of it for supervisors, one’s own for others' })
  penalties(
    @Arg('filter', () => PenaltyFilter, { nullable: true }) filter: PenaltyFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.penalties.list(ctx, filter, page);
  }

  @Authorized()
  @Mutation(() => PenaltyPayload, { description: 'Confirms or waives a pending penalty, once, with a comment; supervisors only' })
  async reviewPenalty(
    @Arg('input', () => ReviewPenaltyInput) input: ReviewPenaltyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<PenaltyPayload> {
    return { penalty: await ctx.services.penalties.review(ctx, input), errors: [] };
  }

  @FieldResolver(() => PenaltySubject)
  async subject(@Root() penalty: Penalty, @Ctx() ctx: RequestContext): Promise<User | Department> {
    const { subjectUserId, subjectDepartmentId } = penalty.row;
    if (subjectUserId) return User.from((await ctx.loaders.userById.load(subjectUserId))!);
    return Department.from((await ctx.loaders.departmentById.load(subjectDepartmentId!))!);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'Null when the viewer may not see the complaint' })
  async complaint(@Root() penalty: Penalty, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.services.complaintQueries.visibleById(ctx, penalty.row.complaintId);
    return row ? Complaint.from(row) : null;
  }

  @FieldResolver(() => User, { nullable: true })
  async reviewedBy(@Root() penalty: Penalty, @Ctx() ctx: RequestContext): Promise<User | null> {
    const row = penalty.row.reviewedBy ? await ctx.loaders.userById.load(penalty.row.reviewedBy) : null;
    return row ? User.from(row) : null;
  }
}
