import type { AnalysisScope } from './analysis-scope';
import type { AssetHotspotRow, CustomerHotspotRow, PenaltyTotalRow, ProductHotspotRow } from './analysis-rows';
import { visibilityCondition } from '../complaints/complaint-visibility';
import { badUserInput } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { Department, User } from '../identity/identity.types';
import { ComplaintHotspots, PenaltyTotal } from './hotspots.types';
import type { StatisticsFilter } from './statistics.types';

export function checkPeriod(filter: StatisticsFilter): void {
  if (Number.isNaN(filter.from.getTime()) || Number.isNaN(filter.to.getTime()) || filter.from >= filter.to) {
    throw badUserInput('`from` must be before `to`', 'filter.to');
  }
}

function checkLimit(limit: number): void {
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw badUserInput('limit must be between 1 and 100', 'limit');
}

/**
 * The assets, products (asset models) and customers with the most complaints received in a
 * period, and the penalties of a period by person and department. The complaints of the
 * period come through `complaints_received_idx`; penalties through `penalties_page_idx
 * (tenant_id, created_at, id)`.
 */
export class HotspotService {
  async complaintHotspots(scope: AnalysisScope, filter: StatisticsFilter, limit: number): Promise<ComplaintHotspots> {
    checkPeriod(filter);
    checkLimit(limit);
    const params: unknown[] = [scope.tenantId, filter.from, filter.to];
    const param = (value: unknown) => `$${params.push(value)}`;
    const conditions = ['c.tenant_id = $1', 'c.received_at >= $2', 'c.received_at < $3'];
    const visible = visibilityCondition(scope.visibility, param);
    if (visible) conditions.push(visible);
    const where = conditions.join(' AND ');
    const assets = await scope.db.query<AssetHotspotRow>(
      `SELECT a.id, a.name, a.serial_number, a.model, count(*)::int AS count
         FROM complaints c JOIN assets a ON a.tenant_id = $1 AND a.id = c.asset_id
        WHERE ${where} GROUP BY a.tenant_id, a.id ORDER BY count DESC, a.name, a.id LIMIT ${limit}`,
      params,
    );
    const products = await scope.db.query<ProductHotspotRow>(
      `SELECT a.model, count(*)::int AS count
         FROM complaints c JOIN assets a ON a.tenant_id = $1 AND a.id = c.asset_id
        WHERE ${where} AND a.model IS NOT NULL GROUP BY a.model ORDER BY count DESC, a.model LIMIT ${limit}`,
      params,
    );
    const customers = await scope.db.query<CustomerHotspotRow>(
      `SELECT cu.id, cu.name, cu.phone, count(*)::int AS count
         FROM complaints c JOIN customers cu ON cu.tenant_id = $1 AND cu.id = c.customer_id
        WHERE ${where} GROUP BY cu.tenant_id, cu.id ORDER BY count DESC, cu.name, cu.id LIMIT ${limit}`,
      params,
    );
    return {
      assets: assets.map((a) => ({
        assetId: toGlobalId('Asset', a.id),
        name: a.name,
        serialNumber: a.serial_number,
        model: a.model,
        count: a.count,
      })),
      products: products.map((p) => ({ model: p.model, count: p.count })),
      customers: customers.map((cu) => ({ customerId: toGlobalId('Customer', cu.id), name: cu.name, phone: cu.phone, count: cu.count })),
    };
  }

  async penaltyTotals(scope: AnalysisScope, filter: StatisticsFilter): Promise<PenaltyTotal[]> {
    checkPeriod(filter);
    const params: unknown[] = [scope.tenantId, filter.from, filter.to];
    const own = scope.penaltiesOf === null ? '' : ` AND p.subject_user_id = $${params.push(scope.penaltiesOf)}`;
    const where = `p.tenant_id = $1 AND p.created_at >= $2 AND p.created_at < $3 AND p.status <> 'WAIVED'${own}`;
    const rows = await scope.db.query<PenaltyTotalRow>(
      `SELECT p.subject_user_id, p.subject_department_id, p.currency, count(*)::int AS count,
              sum(p.points)::float8 AS points, sum(p.amount)::float8 AS amount
         FROM penalties p WHERE ${where}
        GROUP BY p.subject_user_id, p.subject_department_id, p.currency
        ORDER BY p.subject_user_id, p.subject_department_id, p.currency`,
      params,
    );
    const totals = new Map<string, PenaltyTotal>();
    for (const row of rows) {
      const key = `${row.subject_user_id}:${row.subject_department_id}`;
      let total = totals.get(key);
      if (!total) {
        const subject = row.subject_user_id
          ? User.from((await scope.loaders.userById.load(row.subject_user_id))!)
          : Department.from((await scope.loaders.departmentById.load(row.subject_department_id!))!);
        total = Object.assign(new PenaltyTotal(), {
          subject,
          count: 0,
          points: 0,
          amounts: [],
          subjectUserId: row.subject_user_id,
          subjectDepartmentId: row.subject_department_id,
        });
        totals.set(key, total);
      }
      total.count += row.count;
      total.points += row.points;
      if (row.currency) total.amounts.push({ currency: row.currency, amount: row.amount });
    }
    return [...totals.values()].sort((a, b) => b.points - a.points || b.count - a.count);
  }
}
