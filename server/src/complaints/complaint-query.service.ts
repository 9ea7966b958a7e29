import { CHANNEL, COMPLAINT_STATUS, DEMAND, PRIORITY, RESOLUTION_KIND, SATISFACTION_DIMENSION, type Locale } from '@redress/plugin-api';
import type { RequestContext } from '../context/request-context';
import type { TenantTransaction } from '../db/tenant-transaction';
import { badUserInput, notFound } from '../graphql/errors';
import type { Connection, PageArgs } from '../graphql/connection';
import { ALONG, keysetPage } from '../db/keyset-page';
import { entityFromPrefixed, prefixedColumns } from '../db/entity-rows';
import { DepartmentEntity, UserEntity } from '../entities';
import { fromGlobalId } from '../graphql/relay';
import type { BoundPlugin, PluginHost } from '../plugins/plugin-host';
import type { ReadAheadRows } from './complaint-loaders';
import { camelRow, type ApprovalStepRow, type ComplaintRow, type DeadlineRow, type EventRow, type EvidenceRow } from './complaint-rows';
import { toPublicEvidence } from './complaint.mappers';
import { EVENT_KINDS } from './complaint.enums';
import { ComplaintOrderField, OrderDirection, type ComplaintFilter, type ComplaintOrder } from './complaint.inputs';
import type { Category, ComplaintVocabulary, PublicComplaintStatus } from './complaint.types';
import { normalizeTrackingCode, trackedTenant } from './tracking-code';
import { complainantMessageOf } from './complainant-message.service';
import { complainantSurveyState } from '../surveys/satisfaction-answers';
import { surveySettingsOf } from '../surveys/survey-settings.service';
import { complaintVisibility, mayViewComplaint, visibilityCondition, type ComplaintVisibility } from './complaint-visibility';
import type { IdRow } from '../db/common-rows';

const EVENT_COLUMNS = [
  'id',
  'seq',
  'complaint_id',
  'kind',
  'from_status',
  'to_status',
  'actor_user_id',
  'actor_api_key_id',
  'is_public',
  'changes',
  'decided_by',
  'created_at',
];

const ORDER_COLUMN: Record<ComplaintOrderField, string> = {
  [ComplaintOrderField.RECEIVED_AT]: 'received_at',
  [ComplaintOrderField.NUMBER]: 'number',
  [ComplaintOrderField.UPDATED_AT]: 'updated_at',
};

/** The stages whose clock tells the complainant when to expect the next answer. */
const ANSWER_STAGES = new Set(['ACKNOWLEDGE', 'RESPOND', 'CLOSE']);

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

type Vocabulary = { values: readonly string[]; labels: Record<string, Record<Locale, string>> };

export const labelledValues = (vocabulary: Vocabulary, locale: Locale) =>
  vocabulary.values.map((value) => ({ value, label: vocabulary.labels[value][locale] }));

/** Reads of complaints: the filtered, ordered list; one complaint; the public status view. */
export class ComplaintQueryService {
  constructor(private readonly plugins: PluginHost) {}

