import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { ComplaintPayload } from './complaint.inputs';
import { Evidence, PublicEvidence } from './complaint.types';
import { AddComplainantEvidenceInput, AddComplainantEvidencePayload, AddEvidenceInput } from './evidence.types';

/**
 * Adding files to a complaint, and the download URLs of its files. An Evidence or
 * PublicEvidence object exists only where the complaint's access rules were passed (the
 * complaint was found for this viewer, or by its tracking code), so its resolvers may sign.
 */
@Resolver(() => Evidence)
export class EvidenceResolver {
  @Authorized()
  @Mutation(() => ComplaintPayload, { description: 'Attaches files this member staged (POST /files/uploads) to a complaint they may see' })
  async addEvidence(@Arg('input', () => AddEvidenceInput) input: AddEvidenceInput, @Ctx() ctx: RequestContext): Promise<ComplaintPayload> {
    return ComplaintPayload.of(await ctx.services.evidence.addByStaff(ctx, input));
  }

  @Mutation(() => AddComplainantEvidencePayload, {
    description: 'The complainant attaches files they staged with their tracking code to their open complaint; no account needed',
  })
  async addComplainantEvidence(
    @Arg('input', () => AddComplainantEvidenceInput) input: AddComplainantEvidenceInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddComplainantEvidencePayload> {
    await ctx.services.rateLimits.checkPublic('complainantEvidence', ctx.clientAddress, input.tenantSlug);
    await ctx.services.evidence.addByComplainant(ctx.db, input);
    const status = await ctx.services.complaintQueries.publicStatusAfterChange(
      ctx.db,
      input.tenantSlug,
      input.trackingCode,
      ctx.requestedLocale,
    );
    return { status, errors: [] };
  }

  @FieldResolver(() => String, { nullable: true, description: 'A short-lived URL of the file (GET); null for a metadata-only record' })
  downloadUrl(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): string | null {
    return evidence.hasFile ? ctx.services.files.urls.url(evidence.tenantId, evidence.rowId, 'original') : null;
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A short-lived URL of a small WebP thumbnail, for images that could be drawn',
  })
  thumbnailUrl(@Root() evidence: Evidence, @Ctx() ctx: RequestContext): string | null {
    return evidence.hasThumbnail ? ctx.services.files.urls.url(evidence.tenantId, evidence.rowId, 'thumbnail') : null;
  }
}

@Resolver(() => PublicEvidence)
export class PublicEvidenceResolver {
  @FieldResolver(() => String, { description: 'A short-lived URL of the file (GET)' })
  downloadUrl(@Root() evidence: PublicEvidence, @Ctx() ctx: RequestContext): string {
    return ctx.services.files.urls.url(evidence.tenantId, evidence.rowId, 'original');
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: 'A short-lived URL of a small WebP thumbnail, for images that could be drawn',
  })
  thumbnailUrl(@Root() evidence: PublicEvidence, @Ctx() ctx: RequestContext): string | null {
    return evidence.hasThumbnail ? ctx.services.files.urls.url(evidence.tenantId, evidence.rowId, 'thumbnail') : null;
  }
}
