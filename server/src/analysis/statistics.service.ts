import { surveySettingsOf } from '../surveys/survey-settings.service';
import type { AnalysisScope } from './analysis-scope';
import type { GroupKeyColumns, StatisticsScoreRow, StatisticsStageRow, StatisticsTotalsRow } from './analysis-rows';
import { visibilityCondition } from '../complaints/complaint-visibility';
import { badUserInput } from '../graphql/errors';
import { checkPeriod } from './hotspots.service';
import { ComplaintStatisticsRow, StatisticsDimension, type StatisticsFilter } from './statistics.types';

/** Longest period one request may cover. */
const MAX_PERIOD_DAYS = 3 * 366;

/** The SQL of each grouping, on the complaint alias `c`; `tz` is the tenant's time zone parameter. */
function keyExpression(dimension: StatisticsDimension, tz: string): string {
  switch (dimension) {
    case StatisticsDimension.CATEGORY:
      return 'c.category_code';
    case StatisticsDimension.DEPARTMENT:
      return '(SELECT d.code FROM departments d WHERE d.tenant_id = c.tenant_id AND d.id = c.department_id)';
    case StatisticsDimension.CHANNEL:
      return 'c.channel';
    case StatisticsDimension.PRIORITY:
      return 'c.priority';
    case StatisticsDimension.MONTH:
      return `to_char(c.received_at AT TIME ZONE ${tz}, 'YYYY-MM')`;
  }
}

const hours = (column: string) => `extract(epoch FROM ${column} - received_at) / 3600`;
const percentiles = (name: string, column: string) =>
  `percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours(column)}) AS ${name}_median,
   percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours(column)}) AS ${name}_p90`;
const round = (value: number | null) => (value === null ? null : Math.round(Number(value) * 1000) / 1000);

/**
 * `complaintStatistics`: the complaints received in a period, within an analysis scope (the
 * viewer's tenant and visibility, or a whole tenant for a report), grouped by the given
 * dimensions. The period is found through
 * `complaints_received_idx (tenant_id, received_at)`; each complaint's clocks, resolutions,
 * events and follow-ups through their `(tenant_id, complaint_id, …)` indexes. Durations are
 * `percentile_cont` over hours; a group's rows come from three statements (totals, clocks by
 * stage, satisfaction by dimension) over the same set.
 */
