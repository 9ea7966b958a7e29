import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import * as In from '../complaints/complaint.inputs';
import { Complaint } from '../complaints/complaint.types';
import { Penalty } from '../penalties/penalty.types';

/** The clocks of a complaint: pausing while it waits on the complainant, and its penalties. */
@Resolver(() => Complaint)
export class ClockResolver {
  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Pauses the open clocks while the complaint waits on the complainant' })
  async pauseClock(@Arg('input', () => In.PauseClockInput) input: In.PauseClockInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.clocks.pause(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Resumes the paused clocks; paused time does not count' })
  async resumeClock(@Arg('input', () => In.ResumeClockInput) input: In.ResumeClockInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.clocks.resume(ctx, input));
  }

  @FieldResolver(() => Boolean, { description: 'The clocks are paused, waiting on the complainant' })
  clockPaused(@Root() complaint: Complaint): boolean {
    return complaint.row.clockPausedAt !== null;
  }

  @FieldResolver(() => [Penalty], { description: 'Ledger entries charged for this complaint that the viewer may see' })
  penalties(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Penalty[]> {
    return ctx.services.penalties.ofComplaint(ctx, complaint.row.id);
  }
}
