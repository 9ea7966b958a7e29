import type { AnalysisScope } from '../analysis/analysis-scope';
import type { Services } from '../services';
import type { ComplaintStatisticsRow } from '../analysis/statistics.types';
import { StatisticsDimension } from '../analysis/statistics.types';

/** The numbers of one monthly report, as stored in `monthly_reports.data`. */
export interface ReportData {
  month: string;
  timeZone: string;
  from: string;
  to: string;
  total: ComplaintStatisticsRow | null;
  byChannel: ComplaintStatisticsRow[];
  byCategory: ComplaintStatisticsRow[];
  byDepartment: ComplaintStatisticsRow[];
  hotspots: {
    assets: { name: string; serialNumber: string | null; model: string | null; count: number }[];
    products: { model: string; count: number }[];
    customers: { name: string; count: number }[];
  };
  penalties: { subject: string; kind: 'User' | 'Department'; count: number; points: number }[];
  warnings: { department: string; records: number; deadlinesMissed: number; causes: string[] }[];
}

/**
 * Gathers a month's numbers from the statistics services: where complaints come from
 * (channel, category), which departments run late (clocks missed by department, warning
 * records), what customers think (satisfaction) and what keeps recurring (assets, products,
 * customers). Everything is ordered, so the same complaints give the same report.
 */
export async function gatherReportData(
  { statistics, hotspots }: Pick<Services, 'statistics' | 'hotspots'>,
  scope: AnalysisScope,
  month: string,
  period: { from: Date; to: Date },
  timeZone: string,
): Promise<ReportData> {
  const [total] = await statistics.complaintStatistics(scope, period, []);
  const found = await hotspots.complaintHotspots(scope, period, 10);
  const penalties = await hotspots.penaltyTotals(scope, period);
  const warnings = await scope.db.query<{ department: string; records: number; deadlines_missed: number; causes: string[] }>(
    `SELECT d.code AS department, count(*)::int AS records, sum(w.deadlines_missed)::int AS deadlines_missed,
            (array_agg(DISTINCT w.cause ORDER BY w.cause))[1:5] AS causes
       FROM warning_records w JOIN departments d ON d.tenant_id = w.tenant_id AND d.id = w.subject_department_id
      WHERE w.tenant_id = $1 AND w.closed_at >= $2 AND w.closed_at < $3
      GROUP BY d.code ORDER BY records DESC, d.code`,
    [scope.tenantId, period.from, period.to],
  );
  return {
    month,
    timeZone,
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    total: total ?? null,
    byChannel: await statistics.complaintStatistics(scope, period, [StatisticsDimension.CHANNEL]),
    byCategory: await statistics.complaintStatistics(scope, period, [StatisticsDimension.CATEGORY]),
    byDepartment: await statistics.complaintStatistics(scope, period, [StatisticsDimension.DEPARTMENT]),
    hotspots: {
      assets: found.assets.map(({ name, serialNumber, model, count }) => ({ name, serialNumber, model, count })),
      products: found.products,
      customers: found.customers.map(({ name, count }) => ({ name, count })),
    },
    penalties: penalties.map((p) => ({
      subject: 'email' in p.subject ? p.subject.name : `${p.subject.name} (${p.subject.code})`,
      kind: 'email' in p.subject ? 'User' : 'Department',
      count: p.count,
      points: p.points,
    })),
    warnings: warnings.map((w) => ({
      department: w.department,
      records: w.records,
      deadlinesMissed: w.deadlines_missed,
      causes: w.causes,
    })),
  };
}
