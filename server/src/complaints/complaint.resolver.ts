import { CHANNEL, COMPLAINT_STATUS, DEMAND, PRIORITY, RESOLUTION_KIND, SATISFACTION_DIMENSION, type Finding } from '@redress/plugin-api';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { connectionFromRows, PageArgs, pageSize, type Connection } from '../graphql/connection';
import { decodeSequenceCursor, encodeSequenceCursor } from '../db/keyset-page';
import { Department, User } from '../identity/identity.types';
import { ComplaintFilter, ComplaintOrder } from './complaint.inputs';
import { categoryOf } from './complaint-query.service';
import { eventPageKey } from './complaint-loaders';
import { userOrNull } from './complaint-event.resolver';
import {
  ApprovalStep,
  Asset,
  Category,
  ClosingSummary,
  Complainant,
  Complaint,
  ComplaintConnection,
  ComplaintEvent,
  ComplaintEventConnection,
  ComplaintFinding,
  ComplaintResponse,
  ComplaintVocabulary,
  Deadline,
  Evidence,
  FollowUp,
  Investigation,
  Note,
  Rejection,
  Resolution,
  Respondent,
} from './complaint.types';
import { toApprovalStep, toAsset, toDeadline, toEvidence, toResolution } from './complaint.mappers';
import { AvailableAction, availableActionsFor } from './available-actions';
import { toComplaintView } from './complaint-view';
import type { BoundPlugin } from '../plugins/plugin-host';
import { toGlobalId } from '../graphql/relay';
import { selectedFieldsAt } from '../graphql/selection';

