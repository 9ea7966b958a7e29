import type { DataSource } from 'typeorm';
import { wholeTenantScope } from '../analysis/analysis-scope';
import { inScopedTransaction, type TenantTransaction } from '../db/tenant-transaction';
import type { Logger } from '../logging/logger';
import type { PluginHost } from '../plugins/plugin-host';
import type { Services } from '../services';
import { reportPlan, writeMonthlyReport } from './monthly-report-writer';
import { lastEndedMonth, monthPeriod } from './report-month';
import type { Clock } from '../time/clock';

export interface MadeReport {
  tenantId: string;
  month: string;
}

/**
 * The reports industries ask for, made without anyone asking: for every tenant whose
 * governing plugin plans a monthly report (retail: by the 10th, for the general manager),
 * the report of the latest month that has ended in the tenant's time zone, as soon as it has
 * ended. A report someone already generated is kept; months that ended before the plugin was
 * installed are not made. Each tenant in its own transaction, so one failure stops no other.
 */
export class MonthlyReportSchedule {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly plugins: PluginHost,
    private readonly analysis: Pick<Services, 'statistics' | 'hotspots'>,
    private readonly logger: Logger,
  ) {}

  /** Makes the reports due at `now` (the business clock's instant unless a caller names one). */
  async makeDue(now: Date = this.clock.now()): Promise<MadeReport[]> {
    const tenants: { tenant_id: string }[] = await this.dataSource.query('SELECT tenant_id FROM tenants_with_plugins()');
    const made: MadeReport[] = [];
    for (const { tenant_id: tenantId } of tenants) {
      try {
        const month = await inScopedTransaction(this.dataSource, this.clock, { tenantId, userId: null }, (tx) =>
          this.makeFor(tx, tenantId, now),
        );
        if (month) made.push({ tenantId, month });
      } catch (error) {
        this.logger.error({ err: error, tenantId }, 'monthly report not made');
      }
    }
    return made;
  }

  private async makeFor(tx: TenantTransaction, tenantId: string, now: Date): Promise<string | null> {
    const [tenant] = await tx.query<{ time_zone: string; installed_at: Date | null }>(
      `SELECT t.time_zone, (SELECT min(installed_at) FROM tenant_plugins WHERE tenant_id = t.id) AS installed_at
         FROM tenants t WHERE t.id = $1`,
      [tenantId],
    );
    const month = lastEndedMonth(now, tenant.time_zone);
    // A tenant without a plugin counts as installed at the epoch.
    if (new Date(tenant.installed_at ?? 0) >= monthPeriod(month, tenant.time_zone).to) return null;
    const plugin = await this.plugins.forNewComplaint(tx, tenantId);
    if (!reportPlan(plugin, month)) return null;
    const [stored] = await tx.query('SELECT 1 FROM monthly_reports WHERE tenant_id = $1 AND month = $2', [tenantId, month]);
    if (stored) return null;
    const row = await writeMonthlyReport(this.analysis, wholeTenantScope(tx, tenantId), {
      month,
      timeZone: tenant.time_zone,
      plugin,
      generatedBy: null,
      replace: false,
    });
    return row ? month : null;
  }
}
