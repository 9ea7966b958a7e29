import * as echarts from 'echarts';
import { DateTime } from 'luxon';
import type { ReportData } from './report-data';
import type { MonthlyReportRow } from './monthly-report.types';

const escape = (text: unknown) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** One chart rendered on the server to an SVG string by ECharts' SSR renderer. */
function chart(option: Record<string, unknown>, width = 640, height = 300): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  instance.setOption({ animation: false, grid: { left: 140, right: 30, top: 40, bottom: 40 }, ...option });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

function barChart(title: string, labels: string[], series: { name: string; data: number[] }[], stacked = false): string {
  if (labels.length === 0) return '';
  return chart({
    title: { text: title, textStyle: { fontSize: 14 } },
    legend: series.length > 1 ? { top: 0, right: 0 } : undefined,
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: labels, inverse: true },
    series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: stacked ? 'all' : undefined, label: { show: true } })),
  });
}

const keyLabel = (key: (string | null)[]) => key.map((part) => part ?? '(none)').join(' / ');
const hours = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function table(headers: string[], rows: (string | number | null)[][]): string {
  if (rows.length === 0) return '<p class="empty">None.</p>';
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell ?? '–')}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/**
 * The printable monthly report: where complaints come from, which departments run late, what
 * customers think and what keeps recurring, with charts drawn on the server (ECharts SVG
 * SSR) so the page needs no script and prints as it shows.
 */
export function reportHtml(
  data: ReportData,
  tenantName: string,
  routing: Pick<MonthlyReportRow, 'dueAt' | 'preparedByRole' | 'addressedTo'>,
): string {
  const total = data.total;
  const satisfaction = total?.satisfaction ?? [];
  const sections = [
    `<h2>Overview</h2>` +
      table(
        ['Complaints', 'Clocks met', 'Clocks missed', 'Hours to acknowledge (median / p90)', 'Hours to resolve (median / p90)', 'Hours to close (median / p90)', 'Reopened'],
        total
          ? [[
              total.count,
              total.deadlinesMet,
              total.deadlinesMissed,
              `${hours(total.timeToAcknowledge.median)} / ${hours(total.timeToAcknowledge.p90)}`,
              `${hours(total.timeToResolve.median)} / ${hours(total.timeToResolve.p90)}`,
              `${hours(total.timeToClose.median)} / ${hours(total.timeToClose.p90)}`,
              `${Math.round(total.reopenRate * 100)}%`,
            ]]
          : [],
      ),
    `<h2>Where complaints come from</h2>` +
      barChart('By channel', data.byChannel.map((r) => keyLabel(r.key)), [{ name: 'Complaints', data: data.byChannel.map((r) => r.count) }]) +
      barChart('By category', data.byCategory.map((r) => keyLabel(r.key)), [{ name: 'Complaints', data: data.byCategory.map((r) => r.count) }]),
    `<h2>Which departments run late</h2>` +
      barChart(
        'Clocks by department',
        data.byDepartment.map((r) => keyLabel(r.key)),
        [
          { name: 'Met', data: data.byDepartment.map((r) => r.deadlinesMet) },
          { name: 'Missed', data: data.byDepartment.map((r) => r.deadlinesMissed) },
        ],
        true,
      ) +
      table(
        ['Department', 'Complaints', 'Clocks missed', 'Hours to resolve (median)'],
        data.byDepartment.map((r) => [keyLabel(r.key), r.count, r.deadlinesMissed, hours(r.timeToResolve.median)]),
      ) +
      `<h3>Warning records (警示)</h3>` +
      table(['Department', 'Records', 'Clocks missed', 'Causes'], data.warnings.map((w) => [w.department, w.records, w.deadlinesMissed, w.causes.join('; ')])) +
      `<h3>Penalties</h3>` +
      table(['Borne by', 'Entries', 'Points'], data.penalties.map((p) => [p.subject, p.count, p.points])),
    `<h2>What customers think</h2>` +
      barChart('Average satisfaction by dimension', satisfaction.map((s) => s.dimension), [{ name: 'Average', data: satisfaction.map((s) => s.average) }]) +
      table(['Dimension', 'Average', 'Responses'], satisfaction.map((s) => [s.dimension, s.average, s.responses])),
    `<h2>What keeps recurring</h2>` +
      table(['Product (model)', 'Complaints'], data.hotspots.products.map((p) => [p.model, p.count])) +
      table(['Asset', 'Serial number', 'Complaints'], data.hotspots.assets.map((a) => [a.name, a.serialNumber, a.count])) +
      table(['Customer', 'Complaints'], data.hotspots.customers.map((c) => [c.name, c.count])),
  ];
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(tenantName)} · ${escape(data.month)}</title>
<style>
  body { font-family: system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: left; }
  h2 { border-bottom: 2px solid #333; margin-top: 2rem; } .empty { color: #777; } svg { display: block; margin: 0.5rem 0; }
  @media print { h2 { break-before: auto; } svg, table { break-inside: avoid; } }
</style></head>
<body>
<h1>${escape(tenantName)}: complaints of ${escape(data.month)}</h1>
<p>Complaints received from ${escape(data.from)} to ${escape(data.to)} (${escape(data.timeZone)}).</p>
${routingLine(routing, data.timeZone)}
${sections.join('\n')}
</body></html>`;
}

/** "Prepared by administration for general-manager, due by 10 November 2026": what the industry's plan said. */
function routingLine(routing: Pick<MonthlyReportRow, 'dueAt' | 'preparedByRole' | 'addressedTo'>, timeZone: string): string {
  const parts = [
    routing.preparedByRole ? `Prepared by ${escape(routing.preparedByRole)}` : null,
    routing.addressedTo.length ? `for ${routing.addressedTo.map(escape).join(', ')}` : null,
    // The due instant is the end of the due day: the day shown is the one before it.
    routing.dueAt ? `due by ${DateTime.fromJSDate(new Date(routing.dueAt), { zone: timeZone }).minus({ days: 1 }).toISODate()}` : null,
  ].filter(Boolean);
  return parts.length ? `<p class="routing">${parts.join(', ')}.</p>` : '';
}
