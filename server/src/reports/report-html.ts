import * as echarts from 'echarts';
import { DateTime } from 'luxon';
import type { ReportData } from './report-data';
import type { MonthlyReportRow } from './monthly-report.types';
import type { ReportLabels } from './report-labels';

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

const hours = (value: number | null) => (value === null ? '–' : value.toFixed(1));

function table(labels: ReportLabels, headers: string[], rows: (string | number | null)[][]): string {
  if (rows.length === 0) return `<p class="empty">${escape(labels.text('none'))}</p>`;
  const head = headers.map((h) => `<th>${escape(h)}</th>`).join('');
  const body = rows.map((row) => `<tr>${row.map((cell) => `<td>${escape(cell ?? '–')}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

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
  const sections = [
    `<h2>${escape(t('overview'))}</h2>` +
      table(
        labels,
        [t('complaints'), t('clocksMet'), t('clocksMissed'), t('hoursToAcknowledge'), t('hoursToResolve'), t('hoursToClose'), t('reopened')],
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
    `<h2>${escape(t('whereFrom'))}</h2>` +
      barChart(t('byChannel'), byChannel, [{ name: t('complaints'), data: data.byChannel.map((r) => r.count) }]) +
      barChart(t('byCategory'), byCategory, [{ name: t('complaints'), data: data.byCategory.map((r) => r.count) }]),
    `<h2>${escape(t('runLate'))}</h2>` +
      barChart(
        t('clocksByDepartment'),
        byDepartment,
        [
          { name: t('met'), data: data.byDepartment.map((r) => r.deadlinesMet) },
          { name: t('missed'), data: data.byDepartment.map((r) => r.deadlinesMissed) },
        ],
        true,
      ) +
      table(
        labels,
        [t('department'), t('complaints'), t('clocksMissed'), t('medianHoursToResolve')],
        data.byDepartment.map((r, i) => [byDepartment[i], r.count, r.deadlinesMissed, hours(r.timeToResolve.median)]),
      ) +
      `<h3>${escape(t('warnings'))} (警示)</h3>` +
      table(
        labels,
        [t('department'), t('records'), t('clocksMissed'), t('causes')],
        data.warnings.map((w) => [labels.department(w.department), w.records, w.deadlinesMissed, w.causes.join('; ')]),
      ) +
      `<h3>${escape(t('penalties'))}</h3>` +
      table(labels, [t('borneBy'), t('entries'), t('points')], data.penalties.map((p) => [p.subject, p.count, p.points])),
    `<h2>${escape(t('customersThink'))}</h2>` +
      barChart(
        t('satisfactionByDimension'),
        satisfaction.map((s) => labels.dimension(s.dimension)),
        [{ name: t('average'), data: satisfaction.map((s) => s.average) }],
      ) +
      table(
        labels,
        [t('dimension'), t('average'), t('responses')],
        satisfaction.map((s) => [labels.dimension(s.dimension), s.average, s.responses]),
      ),
    `<h2>${escape(t('recurring'))}</h2>` +
      table(labels, [t('product'), t('complaints')], data.hotspots.products.map((p) => [p.model, p.count])) +
      table(labels, [t('asset'), t('serialNumber'), t('complaints')], data.hotspots.assets.map((a) => [a.name, a.serialNumber, a.count])) +
      table(labels, [t('customer'), t('complaints')], data.hotspots.customers.map((c) => [c.name, c.count])),
  ];
  const title = `${tenantName}: ${t('title')} ${data.month}`;
  return `<!doctype html>
<html lang="${labels.locale}"><head><meta charset="utf-8"><title>${escape(title)}</title>
<style>
  body { font-family: system-ui, 'PingFang SC', 'Microsoft YaHei', sans-serif; margin: 2rem; color: #222; }
  table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #bbb; padding: 0.25rem 0.6rem; text-align: left; }
  h2 { border-bottom: 2px solid #333; margin-top: 2rem; } .empty { color: #777; } svg { display: block; margin: 0.5rem 0; }
  @media print { h2 { break-before: auto; } svg, table { break-inside: avoid; } }
</style></head>
<body>
<h1>${escape(title)}</h1>
<p>${escape(t('received', { from: data.from, to: data.to, zone: data.timeZone }))}</p>
${routingLine(routing, data.timeZone, labels)}
${sections.join('\n')}
</body></html>`;
}

/** "Prepared by Administration and HR, for General manager, due by 2026-12-10": what the industry's plan said. */
function routingLine(
  routing: Pick<MonthlyReportRow, 'dueAt' | 'preparedByRole' | 'addressedTo'>,
  timeZone: string,
  labels: ReportLabels,
): string {
  const separator = labels.locale === 'zh-CN' ? '，' : ', ';
  const parts = [
    routing.preparedByRole ? labels.text('preparedBy', { role: labels.role(routing.preparedByRole) }) : null,
    routing.addressedTo.length ? labels.text('addressedTo', { roles: routing.addressedTo.map(labels.role).join('、') }) : null,
    // The due instant is the end of the due day: the day shown is the one before it.
    routing.dueAt
      ? labels.text('dueBy', { date: DateTime.fromJSDate(new Date(routing.dueAt), { zone: timeZone }).minus({ days: 1 }).toISODate()! })
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? `<p class="routing">${escape(parts.join(separator) + (labels.locale === 'zh-CN' ? '。' : '.'))}</p>` : '';
}