/** Complaint queries, and the fields of a complaint that need more rows (all through DataLoaders). */
@Resolver(() => Complaint)
export class ComplaintResolver {
  @Authorized()
  @Query(() => ComplaintConnection, { description: 'Complaints of the current tenant, filtered and ordered (newest first by default)' })
  async complaints(
    @Arg('filter', () => ComplaintFilter, { nullable: true }) filter: ComplaintFilter | null,
    @Arg('orderBy', () => ComplaintOrder, { nullable: true }) orderBy: ComplaintOrder | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Connection<Complaint>> {
    const readAhead = selectedFieldsAt(info, ['edges', 'node']);
    const rows = await ctx.services.complaintQueries.list(ctx, filter, orderBy, page, readAhead);
    return { ...rows, edges: rows.edges.map((edge) => ({ cursor: edge.cursor, node: Complaint.from(edge.node) })) };
  }

  @Authorized()
  @Query(() => Complaint, { nullable: true, description: 'One complaint by id; null when the viewer cannot see it' })
  async complaint(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    const row = await ctx.services.complaintQueries.byGlobalId(ctx, id);
    return row ? Complaint.from(row) : null;
  }

  @Authorized()
  @Query(() => ComplaintVocabulary, { description: 'Statuses, channels, demands, categories and reasons with their labels' })
  async complaintVocabulary(@Ctx() ctx: RequestContext): Promise<ComplaintVocabulary> {
    const viewer = ctx.requireTenantViewer();
    const queries = ctx.services.complaintQueries;
    return queries.vocabulary(await ctx.services.plugins.forNewComplaint(ctx.db, viewer.tenantId), await ctx.locale());
  }

  @FieldResolver(() => [AvailableAction], {
    description: 'What the viewer may do with the complaint now, by the rules its mutations enforce (status, roles, approval step, clocks)',
  })
  availableActions(@Root() complaint: Complaint, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<AvailableAction[]> {
    return availableActionsFor(ctx, complaint.row, info.schema);
  }

  // Labels are synchronous once the locale is known (see RequestContext.withLocale).
  @FieldResolver(() => String)
  statusLabel(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string | Promise<string> {
    return ctx.withLocale((locale) => COMPLAINT_STATUS.labels[complaint.status][locale]);
  }

  @FieldResolver(() => String)
  channelLabel(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string | Promise<string> {
    return ctx.withLocale((locale) => CHANNEL.labels[complaint.channel][locale]);
  }

  @FieldResolver(() => [String])
  demandLabels(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string[] | Promise<string[]> {
    return ctx.withLocale((locale) => complaint.demands.map((demand) => DEMAND.labels[demand][locale]));
  }

  @FieldResolver(() => String)
  priorityLabel(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): string | Promise<string> {
    return ctx.withLocale((locale) => PRIORITY.labels[complaint.priority][locale]);
  }

  @FieldResolver(() => Category, { nullable: true })
  category(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Category | null | Promise<Category | null> {
    const code = complaint.row.categoryCode;
    if (!code) return null;
    const plugin = pinnedPlugin(ctx, complaint);
    const label = (bound: BoundPlugin) => ctx.withLocale((locale) => categoryOf(bound, code, locale));
    return plugin instanceof Promise ? plugin.then(label) : label(plugin);
  }

  @FieldResolver(() => Complainant)
  async complainant(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Complainant> {
    const customer = (await ctx.loaders.complaints.customerById.load(complaint.row.customerId))!;
    return {
      id: toGlobalId('Customer', customer.id),
      name: customer.name,
      phone: customer.phone,
      email: customer.email,
      customerId: customer.id,
    };
  }

  @FieldResolver(() => Respondent, { nullable: true })
  respondent(@Root() complaint: Complaint): Respondent | null {
    return complaint.row.respondent;
  }

  @FieldResolver(() => Department, { nullable: true })
  department(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Department | null | Promise<Department | null> {
    const ahead = ctx.loaders.complaints.readAhead.get(complaint.row);
    if (ahead?.department !== undefined) return ahead.department && Department.from(ahead.department);
    const id = complaint.row.departmentId;
    return id ? ctx.loaders.departmentById.load(id).then((row) => (row ? Department.from(row) : null)) : null;
  }

  @FieldResolver(() => User, { nullable: true, description: 'The handler who owns the complaint' })
  owner(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): User | null | Promise<User | null> {
    const ahead = ctx.loaders.complaints.readAhead.get(complaint.row);
    if (ahead?.owner !== undefined) return ahead.owner && User.from(ahead.owner);
    return userOrNull(ctx, complaint.row.ownerId);
  }

  @FieldResolver(() => User, { nullable: true, description: 'Who recorded it (first receiver); null for the public form' })
  async receivedBy(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<User | null> {
    return userOrNull(ctx, complaint.row.receivedBy);
  }

  @FieldResolver(() => Asset, { nullable: true })
  async asset(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Asset | null> {
    const id = complaint.row.assetId;
    const row = id ? await ctx.loaders.complaints.assetById.load(id) : null;
    return row ? toAsset(row) : null;
  }

  @FieldResolver(() => [Evidence])
  async evidence(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Evidence[]> {
    const rows = await ctx.loaders.complaints.evidenceByComplaint.load(complaint.row.id);
    return rows.map(toEvidence);
  }

  @FieldResolver(() => Investigation, { nullable: true })
  async investigation(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Investigation | null> {
    const row = await ctx.loaders.complaints.investigationByComplaint.load(complaint.row.id);
    return row ? { ...row, recordedAt: row.createdAt, recordedById: row.recordedBy } : null;
  }

  @FieldResolver(() => Resolution, { nullable: true, description: 'The latest proposed resolution' })
  async resolution(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Resolution | null> {
    const row = await ctx.loaders.complaints.resolutionByComplaint.load(complaint.row.id);
    return row ? toResolution(row, RESOLUTION_KIND.labels[row.kind][await ctx.locale()]) : null;
  }

  @FieldResolver(() => [ApprovalStep], { description: 'The approval chain of the latest resolution' })
  approvals(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): ApprovalStep[] | Promise<ApprovalStep[]> {
    const ahead = ctx.loaders.complaints.readAhead.get(complaint.row)?.approvals;
    if (ahead) return ctx.withLocale((locale) => ahead.map((step) => toApprovalStep(step, locale)));
    return Promise.all([ctx.loaders.complaints.approvalStepsByComplaint.load(complaint.row.id), ctx.locale()]).then(([steps, locale]) =>
      steps.map((step) => toApprovalStep(step, locale)),
    );
  }

  @FieldResolver(() => [Deadline])
  async deadlines(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Deadline[]> {
    const [rows, locale] = await Promise.all([ctx.loaders.complaints.deadlinesByComplaint.load(complaint.row.id), ctx.locale()]);
    const now = ctx.services.clock.now().getTime();
    return rows.map((row) => toDeadline(row, locale, now));
  }

  @FieldResolver(() => [ComplaintResponse])
  async responses(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintResponse[]> {
    const rows = await ctx.loaders.complaints.responsesByComplaint.load(complaint.row.id);
    return rows.map((row) => ({
      ...row,
      id: toGlobalId('ComplaintResponse', row.id),
      respondedAt: row.createdAt,
      respondedById: row.respondedBy,
    }));
  }

  @FieldResolver(() => [FollowUp])
  async followUps(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<FollowUp[]> {
    const rows = await ctx.loaders.complaints.followUpsByComplaint.load(complaint.row.id);
    return rows.map((row) => ({
      id: toGlobalId('FollowUp', row.id),
      // In the vocabulary's order (jsonb keeps no key order).
      scores: SATISFACTION_DIMENSION.values
        .filter((dimension) => dimension in row.scores)
        .map((dimension) => ({ dimension, score: row.scores[dimension] })),
      scaleMax: row.scaleMax,
      answeredBy: row.answeredBy,
      comment: row.comment,
      recordedAt: row.createdAt,
      recordedById: row.recordedBy,
    }));
  }

  @FieldResolver(() => [Note], { description: 'Internal notes, oldest first' })
  async notes(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Note[]> {
    const rows = await ctx.loaders.complaints.notesByComplaint.load(complaint.row.id);
    return rows.map((row) => ({ id: toGlobalId('Note', row.id), body: row.body, createdAt: row.createdAt, authorId: row.authorId }));
  }

  @FieldResolver(() => Rejection, { nullable: true })
  async rejection(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<Rejection | null> {
    const code = complaint.row.rejectionReason;
    if (!code) return null;
    const reason = (await pinnedPlugin(ctx, complaint)).rejectionReason(code);
    return { reasonCode: code, reasonLabel: reason?.label[await ctx.locale()] ?? code, note: complaint.row.rejectionNote };
  }

  @FieldResolver(() => [ComplaintFinding], { description: "The governing plugin's findings that apply to this complaint" })
  async findings(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): Promise<ComplaintFinding[]> {
    const plugin = await pinnedPlugin(ctx, complaint);
    const [locale, history, resolution] = await Promise.all([
      ctx.locale(),
      ctx.loaders.complaints.complainantHistory.load(complaint.row.id),
      ctx.loaders.complaints.resolutionByComplaint.load(complaint.row.id),
    ]);
    // Findings measure periods to the complaint's own dates, the execution among them.
    const view = toComplaintView(complaint.row, history, resolution?.executedAt ?? null);
    return plugin.plugin.findings
      .map((rule) => plugin.run(rule, view) as Finding | null)
      .filter((finding) => finding !== null)
      .map((finding) => ({ code: finding.code, label: finding.label[locale], cites: finding.cites, details: finding.details }));
  }

  @FieldResolver(() => ClosingSummary, { nullable: true })
  closing(@Root() complaint: Complaint): ClosingSummary | null {
    const { closingSummary, lossAmount, lossCurrency } = complaint.row;
    if (!closingSummary) return null;
    return { summary: closingSummary, lossAmount: lossAmount === null ? null : Number(lossAmount), lossCurrency };
  }

  @FieldResolver(() => ComplaintEvent, { nullable: true, description: 'The newest entry of the timeline' })
  lastEvent(@Root() complaint: Complaint, @Ctx() ctx: RequestContext): ComplaintEvent | null | Promise<ComplaintEvent | null> {
    const ahead = ctx.loaders.complaints.readAhead.get(complaint.row);
    if (ahead?.lastEvent !== undefined) return ahead.lastEvent && ComplaintEvent.from(ahead.lastEvent);
    return ctx.loaders.complaints.lastEventByComplaint.load(complaint.row.id).then((row) => (row ? ComplaintEvent.from(row) : null));
  }

  @FieldResolver(() => ComplaintEventConnection, { description: 'The timeline, oldest first' })
  async events(@Root() complaint: Complaint, @Args() page: PageArgs, @Ctx() ctx: RequestContext): Promise<Connection<ComplaintEvent>> {
    const limit = pageSize(page.first);
    const afterSeq = page.after ? decodeSequenceCursor('event', page.after) : null;
    const { rows, totalCount } = await ctx.loaders.complaints.eventPage.load(
      eventPageKey({ complaintId: complaint.row.id, limit, afterSeq }),
    );
    return connectionFromRows(
      rows,
      limit,
      totalCount,
      afterSeq !== null,
      (row) => encodeSequenceCursor('event', row.seq),
      ComplaintEvent.from,
    );
  }
}

/** The plugin that governs the complaint, on its tenant's clock. */
function pinnedPlugin(ctx: RequestContext, complaint: Complaint): BoundPlugin | Promise<BoundPlugin> {
  // The tenant read as the transaction opened serves without waiting (see authenticate).
  const known = ctx.db.tenant?.id === complaint.row.tenantId ? ctx.db.tenant : null;
  if (known) return ctx.services.plugins.pinned(complaint.row, known.timeZone);
  return ctx.loaders.tenantById.load(complaint.row.tenantId).then((tenant) => ctx.services.plugins.pinned(complaint.row, tenant!.timeZone));
}