  async list(
    ctx: RequestContext,
    filter: ComplaintFilter | null | undefined,
    order: ComplaintOrder | null | undefined,
    page: PageArgs,
    /** Fields every complaint of the page will be asked for: their rows are read with the page. */
    readAhead: ReadonlySet<string> = new Set(),
  ): Promise<Connection<ComplaintRow>> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId];
    const where = ['c.tenant_id = $1', ...this.conditions(filter ?? {}, params, complaintVisibility(viewer))];
    const field = order?.field ?? ComplaintOrderField.RECEIVED_AT;
    const direction = order?.direction ?? OrderDirection.DESC;
    const column = ORDER_COLUMN[field];
    return keysetPage(
      ctx.db,
      {
        select: 'c.*',
        from: 'complaints c',
        where: where.join(' AND '),
        params,
        along: this.alongOf(ctx, readAhead),
        // Compared as stored, so the tenant's index on the column and id serves the page.
        orderBy: {
          column: `c.${column}`,
          id: 'c.id',
          direction,
          keyType: field === ComplaintOrderField.NUMBER ? 'bigint' : 'timestamptz',
          asStored: true,
          tag: field,
        },
        rowOf: (row) => camelRow<ComplaintRow>(row),
        positionOf: (row) => ({ sortKey: complaintSortKey(row, field), id: row.id }),
      },
      page,
      (row, along) => {
        // Rows fetched here are the ones field resolvers will ask for: prime the loaders.
        ctx.loaders.complaints.complaintById.prime(row.id, row);
        this.primeAlong(ctx, row, along, readAhead);
        return row;
      },
    );
  }

  /** The rows read with each complaint of a page, for the fields of `readAhead` that have them. */
  private alongOf(ctx: RequestContext, readAhead: ReadonlySet<string>): { joins: string; select: string } | undefined {
    const joins: string[] = [];
    const select: string[] = [];
    const { dataSource } = ctx.db;
    if (readAhead.has('owner')) {
      joins.push('LEFT JOIN users along_owner ON along_owner.id = c.owner_id');
      select.push(prefixedColumns(dataSource, UserEntity, 'along_owner', `${ALONG}owner__`));
    }
    if (readAhead.has('department')) {
      joins.push(
        'LEFT JOIN departments along_department ON along_department.tenant_id = c.tenant_id AND along_department.id = c.department_id',
      );
      select.push(prefixedColumns(dataSource, DepartmentEntity, 'along_department', `${ALONG}department__`));
    }
    if (readAhead.has('lastEvent')) {
      // One index probe per complaint, newest first, as the loader does.
      joins.push(`LEFT JOIN LATERAL (SELECT * FROM complaint_events ev WHERE ev.tenant_id = c.tenant_id AND ev.complaint_id = c.id
                    ORDER BY ev.seq DESC LIMIT 1) along_event ON true`);
      select.push(EVENT_COLUMNS.map((column) => `along_event.${column} AS ${ALONG}event__${column}`).join(', '));
    }
    if (readAhead.has('approvals')) {
      // The chain of the newest resolution, as the loader reads it; one JSON array per complaint.
      joins.push(`LEFT JOIN LATERAL (SELECT json_agg(s ORDER BY s.position) AS steps
                    FROM (SELECT r.id FROM complaint_resolutions r WHERE r.tenant_id = c.tenant_id AND r.complaint_id = c.id
                           ORDER BY r.created_at DESC, r.id DESC LIMIT 1) r
                    JOIN approval_steps s ON s.tenant_id = c.tenant_id AND s.resolution_id = r.id) along_approvals ON true`);
      select.push(`along_approvals.steps AS ${ALONG}approvals`);
    }
    return joins.length ? { joins: joins.join(' '), select: select.join(', ') } : undefined;
  }

  private primeAlong(ctx: RequestContext, row: ComplaintRow, along: Record<string, unknown>, readAhead: ReadonlySet<string>): void {
    const { dataSource } = ctx.db;
    const rows: ReadAheadRows = {};
    // A row hidden by row-level security comes back as no row, as the loaders read it.
    if (readAhead.has('owner')) {
      rows.owner = row.ownerId ? entityFromPrefixed(dataSource, UserEntity, along, 'owner__') : null;
      if (rows.owner) ctx.loaders.userById.prime(rows.owner.id, rows.owner);
    }
    if (readAhead.has('department')) {
      rows.department = row.departmentId ? entityFromPrefixed(dataSource, DepartmentEntity, along, 'department__') : null;
      if (rows.department) ctx.loaders.departmentById.prime(rows.department.id, rows.department);
    }
    if (readAhead.has('lastEvent')) {
      const event: Record<string, unknown> = {};
      for (const column of EVENT_COLUMNS) event[column] = along[`event__${column}`];
      rows.lastEvent = event.id == null ? null : camelRow<EventRow>(event);
      ctx.loaders.complaints.lastEventByComplaint.prime(row.id, rows.lastEvent);
    }
    if (readAhead.has('approvals')) {
      // JSON carries timestamps as text: made dates again, as pg makes them.
      const steps = ((along.approvals as Record<string, unknown>[] | null) ?? []).map((step) => {
        const parsed = camelRow<ApprovalStepRow>(step);
        parsed.createdAt = new Date(step.created_at as string);
        parsed.decidedAt = step.decided_at === null ? null : new Date(step.decided_at as string);
        return parsed;
      });
      rows.approvals = steps;
      ctx.loaders.complaints.approvalStepsByComplaint.prime(row.id, steps);
    }
    ctx.loaders.complaints.readAhead.set(row, rows);
  }

  async byGlobalId(ctx: RequestContext, globalId: string): Promise<ComplaintRow | null> {
    ctx.requireTenantViewer();
    const decoded = fromGlobalId(globalId, 'Complaint');
    return decoded ? this.visibleById(ctx, decoded.id) : null;
  }

  /** The complaint when the viewer may see it (row-level security and the visibility rule), else null. */
  async visibleById(ctx: RequestContext, id: string): Promise<ComplaintRow | null> {
    const viewer = ctx.requireTenantViewer();
    const load = () => ctx.loaders.complaints.complaintById.load(id);
    const row = await (ctx.sharedReads ? ctx.sharedReads.once(`complaint:${id}`, load) : load());
    return row && mayViewComplaint(complaintVisibility(viewer), row) ? row : null;
  }

  /**
   * A complaint with one of its events, when the viewer may see the complaint and it matches
   * the filter now, else null: what decides whether a live change reaches a subscriber.
   * Without a filter the row is read once for every subscriber of the event and the
   * visibility rule applied to it; with one, the filter and the rule run in one statement.
   */
  async visibleChange(
    ctx: RequestContext,
    complaintId: string,
    eventId: string,
    filter: ComplaintFilter | null | undefined,
  ): Promise<{ row: ComplaintRow; event: EventRow } | null> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId, complaintId, eventId];
    const filtered = this.conditions(filter ?? {}, [], { scope: 'TENANT' }).length > 0;
    let found: { row: ComplaintRow; event: EventRow } | null;
    if (!filtered && ctx.sharedReads) {
      found = await ctx.sharedReads.once(`change:${complaintId}:${eventId}`, () => this.selectChange(ctx, params, []));
      if (found && !mayViewComplaint(complaintVisibility(viewer), found.row)) found = null;
    } else {
      found = await this.selectChange(ctx, params, this.conditions(filter ?? {}, params, complaintVisibility(viewer)));
    }
    if (found) ctx.loaders.complaints.complaintById.prime(found.row.id, found.row);
    return found;
  }

  private async selectChange(
    ctx: RequestContext,
    params: unknown[],
    conditions: string[],
  ): Promise<{ row: ComplaintRow; event: EventRow } | null> {
    const where = ['c.tenant_id = $1', 'c.id = $2', ...conditions];
    const eventColumns = EVENT_COLUMNS.map((column) => `e.${column} AS event__${column}`).join(', ');
    const [found] = await ctx.db.query(
      `SELECT c.*, ${eventColumns} FROM complaints c JOIN complaint_events e ON e.tenant_id = c.tenant_id AND e.complaint_id = c.id AND e.id = $3
        WHERE ${where.join(' AND ')}`,
      params,
    );
    if (!found) return null;
    const complaint: Record<string, unknown> = {};
    const event: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(found)) {
      if (key.startsWith('event__')) event[key.slice('event__'.length)] = value;
      else complaint[key] = value;
    }
    return { row: camelRow<ComplaintRow>(complaint), event: camelRow<EventRow>(event) };
  }

  /** Refuses a filter the list would refuse (BAD_USER_INPUT), without running a query. */
  checkFilter(filter: ComplaintFilter | null | undefined): void {
    this.conditions(filter ?? {}, [], { scope: 'TENANT' });
  }

  /** The tenant and complaint a tracking code names; NOT_FOUND (the same answer) for an unknown organization or code. */
  async locatePublic(tx: TenantTransaction, tenantSlug: string, trackingCode: string): Promise<{ tenantId: string; complaintId: string }> {
    const tracked = await trackedTenant(tx, tenantSlug, trackingCode);
    const missing = () => notFound('No complaint with this tracking code');
    if (!tracked) throw missing();
    const { tenant, code } = tracked;
    const [found] = await tx.inScope({ tenantId: tenant.id, userId: null }, (tx) =>
      tx.query<IdRow>('SELECT id FROM complaints WHERE tracking_code = $1', [code]),
    );
    if (!found) throw missing();
    return { tenantId: tenant.id, complaintId: found.id };
  }

  /**
   * The public status right after a complainant's own change (a message, a survey answer,
   * evidence), in the transaction that found their complaint: missing, it is our fault.
   */
  async publicStatusAfterChange(
    tx: TenantTransaction,
    tenantSlug: string,
    trackingCode: string,
    requested: Locale | null,
  ): Promise<PublicComplaintStatus> {
    const status = await this.publicStatus(tx, tenantSlug, trackingCode, requested);
    if (!status) throw new Error('The complaint just changed by its complainant could not be read back');
    return status;
  }

  /**
   * The complainant's view: status, when to expect an answer, the public history. Nothing else.
   * Null, the same answer, for an unknown organization or code.
   */
  async publicStatus(
    tx: TenantTransaction,
    tenantSlug: string,
    trackingCode: string,
    requested: Locale | null,
  ): Promise<PublicComplaintStatus | null> {
    // One snapshot when this is the operation's first database work (a complainant's request,
    // a live delivery): the status, history and survey must not mix states before and after a
    // concurrent change (live delivery compares whole views to decide whether to send one).
    tx.snapshot();
    const tracked = await trackedTenant(tx, tenantSlug, trackingCode);
    // One answer (null) for an unknown organization and an unknown code: neither is confirmed to exist.
    if (!tracked) return null;
    const { tenant, code } = tracked;
    const locale = requested ?? (tenant.locale as Locale);
    return tx.inScope({ tenantId: tenant.id, userId: null }, async (tx) => {
      const [found] = await tx.query('SELECT * FROM complaints WHERE tracking_code = $1', [code]);
      if (!found) return null;
      const row = camelRow<ComplaintRow>(found);
      const events = (await tx.query('SELECT * FROM complaint_events WHERE complaint_id = $1 AND is_public ORDER BY seq', [row.id])).map(
        (event) => camelRow<EventRow>(event),
      );
      const deadlines = (
        await tx.query(
          'SELECT * FROM complaint_deadlines WHERE complaint_id = $1 AND met_at IS NULL AND cancelled_at IS NULL ORDER BY due_at',
          [row.id],
        )
      ).map((deadline) => camelRow<DeadlineRow>(deadline));
      const survey = await complainantSurveyState(tx, row);
      // A complaint not accepted is answered with the reason and where to turn (003 篇12 四; 医疗机构投诉管理办法).
      const reason = row.rejectionReason ? this.plugins.pinned(row, tenant.timeZone).rejectionReason(row.rejectionReason) : null;
      const { scaleMax } = await surveySettingsOf(tx, tenant.id);
      // Kept files only (a metadata-only record has nothing to show), and never internal ones.
      const evidence = (
        await tx.query(
          'SELECT * FROM complaint_evidence WHERE complaint_id = $1 AND file_key IS NOT NULL AND NOT internal ORDER BY created_at, id',
          [row.id],
        )
      ).map((file) => toPublicEvidence(camelRow<EvidenceRow>(file)));
      return {
        trackingCode: row.trackingCode,
        status: row.status,
        statusLabel: COMPLAINT_STATUS.labels[row.status][locale],
        receivedAt: row.receivedAt,
        nextAnswerDueAt: deadlines.find((deadline) => ANSWER_STAGES.has(deadline.stage))?.dueAt ?? null,
        history: events.map((event) => ({
          label: EVENT_KINDS[event.kind as keyof typeof EVENT_KINDS].label[locale],
          status: event.toStatus,
          at: event.createdAt,
          message: complainantMessageOf(event),
        })),
        survey: {
          open: survey.open,
          answeredAt: survey.answeredAt,
          scaleMax,
          dimensions: labelledValues(SATISFACTION_DIMENSION, locale),
        },
        rejection:
          row.status === 'REJECTED' && reason
            ? { reason: reason.publicLabel[locale], guidance: reason.guidance[locale], decidedAt: row.closedAt ?? row.updatedAt }
            : null,
        evidence,
      };
    });
  }

  vocabulary(plugin: BoundPlugin, locale: Locale): ComplaintVocabulary {
    const labelled = (vocabulary: Vocabulary) => labelledValues(vocabulary, locale);
    return {
      statuses: labelled(COMPLAINT_STATUS),
      channels: labelled(CHANNEL),
      demands: labelled(DEMAND),
      priorities: labelled(PRIORITY),
      resolutionKinds: labelled(RESOLUTION_KIND),
      satisfactionDimensions: labelled(SATISFACTION_DIMENSION),
      categories: plugin.plugin.categories.map((category) => categoryOf(plugin, category.code, locale)!),
      rejectionReasons: plugin.plugin.rejectionReasons.map((reason) => ({ value: reason.code, label: reason.label[locale] })),
    };
  }

  private conditions(filter: ComplaintFilter, params: unknown[], visibility: ComplaintVisibility): string[] {
    const conditions: string[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const visible = visibilityCondition(visibility, param);
    if (visible) conditions.push(visible);
    if (filter.status?.length) conditions.push(`c.status = ANY(${param(filter.status)}::text[])`);
    if (filter.priority?.length) conditions.push(`c.priority = ANY(${param(filter.priority)}::text[])`);
    if (filter.categoryCode) {
      conditions.push(
        `(c.category_code = ${param(filter.categoryCode)} OR c.category_code LIKE ${param(`${escapeLike(filter.categoryCode)}.%`)})`,
      );
    }
    if (filter.departmentId) conditions.push(`c.department_id = ${param(this.idOf(filter.departmentId, 'Department'))}`);
    if (filter.ownerId) conditions.push(`c.owner_id = ${param(this.idOf(filter.ownerId, 'User'))}`);
    if (filter.receivedFrom) conditions.push(`c.received_at >= ${param(filter.receivedFrom)}`);
    if (filter.receivedTo) conditions.push(`c.received_at < ${param(filter.receivedTo)}`);
    if (filter.overdue !== undefined && filter.overdue !== null) {
      conditions.push(
        `${filter.overdue ? '' : 'NOT '}EXISTS (SELECT 1 FROM complaint_deadlines d WHERE d.tenant_id = c.tenant_id
           AND d.complaint_id = c.id AND d.met_at IS NULL AND d.cancelled_at IS NULL AND d.paused_at IS NULL AND d.due_at < app_now())`,
      );
    }
    const text = filter.text?.trim();
    if (text) {
      if (text.length > 200) throw badUserInput('Search text is limited to 200 characters', 'filter.text');
      const like = param(`%${escapeLike(text)}%`);
      const exact = [
        `c.description ILIKE ${like}`,
        `EXISTS (SELECT 1 FROM customers cu WHERE cu.id = c.customer_id AND cu.name ILIKE ${like})`,
      ];
      const code = normalizeTrackingCode(text);
      if (code) exact.push(`c.tracking_code = ${param(code)}`);
      if (/^\d{1,15}$/.test(text)) exact.push(`c.number = ${param(text)}::bigint`);
      conditions.push(`(${exact.join(' OR ')})`);
    }
    return conditions;
  }

  private idOf(globalId: string, type: string): string {
    const decoded = fromGlobalId(globalId, type);
    // An id that names nothing matches nothing; it is not an error to filter by it.
    return decoded?.id ?? '00000000-0000-0000-0000-000000000000';
  }
}

export function categoryOf(plugin: BoundPlugin, code: string, locale: Locale): Category | null {
  const category = plugin.category(code);
  if (!category) return null;
  const parts = code.split('.');
  const path = parts
    .map((_, i) => plugin.category(parts.slice(0, i + 1).join('.')))
    .filter((c) => c !== null)
    .map((c) => c.label[locale]);
  return { code, label: category.label[locale], path };
}

/** A complaint's value of the column a list is ordered by, as its cursor carries it. */
function complaintSortKey(row: ComplaintRow, field: ComplaintOrderField): Date | string {
  if (field === ComplaintOrderField.NUMBER) return String(row.number);
  return field === ComplaintOrderField.UPDATED_AT ? row.updatedAt : row.receivedAt;
}
