import type { MonthlyReportPlan } from '@redress/plugin-api';
import type { AnalysisScope } from '../analysis/analysis-scope';
import { camelRow } from '../complaints/complaint-rows';
import { publishAfterCommit } from '../live/live-events';
import type { BoundPlugin } from '../plugins/plugin-host';
import type { Services } from '../services';
import { gatherReportData } from './report-data';
import { monthPeriod, reportDueAt } from './report-month';
import type { MonthlyReportRow } from './monthly-report.types';
import type { IdRow } from '../db/common-rows';
import { notifyMonthlyReport } from '../notifications/staff-notifications';

export const REPORT_COLUMNS =
  'id, tenant_id, month, period_from, period_to, generated_at, generated_by, due_at, prepared_by_role, addressed_to, decided_by';

export interface ReportRequest {
  month: string;
  timeZone: string;
  /** The tenant's governing plugin: its `monthlyReport` plan says who prepares it, for whom, by when. */
  plugin: BoundPlugin;
  /** The member who asked; null when the platform makes it on schedule. */
  generatedBy: string | null;
  /** A member's request replaces a stored report; the schedule never overwrites one. */
  replace: boolean;
}

/** The governing plugin's plan for a month's report, or null when its industry asks for none. */
export function reportPlan(plugin: BoundPlugin, month: string): MonthlyReportPlan | null {
  return plugin.decideIfDefined('monthlyReport', { month });
}

/**
 * Gathers a month's numbers within `scope` and stores them with the plan's due time and
 * addressees, and tells live subscribers after commit: the one writer of `monthly_reports`.
 * Returns null when the report was kept as stored (`replace: false` and one exists).
 */
export async function writeMonthlyReport(
  analysis: Pick<Services, 'statistics' | 'hotspots'>,
  scope: AnalysisScope,
  request: ReportRequest,
): Promise<MonthlyReportRow | null> {
  const { month, timeZone, plugin } = request;
  const period = monthPeriod(month, timeZone);
  const plan = reportPlan(plugin, month);
  const data = await gatherReportData(analysis, scope, month, period, timeZone);
  const onConflict = request.replace
    ? `DO UPDATE SET data = EXCLUDED.data, generated_by = EXCLUDED.generated_by, generated_at = app_now(),
         due_at = EXCLUDED.due_at, prepared_by_role = EXCLUDED.prepared_by_role, addressed_to = EXCLUDED.addressed_to,
         decided_by = EXCLUDED.decided_by`
    : 'DO NOTHING';
  const [row] = await scope.db.query<Record<string, unknown> & IdRow>(
    `INSERT INTO monthly_reports (tenant_id, month, period_from, period_to, data, generated_by, due_at, prepared_by_role, addressed_to, decided_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
     ON CONFLICT (tenant_id, month) ${onConflict}
     RETURNING ${REPORT_COLUMNS}`,
    [
      scope.tenantId,
      month,
      period.from,
      period.to,
      JSON.stringify(data),
      request.generatedBy,
      plan ? reportDueAt(month, plan, timeZone) : null,
      plan?.preparedBy ?? null,
      plan?.addressedTo ?? [],
      plan ? plugin.decidedBy : null,
    ],
  );
  if (!row) return null;
  // Those it is addressed to hear of it once it is stored (monthlyReportPublished).
  await publishAfterCommit(scope.db, { type: 'report', tenantId: scope.tenantId, reportId: row.id });
  const report = camelRow<MonthlyReportRow>(row);
  await notifyMonthlyReport(scope.db, scope.tenantId, report, request.generatedBy);
  return report;
}
