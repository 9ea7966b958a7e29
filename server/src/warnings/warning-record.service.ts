import type { RequestContext } from '../context/request-context';
import { camelRow } from '../complaints/complaint-rows';
import type { Connection, PageArgs } from '../graphql/connection';
import { keysetPage } from '../db/keyset-page';
import { badUserInput } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { filterId } from '../graphql/validate';
import { mayOverseeTenantRecords } from '../identity/roles';
import { WarningRecord, type WarningRecordFilter, type WarningRecordRow } from './warning-record.types';

export function toWarningRecord(row: WarningRecordRow): WarningRecord {
  return Object.assign(new WarningRecord(), {
    id: toGlobalId('WarningRecord', row.id),
    subjectRole: row.subjectRole,
    categoryCode: row.categoryCode,
    major: row.major,
    cause: row.cause,
    deadlinesMissed: row.deadlinesMissed,
    penaltyPoints: Number(row.penaltyPoints),
    closedAt: row.closedAt,
    row,
  });
}

/**
 * The warning records (warning-record-writer.ts), newest closing first. Supervisors and
 * administrators see every department's and person's record; everyone else their own.
 * Served by `warning_records_period_idx`, or the department or user index when filtered.
 */
export class WarningRecordService {
  async list(ctx: RequestContext, filter: WarningRecordFilter | null | undefined, args: PageArgs): Promise<Connection<WarningRecord>> {
    const viewer = ctx.requireTenantViewer();
    const params: unknown[] = [viewer.tenantId];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['w.tenant_id = $1'];
    if (!mayOverseeTenantRecords(viewer)) conditions.push(`w.subject_user_id = ${param(viewer.userId)}`);
    if (filter?.userId) conditions.push(`w.subject_user_id = ${param(filterId(filter.userId, 'User', 'userId'))}`);
    if (filter?.departmentId) {
      conditions.push(`w.subject_department_id = ${param(filterId(filter.departmentId, 'Department', 'departmentId'))}`);
    }
    if (filter?.from && filter?.to && filter.from.getTime() >= filter.to.getTime()) {
      throw badUserInput('`from` must be before `to`', 'filter.to');
    }
    if (filter?.from) conditions.push(`w.closed_at >= ${param(filter.from)}::timestamptz`);
    if (filter?.to) conditions.push(`w.closed_at < ${param(filter.to)}::timestamptz`);
    // Newest closing first.
    return keysetPage(
      ctx.db,
      {
        select: 'w.*',
        from: 'warning_records w',
        where: conditions.join(' AND '),
        params,
        orderBy: { column: 'w.closed_at', id: 'w.id', direction: 'DESC' },
        rowOf: (row) => camelRow<WarningRecordRow>(row),
        positionOf: (row) => ({ sortKey: row.closedAt, id: row.id }),
      },
      args,
      toWarningRecord,
    );
  }
}
