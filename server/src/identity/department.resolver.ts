import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PageArgs } from '../graphql/connection';
import { CreateDepartmentInput, DepartmentConnection, DepartmentPayload } from './identity.types';
import { Role } from './roles';

@Resolver()
export class DepartmentResolver {
  @Authorized()
  @Query(() => DepartmentConnection, { description: 'The departments of the current tenant' })
  departments(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.departments.list(ctx, page);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => DepartmentPayload)
  async createDepartment(
    @Arg('input', () => CreateDepartmentInput) input: CreateDepartmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DepartmentPayload> {
    return { department: await ctx.services.departments.create(ctx, input), errors: [] };
  }
}
