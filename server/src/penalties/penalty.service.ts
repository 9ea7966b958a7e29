import type { RequestContext } from '../context/request-context';
import { recordEvent } from '../complaints/complaint-journal';
import { camelRow, type ComplaintRow } from '../complaints/complaint-rows';
import type { Connection, PageArgs } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { filterId, requireGlobalId, validateInput } from '../graphql/validate';
import { mayOverseeTenantRecords, RECORD_OVERSEERS } from '../identity/roles';
import { Penalty, PenaltyDecision, PenaltyStatus, type PenaltyFilter, type PenaltyRow, ReviewPenaltyInput } from './penalty.types';

export function toPenalty(row: PenaltyRow, locale: 'en' | 'zh-CN'): Penalty {
  return Object.assign(new Penalty(), {
    id: toGlobalId('Penalty', row.id),
    trigger: row.trigger,
    subjectRole: row.subjectRole,
    reason: row.reason[locale],
    rule: row.rule,
    points: Number(row.points),
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    status: row.status,
    reviewComment: row.reviewComment,
    reviewedAt: row.reviewedAt,
    decidedBy: row.decidedBy,
    createdAt: row.createdAt,
    row,
  });
}

/**
 * The penalty ledger: entries are written by the plugins' penalty rules (penalty-ledger.ts)
 * and reviewed once by a supervisor. Nothing is deleted: the runtime role may only insert
 * and set the review columns, and the database refuses a second review.
 */
export class PenaltyService {
  async list(ctx: RequestContext, filter: PenaltyFilter | null | undefined, args: PageArgs): Promise<Connection<Penalty>> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['p.tenant_id = $1'];
    if (!mayOverseeTenantRecords(viewer)) conditions.push(`p.subject_user_id = ${param(viewer.userId)}`);
    if (filter?.userId) conditions.push(`p.subject_user_id = ${param(filterId(filter.userId, 'User', 'userId'))}`);
    if (filter?.departmentId)
      conditions.push(`p.subject_department_id = ${param(filterId(filter.departmentId, 'Department', 'departmentId'))}`);
    if (filter?.complaintId) conditions.push(`p.complaint_id = ${param(filterId(filter.complaintId, 'Complaint', 'complaintId'))}`);
    if (filter?.status?.length) conditions.push(`p.status = ANY(${param(filter.status)}::text[])`);
    const locale = await ctx.locale();
    // Newest first.
    return keysetPage(
      ctx.db,
      {
        select: 'p.*',
        from: 'penalties p',
        where: conditions.join(' AND '),
        params,
        orderBy: { column: 'p.created_at', id: 'p.id', direction: 'DESC' },
        rowOf: (row) => camelRow<PenaltyRow>(row),
        positionOf: (row) => ({ sortKey: row.createdAt, id: row.id }),
      },
      args,
      (row) => toPenalty(row, locale),
    );
  }

  /** The entries of one complaint the viewer may see. */
  async ofComplaint(ctx: RequestContext, complaintId: string): Promise<Penalty[]> {
    const viewer = ctx.requireTenantViewer();
    const rows = await ctx.loaders.complaints.penaltiesByComplaint.load(complaintId);
    const locale = await ctx.locale();
    return rows
      .filter((row) => mayOverseeTenantRecords(viewer) || row.subjectUserId === viewer.userId)
      .map((row) => toPenalty(row, locale));
  }

  async review(ctx: RequestContext, input: ReviewPenaltyInput): Promise<Penalty> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(ReviewPenaltyInput.schema, input);
    const id = requireGlobalId(input.id, 'Penalty', 'id');
    const [found] = await ctx.db.query('SELECT * FROM penalties WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [id, viewer.tenantId]);
    if (!found) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No penalty with this id', 'id');
    const penalty = camelRow<PenaltyRow>(found);
    if (!mayOverseeTenantRecords(viewer)) throw forbidden(`Reviewing a penalty needs one of the roles: ${RECORD_OVERSEERS.join(', ')}`);
    if (penalty.subjectUserId === viewer.userId) throw forbidden('Nobody reviews a penalty they bear themselves');
    if (penalty.status !== PenaltyStatus.PENDING) {
      throw new UserFailure(UserErrorCode.ILLEGAL_TRANSITION, `The penalty was already reviewed: ${penalty.status}`);
    }
    const status = data.decision === PenaltyDecision.CONFIRM ? PenaltyStatus.CONFIRMED : PenaltyStatus.WAIVED;
    const [updated] = await ctx.db.query(
      `UPDATE penalties SET status = $2, review_comment = $3, reviewed_by = $4, reviewed_at = app_now()
        WHERE id = $1 RETURNING *`,
      [id, status, data.comment, viewer.userId],
    );
    const [complaint] = await ctx.db.query('SELECT * FROM complaints WHERE id = $1', [penalty.complaintId]);
    const row = camelRow<ComplaintRow>(complaint);
    await recordEvent(ctx.db, {
      complaint: row,
      kind: 'PENALTY_REVIEWED',
      from: row.status,
      to: row.status,
      actor: { userId: viewer.userId, apiKeyId: viewer.apiKeyId },
      changes: { penaltyId: id, decision: data.decision, status, comment: data.comment },
    });
    return toPenalty(camelRow<PenaltyRow>(updated), await ctx.locale());
  }
}
