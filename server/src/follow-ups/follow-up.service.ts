import type { RequestContext } from '../context/request-context';
import { camelRow } from '../complaints/complaint-rows';
import { complaintVisibility, visibilityCondition } from '../complaints/complaint-visibility';
import type { Connection, PageArgs } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { badUserInput } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { filterId } from '../graphql/validate';
import { FollowUpTask, type FollowUpFilter, type FollowUpTaskRow } from './follow-up.types';

const OPEN = 't.done_at IS NULL AND t.cancelled_at IS NULL';
const OVERDUE = `(${OPEN} AND t.due_at < app_now())`;

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
    provisional: row.provisional,
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
    const params: unknown[] = [viewer.tenantId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['t.tenant_id = $1', 'c.tenant_id = $1'];
    if (!filter?.includeClosed) conditions.push(OPEN);
    if (filter?.assigneeId) conditions.push(`t.assignee_id = ${param(filterId(filter.assigneeId, 'User', 'assigneeId'))}::uuid`);
    if (filter?.dueBefore) {
      if (Number.isNaN(filter.dueBefore.getTime())) throw badUserInput('Not a date-time', 'filter.dueBefore');
      conditions.push(`t.due_at < ${param(filter.dueBefore)}::timestamptz`);
    }
    if (filter?.overdue === true) conditions.push(OVERDUE);
    if (filter?.overdue === false) conditions.push(`NOT ${OVERDUE}`);
    const visible = visibilityCondition(complaintVisibility(viewer), param);
    if (visible) conditions.push(visible);
    // Earliest due first.
    return keysetPage(
      ctx.db,
      {
        select: `t.*, ${OVERDUE} AS overdue`,
        from: 'follow_up_tasks t JOIN complaints c ON c.tenant_id = t.tenant_id AND c.id = t.complaint_id',
        where: conditions.join(' AND '),
        params,
        orderBy: { column: 't.due_at', id: 't.id', direction: 'ASC' },
        rowOf: (row) => camelRow<FollowUpTaskRow>(row),
        positionOf: (row) => ({ sortKey: row.dueAt, id: row.id }),
      },
      args,
      toFollowUpTask,
    );
  }
}
