import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { SubmitComplaintInput, SubmitComplaintPayload } from './complaint.inputs';
import { PublicComplaintStatus } from './complaint.types';

/** What a complainant can do without an account: file a complaint and follow it by its tracking code. */
@Resolver()
export class PublicIntakeResolver {
  @Mutation(() => SubmitComplaintPayload, { description: 'Public form; no account needed' })
  async submitComplaint(@Arg('input') input: SubmitComplaintInput, @Ctx() ctx: RequestContext): Promise<SubmitComplaintPayload> {
    return { trackingCode: await ctx.services.complaintIntake.submit(input), errors: [] };
  }

  @Query(() => PublicComplaintStatus, {
    description: 'The public status of a complaint; NOT_FOUND for an unknown organization or code',
  })
  complaintStatus(
    @Arg('tenantSlug') tenantSlug: string,
    @Arg('trackingCode') trackingCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicComplaintStatus> {
    return ctx.services.complaintQueries.publicStatus(tenantSlug, trackingCode, ctx.requestedLocale);
  }
}
