import { Arg, Authorized, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import * as In from './complaint.inputs';

/**
 * The lifecycle mutations. Each needs a tenant member; which roles may take which step is
 * the state machine's business (lifecycle.ts), checked in the service under a row lock.
 */
@Resolver()
export class ComplaintLifecycleResolver {
  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Records a complaint received by staff through any channel' })
  async fileComplaint(
    @Arg('input', () => In.FileComplaintInput) input: In.FileComplaintInput,
    @Ctx() ctx: RequestContext,
  ): Promise<In.ComplaintPayload> {
    return In.ComplaintPayload.of(await ctx.services.complaintIntake.file(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async acknowledgeComplaint(@Arg('input') input: In.AcknowledgeComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.acknowledge(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: "Accepts with a category, or rejects with one of the plugin's reasons" })
  async assessComplaint(@Arg('input', () => In.AssessComplaintInput) input: In.AssessComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.assess(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Assigns, or hands over, to a department and/or a handler' })
  async assignComplaint(@Arg('input', () => In.AssignComplaintInput) input: In.AssignComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.assign(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async recordInvestigation(
    @Arg('input', () => In.RecordInvestigationInput) input: In.RecordInvestigationInput,
    @Ctx() ctx: RequestContext,
  ) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.recordInvestigation(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Proposes a resolution; the plugin sets its approval chain' })
  async proposeResolution(@Arg('input', () => In.ProposeResolutionInput) input: In.ProposeResolutionInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.proposeResolution(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Decides the pending approval step; needs the role it names' })
  async decideApproval(@Arg('input', () => In.DecideApprovalInput) input: In.DecideApprovalInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.decideApproval(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async markResolutionExecuted(
    @Arg('input', () => In.MarkResolutionExecutedInput) input: In.MarkResolutionExecutedInput,
    @Ctx() ctx: RequestContext,
  ) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.markExecuted(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async respondToComplainant(
    @Arg('input', () => In.RespondToComplainantInput) input: In.RespondToComplainantInput,
    @Ctx() ctx: RequestContext,
  ) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.respond(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async recordFollowUp(@Arg('input', () => In.RecordFollowUpInput) input: In.RecordFollowUpInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.recordFollowUp(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async closeComplaint(@Arg('input', () => In.CloseComplaintInput) input: In.CloseComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.close(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async reopenComplaint(@Arg('input', () => In.ReopenComplaintInput) input: In.ReopenComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.reopen(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Puts the complaint on the major-complaint path' })
  async escalateComplaint(@Arg('input', () => In.EscalateComplaintInput) input: In.EscalateComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.escalate(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload)
  async withdrawComplaint(@Arg('input', () => In.WithdrawComplaintInput) input: In.WithdrawComplaintInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.withdraw(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: 'Adds an internal note (never shown to the complainant)' })
  async addNote(@Arg('input', () => In.AddNoteInput) input: In.AddNoteInput, @Ctx() ctx: RequestContext) {
    return In.ComplaintPayload.of(await ctx.services.complaintLifecycle.addNote(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, { description: "Sets or removes industry fields, checked by the complaint's governing plugin" })
  async updateComplaintFields(
    @Arg('input', () => In.UpdateComplaintFieldsInput) input: In.UpdateComplaintFieldsInput,
    @Ctx() ctx: RequestContext,
  ) {
    return In.ComplaintPayload.of(await ctx.services.complaintRecords.updateFields(ctx, input));
  }

  @Authorized()
  @Mutation(() => In.ComplaintPayload, {
    description: 'Records that an employee refused to receive this complaint; the plugin may charge them',
  })
  async recordRefusalToReceive(
    @Arg('input', () => In.RecordRefusalToReceiveInput) input: In.RecordRefusalToReceiveInput,
    @Ctx() ctx: RequestContext,
  ) {
    return In.ComplaintPayload.of(await ctx.services.complaintRecords.recordRefusal(ctx, input));
  }
}