export class StatisticsService {
  async complaintStatistics(
    scope: AnalysisScope,
    filter: StatisticsFilter,
    groupBy: StatisticsDimension[],
  ): Promise<ComplaintStatisticsRow[]> {
    checkPeriod(filter);
    if (filter.to.getTime() - filter.from.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
      throw badUserInput(`A period covers at most ${MAX_PERIOD_DAYS} days`, 'filter.to');
    }
    if (new Set(groupBy).size !== groupBy.length) throw badUserInput('Group by each dimension once', 'groupBy');
    const tenant = await scope.loaders.tenantById.load(scope.tenantId);
    const params: unknown[] = [scope.tenantId, filter.from, filter.to];
    const param = (value: unknown) => `$${params.push(value)}`;
    const tz = groupBy.includes(StatisticsDimension.MONTH) ? param(tenant!.timeZone) : '';
    const conditions = ['c.tenant_id = $1', 'c.received_at >= $2', 'c.received_at < $3'];
    const visible = visibilityCondition(scope.visibility, param);
    if (visible) conditions.push(visible);
    const keys = groupBy.map((dimension, i) => `${keyExpression(dimension, tz)} AS k${i}`);
    const keyColumns = groupBy.map((_, i) => `k${i}`);
    const base = `base AS (
      SELECT c.id, c.received_at, c.acknowledged_at, CASE WHEN c.status = 'CLOSED' THEN c.closed_at END AS closed_at
             ${keys.map((k) => `, ${k}`).join('')}
        FROM complaints c WHERE ${conditions.join(' AND ')})`;
    const groupKey = keyColumns.length ? `GROUP BY ${keyColumns.join(', ')}` : '';
    const select = (extra: string) => [...keyColumns, extra].join(', ');

    const totals = await scope.db.query<StatisticsTotalsRow>(
      `WITH ${base}, facts AS (
         SELECT b.*,
           (SELECT max(r.executed_at) FROM complaint_resolutions r WHERE r.tenant_id = $1 AND r.complaint_id = b.id) AS resolved_at,
           EXISTS (SELECT 1 FROM complaint_events e WHERE e.tenant_id = $1 AND e.complaint_id = b.id AND e.kind = 'REOPENED') AS reopened
         FROM base b)
       SELECT ${select(`count(*)::int AS count, avg(reopened::int)::float8 AS reopen_rate,
              ${percentiles('ack', 'acknowledged_at')}, ${percentiles('resolve', 'resolved_at')}, ${percentiles('close', 'closed_at')}`)}
         FROM facts ${groupKey}`,
      params,
    );
    const stages = await scope.db.query<StatisticsStageRow>(
      `WITH ${base}
       SELECT ${select(`d.stage, count(*) FILTER (WHERE d.met_at IS NOT NULL AND d.breached_at IS NULL)::int AS met,
              count(*) FILTER (WHERE d.breached_at IS NOT NULL)::int AS missed`)}
         FROM base JOIN complaint_deadlines d ON d.tenant_id = $1 AND d.complaint_id = base.id
        GROUP BY ${[...keyColumns, 'd.stage'].join(', ')}`,
      params,
    );
    // Scores given on another scale (the tenant changed it) are mapped onto today's, 1 to 1 and top to top.
    const { scaleMax } = await surveySettingsOf(scope.db, scope.tenantId);
    const scale = param(scaleMax);
    const scores = await scope.db.query<StatisticsScoreRow>(
      `WITH ${base}
       SELECT ${select(`s.key AS dimension,
              avg(1 + (s.value::numeric - 1) * (${scale}::int - 1) / (f.scale_max - 1))::float8 AS average, count(*)::int AS responses`)}
         FROM base JOIN complaint_follow_ups f ON f.tenant_id = $1 AND f.complaint_id = base.id
         CROSS JOIN LATERAL jsonb_each_text(f.scores) s
        GROUP BY ${[...keyColumns, 's.key'].join(', ')}`,
      params,
    );
    const keyOf = (row: GroupKeyColumns) => JSON.stringify(keyColumns.map((column) => row[column as `k${number}`] ?? null));
    const byKey = new Map<string, ComplaintStatisticsRow>();
    // Without grouping, an empty period still yields one aggregate row: leave it out.
    for (const row of totals.filter((total) => total.count > 0)) {
      const stats = Object.assign(new ComplaintStatisticsRow(), {
        key: keyColumns.map((column) => row[column as `k${number}`] ?? null),
        count: row.count,
        deadlinesMet: 0,
        deadlinesMissed: 0,
        deadlinesByStage: [],
        timeToAcknowledge: { median: round(row.ack_median), p90: round(row.ack_p90) },
        timeToResolve: { median: round(row.resolve_median), p90: round(row.resolve_p90) },
        timeToClose: { median: round(row.close_median), p90: round(row.close_p90) },
        satisfaction: [],
        reopenRate: round(row.reopen_rate) ?? 0,
      });
      byKey.set(keyOf(row), stats);
    }
    for (const row of stages) {
      const stats = byKey.get(keyOf(row))!;
      stats.deadlinesByStage.push({ stage: row.stage, met: row.met, missed: row.missed });
      stats.deadlinesMet += row.met;
      stats.deadlinesMissed += row.missed;
    }
    for (const row of scores) {
      byKey.get(keyOf(row))!.satisfaction.push({ dimension: row.dimension, average: round(row.average)!, responses: row.responses });
    }
    const rows = [...byKey.values()];
    for (const row of rows) {
      row.deadlinesByStage.sort((a, b) => a.stage.localeCompare(b.stage));
      row.satisfaction.sort((a, b) => a.dimension.localeCompare(b.dimension));
    }
    return rows.sort((a, b) => b.count - a.count || JSON.stringify(a.key).localeCompare(JSON.stringify(b.key)));
  }
}
