import { Arg, Args, Authorized, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Complaint } from '../complaints/complaint.types';
import { PageArgs } from '../graphql/connection';
import { Department, User } from '../identity/identity.types';
import { WarningRecord, WarningRecordConnection, WarningRecordFilter, WarningSubject } from './warning-record.types';

@Resolver(() => WarningRecord)
export class WarningRecordResolver {
  @Authorized()
  @Query(() => WarningRecordConnection, {
    description: 'Service-quality records (警示) from closed complaints, newest first: all for supervisors, one’s own for others',
  })
  warningRecords(
    @Arg('filter', () => WarningRecordFilter, { nullable: true }) filter: WarningRecordFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.warningRecords.list(ctx, filter, page);
  }

  @FieldResolver(() => WarningSubject)
  async subject(@Root() record: WarningRecord, @Ctx() ctx: RequestContext): Promise<User | Department> {
    const { subjectUserId, subjectDepartmentId } = record.row;
    if (subjectUserId) return User.from((await ctx.loaders.userById.load(subjectUserId))!);
    return Department.from((await ctx.loaders.departmentById.load(subjectDepartmentId!))!);
  }

  @FieldResolver(() => Complaint, { nullable: true, description: 'Null when the viewer may not see the complaint' })
  async complaint(@Root() record: WarningRecord, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.services.complaintQueries.visibleById(ctx, record.row.complaintId);
    return row ? Complaint.from(row) : null;
  }
}
