import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { User } from '../identity/identity.types';
import { EVENT_KINDS } from './complaint.enums';
import { ApprovalStep, ComplaintEvent, Investigation } from './complaint.types';

/** The user with this id as the viewer may see them, or null. */
export async function userOrNull(ctx: RequestContext, id: string | null): Promise<User | null> {
  const row = id ? await ctx.loaders.userById.load(id) : null;
  return row ? User.from(row) : null;
}

@Resolver(() => ComplaintEvent)
export class ComplaintEventResolver {
  @FieldResolver(() => String)
  async kindLabel(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Promise<string> {
    return EVENT_KINDS[event.kind].label[await ctx.locale()];
  }

  @FieldResolver(() => User, { nullable: true, description: 'Null when the complainant filed it through the public form' })
  actor(@Root() event: ComplaintEvent, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, event.actorUserId);
  }
}

@Resolver(() => ApprovalStep)
export class ApprovalStepResolver {
  @FieldResolver(() => User, { nullable: true })
  decidedBy(@Root() step: ApprovalStep, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, step.decidedById);
  }
}

@Resolver(() => Investigation)
export class InvestigationResolver {
  @FieldResolver(() => User, { nullable: true, description: 'The responsible person, when they are a member' })
  responsibleUser(@Root() investigation: Investigation, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, investigation.responsibleUserId);
  }

  @FieldResolver(() => User, { nullable: true })
  recordedBy(@Root() investigation: Investigation, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, investigation.recordedById);
  }
}
