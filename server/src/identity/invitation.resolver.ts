import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { fromGlobalId } from '../graphql/relay';
import { Viewer } from './identity.types';
import {
  AcceptInvitationInput,
  AcceptInvitationPayload,
  DeclineInvitationInput,
  DeclineInvitationPayload,
  Invitation,
} from './invitation.types';

/** A person answers the invitations of tenants they do not belong to yet. */
@Resolver(() => Viewer)
export class InvitationResolver {
  @FieldResolver(() => [Invitation], {
    description: 'Invitations to join other tenants, waiting for this person to accept or decline them',
  })
  pendingInvitations(@Root() viewer: Viewer, @Ctx() ctx: RequestContext): Promise<Invitation[]> {
    const user = fromGlobalId(viewer.user.id, 'User');
    return user ? ctx.services.invitations.pendingFor(ctx, user.id) : Promise.resolve([]);
  }

  @Authorized()
  @Mutation(() => AcceptInvitationPayload, { description: 'Joins the inviting tenant with the roles it offered' })
  async acceptInvitation(@Arg('input') input: AcceptInvitationInput, @Ctx() ctx: RequestContext): Promise<AcceptInvitationPayload> {
    return { membership: await ctx.services.invitations.accept(ctx, input), errors: [] };
  }

  @Authorized()
  @Mutation(() => DeclineInvitationPayload, { description: 'Refuses an invitation; the inviting tenant may ask again' })
  async declineInvitation(@Arg('input') input: DeclineInvitationInput, @Ctx() ctx: RequestContext): Promise<DeclineInvitationPayload> {
    return { declinedId: await ctx.services.invitations.decline(ctx, input), errors: [] };
  }
}
