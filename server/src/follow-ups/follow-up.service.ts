import type { RequestContext } from '../context/request-context';
import { camelRow } from '../complaints/complaint-rows';
import { complaintVisibility, visibilityCondition } from '../complaints/complaint-visibility';
import { connectionFromRows, decodeCursor, encodeCursor, pageSize, type Connection, type PageArgs } from '../graphql/connection';
import { badUserInput } from '../graphql/errors';
import { fromGlobalId, toGlobalId } from '../graphql/relay';
import { FollowUpTask, type FollowUpFilter, type FollowUpTaskRow } from './follow-up.types';

const OPEN = 't.done_at IS NULL AND t.cancelled_at IS NULL';
const OVERDUE = `(${OPEN} AND t.due_at < clock_timestamp())`;

export function toFollowUpTask(row: FollowUpTaskRow): FollowUpTask {
  return Object.assign(new FollowUpTask(), {
    id: toGlobalId('FollowUpTask', row.id),
    sequence: row.sequence,
    dueAt: row.dueAt,
    doneAt: row.doneAt,
    cancelledAt: row.cancelledAt,
    overdue: row.overdue,
    reason: row.reason,
    decidedBy: row.decidedBy,
    row,
  });
}

/**
 * The follow-up queue: tasks planned by the plugins (follow-up-plan.ts), of the complaints
 * the viewer may see (the complaint visibility rule), earliest due first. Served by
 * `follow_up_tasks_assignee_idx` for an assignee's open tasks and `follow_up_tasks_due_idx`
 * otherwise; both lead with the tenant.
 */
export class FollowUpService {
  async list(ctx: RequestContext, filter: FollowUpFilter | null | undefined, args: PageArgs): Promise<Connection<FollowUpTask>> {
    const viewer = ctx.requireTenantViewer();
    const limit = pageSize(args.first);
    const params: unknown[] = [viewer.tenantId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['t.tenant_id = $1', 'c.tenant_id = $1'];
    if (!filter?.includeClosed) conditions.push(OPEN);
    if (filter?.assigneeId) {
      const decoded = fromGlobalId(filter.assigneeId, 'User');
      if (!decoded) throw badUserInput('Not a User id', 'filter.assigneeId');
      conditions.push(`t.assignee_id = ${param(decoded.id)}::uuid`);
    }
    if (filter?.dueBefore) {
      if (Number.isNaN(filter.dueBefore.getTime())) throw badUserInput('Not a date-time', 'filter.dueBefore');
      conditions.push(`t.due_at < ${param(filter.dueBefore)}::timestamptz`);
    }
    if (filter?.overdue === true) conditions.push(OVERDUE);
    if (filter?.overdue === false) conditions.push(`NOT ${OVERDUE}`);
    const visible = visibilityCondition(complaintVisibility(viewer), param);
    if (visible) conditions.push(visible);
    const where = conditions.join(' AND ');
    const from = 'follow_up_tasks t JOIN complaints c ON c.id = t.complaint_id';
    const [{ total }] = await ctx.db.query(`SELECT count(*)::int AS total FROM ${from} WHERE ${where}`, params);
    const cursor = args.after ? decodeCursor(args.after) : null;
    const at = `date_trunc('milliseconds', t.due_at)`;
    const page = cursor ? ` AND (${at}, t.id) > (${param(cursor.createdAt)}::timestamptz, ${param(cursor.id)}::uuid)` : '';
    const rows = (
      await ctx.db.query(
        `SELECT t.*, ${OVERDUE} AS overdue FROM ${from} WHERE ${where}${page} ORDER BY ${at}, t.id LIMIT ${limit + 1}`,
        params,
      )
    ).map((row) => camelRow<FollowUpTaskRow>(row));
    return connectionFromRows(
      rows,
      limit,
      total,
      Boolean(cursor),
      (row) => encodeCursor({ createdAt: row.dueAt, id: row.id }),
      toFollowUpTask,
    );
  }
}
