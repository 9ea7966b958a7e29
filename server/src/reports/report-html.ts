import * as echarts from 'echarts';
import { Eta } from 'eta';
import { DateTime } from 'luxon';
import type { ReportData } from './report-data';
import type { MonthlyReportRow } from './monthly-report.types';
import type { ReportLabels } from './report-labels';

/** One chart rendered on the server to an SVG string by ECharts' SSR renderer (its text escaped by ECharts). */
function chart(option: Record<string, unknown>, width = 640, height = 300): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  instance.setOption({ animation: false, grid: { left: 140, right: 30, top: 40, bottom: 40 }, ...option });
  const svg = instance.renderToSVGString();
  instance.dispose();
  return svg;
}

const hours = (value: number | null) => (value === null ? '–' : value.toFixed(1));

/** One block of a section: a heading, a server-drawn chart, or a table (an empty one says so). */
type Block = { kind: 'h2' | 'h3'; text: string } | { kind: 'chart'; svg: string } | { kind: 'table'; headers: string[]; rows: string[][] };

const h2 = (text: string): Block => ({ kind: 'h2', text });
const h3 = (text: string): Block => ({ kind: 'h3', text });

function barChart(title: string, labels: string[], series: { name: string; data: number[] }[], stacked = false): Block[] {
  if (labels.length === 0) return [];
  return [
    {
      kind: 'chart',
      svg: chart({
        title: { text: title, textStyle: { fontSize: 14 } },
        legend: series.length > 1 ? { top: 0, right: 0 } : undefined,
        xAxis: { type: 'value' },
        yAxis: { type: 'category', data: labels, inverse: true },
        series: series.map((s) => ({ type: 'bar', name: s.name, data: s.data, stack: stacked ? 'all' : undefined, label: { show: true } })),
      }),
    },
  ];
}

const table = (headers: string[], rows: (string | number | null)[][]): Block => ({
  kind: 'table',
  headers,
  rows: rows.map((row) => row.map((cell) => String(cell ?? '–'))),
});

// Eta: small, dependency-free and maintained; every `<%= %>` is HTML-escaped (autoEscape), and `<%~ %>` is used only for ECharts' SVG, which escapes its own text.
const eta = new Eta({ autoEscape: true, autoTrim: false, useWith: false, varName: 'it' });

const PAGE = eta.compile(`<!doctype html>
<html lang="<%= it.lang %>"><head><meta charset="utf-8"><title><%= it.title %></title>
<style>
  body { font-family: system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: left; }
  h2 { border-bottom: 2px solid #333; margin-top: 2rem; } .empty { color: #777; } svg { display: block; margin: 0.5rem 0; }
  @media print { h2 { break-before: auto; } svg, table { break-inside: avoid; } }
</style></head>
<body>
<h1><%= it.title %></h1>
<p><%= it.received %></p>
<% if (it.routing) { %><p class="routing"><%= it.routing %></p>
<% } -%>
<% for (const block of it.blocks) { -%>
<% if (block.kind === 'h2') { %><h2><%= block.text %></h2>
<% } else if (block.kind === 'h3') { %><h3><%= block.text %></h3>
<% } else if (block.kind === 'chart') { %><%~ block.svg %>
<% } else if (block.rows.length === 0) { %><p class="empty"><%= it.none %></p>
<% } else { %><table><thead><tr><% for (const header of block.headers) { %><th><%= header %></th><% } %></tr></thead><tbody>
<% for (const row of block.rows) { %><tr><% for (const cell of row) { %><td><%= cell %></td><% } %></tr>
<% } %></tbody></table>
<% } -%>
<% } -%>
</body></html>`);

/**
 * The printable monthly report: where complaints come from, which departments run late, what
 * customers think and what keeps recurring, with charts drawn on the server (ECharts SVG
 * SSR) so the page needs no script and prints as it shows. Written in the reader's language:
 * the stored codes (channels, categories, departments, dimensions) are shown by their labels.
 */
