import { stringify } from 'csv-stringify/sync';
import type { ComplaintStatisticsRow } from '../analysis/statistics.types';
import type { ReportData } from './report-data';

type Line = [section: string, key: string, measure: string, value: string | number | null];

function statisticsLines(section: string, rows: ComplaintStatisticsRow[]): Line[] {
  const lines: Line[] = [];
  for (const row of rows) {
    const key = row.key.map((part) => part ?? '(none)').join(' / ') || 'all';
    lines.push(
      [section, key, 'count', row.count],
      [section, key, 'deadlinesMet', row.deadlinesMet],
      [section, key, 'deadlinesMissed', row.deadlinesMissed],
      [section, key, 'hoursToAcknowledge.median', row.timeToAcknowledge.median],
      [section, key, 'hoursToAcknowledge.p90', row.timeToAcknowledge.p90],
      [section, key, 'hoursToResolve.median', row.timeToResolve.median],
      [section, key, 'hoursToResolve.p90', row.timeToResolve.p90],
      [section, key, 'hoursToClose.median', row.timeToClose.median],
      [section, key, 'hoursToClose.p90', row.timeToClose.p90],
      [section, key, 'reopenRate', row.reopenRate],
    );
    for (const stage of row.deadlinesByStage) {
      lines.push(
        [section, key, `deadlines.${stage.stage}.met`, stage.met],
        [section, key, `deadlines.${stage.stage}.missed`, stage.missed],
      );
    }
    for (const score of row.satisfaction) lines.push([section, key, `satisfaction.${score.dimension}`, score.average]);
  }
  return lines;
}

/** What a spreadsheet would take for the start of a formula (OWASP, CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell that a spreadsheet would run as a formula gets a leading single quote, so it is
 * shown as text. Numbers are ours and stay numbers.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/**
 * The report as one long table (section, key, measure, value): every number of the report
 * on its own line, ready for a spreadsheet's pivot. Quoting is csv-stringify's; a UTF-8
 * byte-order mark makes spreadsheet programs read the Chinese labels right. Names and texts
 * come from members and complainants: a cell that would start a formula is neutralised
 * (`neutraliseCell`) and quoted.
 */
export function reportCsv(data: ReportData): string {
  const lines: Line[] = [
    ['report', 'month', 'month', data.month],
    ['report', 'period', 'from', data.from],
    ['report', 'period', 'to', data.to],
    ['report', 'period', 'timeZone', data.timeZone],
    ...statisticsLines('total', data.total ? [data.total] : []),
    ...statisticsLines('channel', data.byChannel),
    ...statisticsLines('category', data.byCategory),
    ...statisticsLines('department', data.byDepartment),
    ...data.hotspots.assets.map((a): Line => ['asset', [a.name, a.serialNumber].filter(Boolean).join(' '), 'count', a.count]),
    ...data.hotspots.products.map((p): Line => ['product', p.model, 'count', p.count]),
    ...data.hotspots.customers.map((c): Line => ['customer', c.name, 'count', c.count]),
    ...data.penalties.flatMap((p): Line[] => [
      ['penalties', p.subject, 'count', p.count],
      ['penalties', p.subject, 'points', p.points],
    ]),
    ...data.warnings.flatMap((w): Line[] => [
      ['warnings', w.department, 'records', w.records],
      ['warnings', w.department, 'deadlinesMissed', w.deadlinesMissed],
      ['warnings', w.department, 'causes', w.causes.join('; ')],
    ]),
  ];
  return (
    '\ufeff' +
    stringify(lines, {
      header: true,
      columns: ['section', 'key', 'measure', 'value'],
      cast: { string: neutraliseCell },
      quoted_match: /^'[=+\-@\t\r]/,
    })
  );
}
