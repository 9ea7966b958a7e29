import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { SubmitComplaintInput, SubmitComplaintPayload } from './complaint.inputs';
import { PublicComplaintStatus } from './complaint.types';
import { AnswerSatisfactionSurveyInput, AnswerSatisfactionSurveyPayload } from '../surveys/survey.types';
import { AddComplainantMessageInput, AddComplainantMessagePayload, PublicTenant } from './public-pages.types';

/**
 * What a complainant can do without an account (each limited per client address and per
 * organisation, checked before any work: RATE_LIMITED): learn what an organisation's form asks,
 * file a complaint, follow it by its tracking code, add a message to it and score the answer
 * they were given.
 */
@Resolver()
export class PublicIntakeResolver {
  @Query(() => PublicTenant, {
    nullable: true,
    description:
      "An organization as its public complaint pages show it (name, logo, language, the form's fields); null for an unknown slug",
  })
  async publicTenant(@Arg('slug') slug: string, @Ctx() ctx: RequestContext): Promise<PublicTenant | null> {
    await ctx.services.rateLimits.checkPublic('publicTenant', ctx.clientAddress, slug);
    return ctx.services.publicTenants.find(ctx.db, slug, ctx.requestedLocale);
  }

  @Mutation(() => SubmitComplaintPayload, { description: 'Public form; no account needed' })
  async submitComplaint(
    @Arg('input', () => SubmitComplaintInput) input: SubmitComplaintInput,
    @Ctx() ctx: RequestContext,
  ): Promise<SubmitComplaintPayload> {
    await ctx.services.rateLimits.checkPublic('submitComplaint', ctx.clientAddress, input.tenantSlug);
    return { trackingCode: await ctx.services.complaintIntake.submit(ctx.db, input, ctx.requestedLocale), errors: [] };
  }

  @Query(() => PublicComplaintStatus, {
    nullable: true,
    description: 'The public status of a complaint; null, the same answer, for an unknown organization or code',
  })
  async complaintStatus(
    @Arg('tenantSlug') tenantSlug: string,
    @Arg('trackingCode') trackingCode: string,
    @Ctx() ctx: RequestContext,
  ): Promise<PublicComplaintStatus | null> {
    await ctx.services.rateLimits.checkPublic('complaintStatus', ctx.clientAddress, tenantSlug);
    return ctx.services.complaintQueries.publicStatus(ctx.db, tenantSlug, trackingCode, ctx.requestedLocale);
  }

  @Mutation(() => AnswerSatisfactionSurveyPayload, {
    description: 'The complainant scores the answer they were given, once per answer; no account needed',
  })
  async answerSatisfactionSurvey(
    @Arg('input', () => AnswerSatisfactionSurveyInput) input: AnswerSatisfactionSurveyInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AnswerSatisfactionSurveyPayload> {
    await ctx.services.rateLimits.checkPublic('satisfactionSurvey', ctx.clientAddress, input.tenantSlug);
    await ctx.services.complainantSurveys.answer(ctx.db, input);
    const status = await ctx.services.complaintQueries.publicStatusAfterChange(
      ctx.db,
      input.tenantSlug,
      input.trackingCode,
      ctx.requestedLocale,
    );
    return { status, errors: [] };
  }

  @Mutation(() => AddComplainantMessagePayload, {
    description:
      'The complainant adds a message to their complaint (plain text): on its timeline for the staff, and in the public history; no account needed',
  })
  async addComplainantMessage(
    @Arg('input', () => AddComplainantMessageInput) input: AddComplainantMessageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddComplainantMessagePayload> {
    await ctx.services.rateLimits.checkPublic('complainantMessage', ctx.clientAddress, input.tenantSlug);
    await ctx.services.complainantMessages.add(ctx.db, input);
    const status = await ctx.services.complaintQueries.publicStatusAfterChange(
      ctx.db,
      input.tenantSlug,
      input.trackingCode,
      ctx.requestedLocale,
    );
    return { status, errors: [] };
  }
}