export function reportHtml(
  data: ReportData,
  tenantName: string,
  routing: Pick<MonthlyReportRow, 'dueAt' | 'preparedByRole' | 'addressedTo'>,
  labels: ReportLabels,
): string {
  const t = labels.text;
  const total = data.total;
  const satisfaction = total?.satisfaction ?? [];
  const keyLabel = (key: (string | null)[], name: (code: string) => string) =>
    key.map((part) => (part === null ? t('noValue') : name(part))).join(' / ');
  const byChannel = data.byChannel.map((r) => keyLabel(r.key, labels.channel));
  const byCategory = data.byCategory.map((r) => keyLabel(r.key, labels.category));
  const byDepartment = data.byDepartment.map((r) => keyLabel(r.key, labels.department));
  const blocks: Block[] = [
    h2(t('overview')),
    table(
      [t('complaints'), t('clocksMet'), t('clocksMissed'), t('hoursToAcknowledge'), t('hoursToResolve'), t('hoursToClose'), t('reopened')],
      total
        ? [
            [
              total.count,
              total.deadlinesMet,
              total.deadlinesMissed,
              `${hours(total.timeToAcknowledge.median)} / ${hours(total.timeToAcknowledge.p90)}`,
              `${hours(total.timeToResolve.median)} / ${hours(total.timeToResolve.p90)}`,
              `${hours(total.timeToClose.median)} / ${hours(total.timeToClose.p90)}`,
              `${Math.round(total.reopenRate * 100)}%`,
            ],
          ]
        : [],
    ),
    h2(t('whereFrom')),
    ...barChart(t('byChannel'), byChannel, [{ name: t('complaints'), data: data.byChannel.map((r) => r.count) }]),
    ...barChart(t('byCategory'), byCategory, [{ name: t('complaints'), data: data.byCategory.map((r) => r.count) }]),
    h2(t('runLate')),
    ...barChart(
      t('clocksByDepartment'),
      byDepartment,
      [
        { name: t('met'), data: data.byDepartment.map((r) => r.deadlinesMet) },
        { name: t('missed'), data: data.byDepartment.map((r) => r.deadlinesMissed) },
      ],
      true,
    ),
    table(
      [t('department'), t('complaints'), t('clocksMissed'), t('medianHoursToResolve')],
      data.byDepartment.map((r, i) => [byDepartment[i], r.count, r.deadlinesMissed, hours(r.timeToResolve.median)]),
    ),
    h3(`${t('warnings')} (警示)`),
    table(
      [t('department'), t('records'), t('clocksMissed'), t('causes')],
      data.warnings.map((w) => [labels.department(w.department), w.records, w.deadlinesMissed, w.causes.join('; ')]),
    ),
    h3(t('penalties')),
    table(
      [t('borneBy'), t('entries'), t('points')],
      data.penalties.map((p) => [p.subject, p.count, p.points]),
    ),
    h2(t('customersThink')),
    ...barChart(
      t('satisfactionByDimension'),
      satisfaction.map((s) => labels.dimension(s.dimension)),
      [{ name: t('average'), data: satisfaction.map((s) => s.average) }],
    ),
    table(
      [t('dimension'), t('average'), t('responses')],
      satisfaction.map((s) => [labels.dimension(s.dimension), s.average, s.responses]),
    ),
    h2(t('recurring')),
    table(
      [t('product'), t('complaints')],
      data.hotspots.products.map((p) => [p.model, p.count]),
    ),
    table(
      [t('asset'), t('serialNumber'), t('complaints')],
      data.hotspots.assets.map((a) => [a.name, a.serialNumber, a.count]),
    ),
    table(
      [t('customer'), t('complaints')],
      data.hotspots.customers.map((c) => [c.name, c.count]),
    ),
  ];
  return eta.render(PAGE, {
    lang: labels.locale,
    title: `${tenantName}: ${t('title')} ${data.month}`,
    received: t('received', { from: data.from, to: data.to, zone: data.timeZone }),
    routing: routingLine(routing, data.timeZone, labels),
    blocks,
    none: t('none'),
  });
}

/** "Prepared by Administration and HR, for General manager, due by 2026-12-10": what the industry's plan said. */
function routingLine(
  routing: Pick<MonthlyReportRow, 'dueAt' | 'preparedByRole' | 'addressedTo'>,
  timeZone: string,
  labels: ReportLabels,
): string | null {
  const separator = labels.locale === 'zh-CN' ? '，' : ', ';
  const parts = [
    routing.preparedByRole ? labels.text('preparedBy', { role: labels.role(routing.preparedByRole) }) : null,
    routing.addressedTo.length ? labels.text('addressedTo', { roles: routing.addressedTo.map(labels.role).join('、') }) : null,
    // The due instant is the end of the due day: the day shown is the one before it.
    routing.dueAt
      ? labels.text('dueBy', { date: DateTime.fromJSDate(new Date(routing.dueAt), { zone: timeZone }).minus({ days: 1 }).toISODate()! })
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(separator) + (labels.locale === 'zh-CN' ? '。' : '.') : null;
}
