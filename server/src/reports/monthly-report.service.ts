import { DateTime } from 'luxon';
import type { RequestContext } from '../context/request-context';
import { camelRow } from '../complaints/complaint-rows';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { maySeeWholeLedger } from '../penalties/penalty.service';
import { gatherReportData, type ReportData } from './report-data';
import { reportCsv } from './report-csv';
import { reportHtml } from './report-html';
import { MonthlyReport, type GenerateMonthlyReportInput, type MonthlyReportRow } from './monthly-report.types';

export const REPORTS_PATH = '/reports';
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

export function toMonthlyReport(row: MonthlyReportRow): MonthlyReport {
  return Object.assign(new MonthlyReport(), {
    id: toGlobalId('MonthlyReport', row.id),
    month: row.month,
    generatedAt: row.generatedAt,
    csvUrl: `${REPORTS_PATH}/${row.id}.csv`,
    htmlUrl: `${REPORTS_PATH}/${row.id}.html`,
    row,
  });
}

/**
 * Monthly reports for management: the complaints received in a calendar month of the
 * tenant's time zone, gathered (report-data.ts), stored, and served as CSV and as a
 * printable HTML page. Only supervisors and administrators generate, list and download
 * them: a report covers the whole tenant.
 */
export class MonthlyReportService {
  private requireManager(ctx: RequestContext) {
    const viewer = ctx.requireTenantViewer();
    if (!maySeeWholeLedger(viewer)) throw forbidden('Monthly reports are for supervisors and administrators');
    return viewer;
  }

  async generate(ctx: RequestContext, input: GenerateMonthlyReportInput): Promise<MonthlyReport> {
    const viewer = this.requireManager(ctx);
    const tenant = (await ctx.loaders.tenantById.load(viewer.tenantId))!;
    const month = input.month?.trim();
    if (!MONTH.test(month)) throw new UserFailure(UserErrorCode.INVALID_INPUT, 'Give the month as YYYY-MM', 'month');
    const start = DateTime.fromISO(`${month}-01`, { zone: tenant.timeZone });
    if (start.toMillis() > Date.now()) throw new UserFailure(UserErrorCode.INVALID_INPUT, 'That month has not begun', 'month');
    const period = { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
    const data = await gatherReportData(ctx, month, period, tenant.timeZone);
    const [row] = await ctx.db.query(
      `INSERT INTO monthly_reports (tenant_id, month, period_from, period_to, data, generated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (tenant_id, month) DO UPDATE
         SET data = EXCLUDED.data, generated_by = EXCLUDED.generated_by, generated_at = clock_timestamp()
       RETURNING id, tenant_id, month, period_from, period_to, generated_at, generated_by`,
      [viewer.tenantId, month, period.from, period.to, JSON.stringify(data), viewer.userId],
    );
    return toMonthlyReport(camelRow<MonthlyReportRow>(row));
  }

  async list(ctx: RequestContext): Promise<MonthlyReport[]> {
    const viewer = this.requireManager(ctx);
    const rows = await ctx.db.query(
      `SELECT id, tenant_id, month, period_from, period_to, generated_at, generated_by
         FROM monthly_reports WHERE tenant_id = $1 ORDER BY month DESC`,
      [viewer.tenantId],
    );
    return rows.map((row: unknown) => toMonthlyReport(camelRow<MonthlyReportRow>(row as Record<string, unknown>)));
  }

  /** The stored report rendered as a download; null when the tenant has no report with this id. */
  async download(ctx: RequestContext, id: string, format: 'csv' | 'html'): Promise<{ body: string; month: string } | null> {
    const viewer = this.requireManager(ctx);
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await ctx.db.query('SELECT month, data FROM monthly_reports WHERE id = $1 AND tenant_id = $2', [id, viewer.tenantId]);
    if (!row) return null;
    const data = row.data as ReportData;
    if (format === 'csv') return { body: reportCsv(data), month: row.month };
    const tenant = (await ctx.loaders.tenantById.load(viewer.tenantId))!;
    return { body: reportHtml(data, tenant.name), month: row.month };
  }
}
