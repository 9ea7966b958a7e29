import { CHANNEL, SATISFACTION_DIMENSION, type Locale, type LocalizedText } from '@redress/plugin-api';
import type { BoundPlugin } from '../plugins/plugin-host';

/** The printable report's own words, in both languages. */
const TEXT = {
  title: { en: 'complaints of', 'zh-CN': '投诉月报' },
  received: { en: 'Complaints received from {from} to {to} ({zone}).', 'zh-CN': '统计范围：{from} 至 {to} 受理的投诉（{zone}）。' },
  preparedBy: { en: 'Prepared by {role}', 'zh-CN': '由{role}填报' },
  addressedTo: { en: 'for {roles}', 'zh-CN': '呈报{roles}' },
  dueBy: { en: 'due by {date}', 'zh-CN': '应于{date}前完成' },
  none: { en: 'None.', 'zh-CN': '无。' },
  noValue: { en: '(none)', 'zh-CN': '（无）' },
  overview: { en: 'Overview', 'zh-CN': '概览' },
  complaints: { en: 'Complaints', 'zh-CN': '投诉数' },
  clocksMet: { en: 'Clocks met', 'zh-CN': '按时完成' },
  clocksMissed: { en: 'Clocks missed', 'zh-CN': '超时' },
  hoursToAcknowledge: { en: 'Hours to acknowledge (median / p90)', 'zh-CN': '确认受理用时（小时，中位数 / 90%）' },
  hoursToResolve: { en: 'Hours to resolve (median / p90)', 'zh-CN': '解决用时（小时，中位数 / 90%）' },
  hoursToClose: { en: 'Hours to close (median / p90)', 'zh-CN': '结案用时（小时，中位数 / 90%）' },
  reopened: { en: 'Reopened', 'zh-CN': '重新处理率' },
  whereFrom: { en: 'Where complaints come from', 'zh-CN': '投诉来源' },
  byChannel: { en: 'By channel', 'zh-CN': '按渠道' },
  byCategory: { en: 'By category', 'zh-CN': '按类别' },
  runLate: { en: 'Which departments run late', 'zh-CN': '各部门时限执行情况' },
  clocksByDepartment: { en: 'Clocks by department', 'zh-CN': '各部门时限' },
  met: { en: 'Met', 'zh-CN': '按时' },
  missed: { en: 'Missed', 'zh-CN': '超时' },
  department: { en: 'Department', 'zh-CN': '部门' },
  medianHoursToResolve: { en: 'Hours to resolve (median)', 'zh-CN': '解决用时（小时，中位数）' },
  warnings: { en: 'Warning records', 'zh-CN': '警示记录' },
  records: { en: 'Records', 'zh-CN': '记录数' },
  causes: { en: 'Causes', 'zh-CN': '原因' },
  penalties: { en: 'Penalties', 'zh-CN': '处罚' },
  borneBy: { en: 'Borne by', 'zh-CN': '承担人' },
  entries: { en: 'Entries', 'zh-CN': '条数' },
  points: { en: 'Points', 'zh-CN': '扣分' },
  customersThink: { en: 'What customers think', 'zh-CN': '顾客满意度' },
  satisfactionByDimension: { en: 'Average satisfaction by dimension', 'zh-CN': '各维度平均满意度' },
  dimension: { en: 'Dimension', 'zh-CN': '维度' },
  average: { en: 'Average', 'zh-CN': '平均分' },
  responses: { en: 'Responses', 'zh-CN': '评价数' },
  recurring: { en: 'What keeps recurring', 'zh-CN': '重复出现的问题' },
  product: { en: 'Product (model)', 'zh-CN': '商品（型号）' },
  asset: { en: 'Asset', 'zh-CN': '物品' },
  serialNumber: { en: 'Serial number', 'zh-CN': '序列号' },
  customer: { en: 'Customer', 'zh-CN': '顾客' },
} satisfies Record<string, LocalizedText>;

export type ReportTextKey = keyof typeof TEXT;

/** How the page names things: its own words, and the codes stored in the report as labels. */
export interface ReportLabels {
  locale: Locale;
  text(key: ReportTextKey, values?: Record<string, string>): string;
  channel(code: string): string;
  category(code: string): string;
  dimension(code: string): string;
  department(code: string): string;
  role(code: string): string;
}

/**
 * Labels in a locale: channels and dimensions from the vocabulary, categories and roles from
 * the governing plugin (core roles from `roleLabels`), departments by their names. A code
 * nothing names any more (a category of an earlier plugin) is shown as it is.
 */
export function reportLabels(
  locale: Locale,
  plugin: BoundPlugin,
  departments: Map<string, string>,
  roleLabels: Map<string, LocalizedText>,
): ReportLabels {
  const vocabulary = (labels: Record<string, LocalizedText>) => (code: string) => labels[code]?.[locale] ?? code;
  return {
    locale,
    text: (key, values = {}) => TEXT[key][locale].replace(/\{(\w+)\}/g, (_, name: string) => values[name] ?? ''),
    channel: vocabulary(CHANNEL.labels),
    dimension: vocabulary(SATISFACTION_DIMENSION.labels),
    category: (code) => plugin.category(code)?.label[locale] ?? code,
    department: (code) => departments.get(code) ?? code,
    role: (code) => roleLabels.get(code)?.[locale] ?? code,
  };
}
