import type { Locale } from '@redress/plugin-api';
import type { TenantCalendar } from '../plugins/working-calendar';

/**
 * Why a due time is provisional: the region's public-holiday schedule of these years was
 * not loaded when it was counted, so they were counted on weekends alone. Stored as
 * `provisional_reason` beside the `provisional` flag of a clock or follow-up task.
 */
export interface ProvisionalReason {
  region: string;
  years: number[];
}

/** The reason to store for a count, or null when every year it touched has a schedule. */
export function provisionalReason(calendar: Pick<TenantCalendar, 'region'>, uncoveredYears: number[]): ProvisionalReason | null {
  return uncoveredYears.length ? { region: calendar.region, years: uncoveredYears } : null;
}

/** The reason as staff read it, in their language. */
export function describeProvisional(reason: ProvisionalReason | null, locale: Locale): string | null {
  if (!reason) return null;
  const years = reason.years.join(', ');
  return locale === 'zh-CN'
    ? `暂按周末计算：尚未载入 ${reason.region} 地区 ${reason.years.join('、')} 年的法定节假日安排，载入后将重新计算。`
    : `Provisional: no public-holiday schedule of ${reason.region} for ${years} is loaded yet, so weekends alone were counted; it is counted again when one is.`;
}
