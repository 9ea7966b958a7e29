import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PageArgs } from '../graphql/connection';
import {
  InviteUserInput,
  InviteUserPayload,
  MembershipConnection,
  MembershipPayload,
  RemoveMemberInput,
  RemoveMemberPayload,
  SetMemberRolesInput,
} from './identity.types';
import { Role } from './roles';

@Resolver()
export class MemberResolver {
  @Authorized()
  @Query(() => MembershipConnection, { description: 'The members of the current tenant' })
  members(@Args() page: PageArgs, @Ctx() ctx: RequestContext) {
    return ctx.services.members.list(ctx, page);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => InviteUserPayload)
  async inviteUser(@Arg('input', () => InviteUserInput) input: InviteUserInput, @Ctx() ctx: RequestContext): Promise<InviteUserPayload> {
    return { ...(await ctx.services.members.invite(ctx, input)), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => MembershipPayload)
  async setMemberRoles(
    @Arg('input', () => SetMemberRolesInput) input: SetMemberRolesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MembershipPayload> {
    return { membership: await ctx.services.members.setRoles(ctx, input), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => RemoveMemberPayload)
  async removeMember(@Arg('input') input: RemoveMemberInput, @Ctx() ctx: RequestContext): Promise<RemoveMemberPayload> {
    return { removedUserId: await ctx.services.members.remove(ctx, input), errors: [] };
  }
}
