import type { TenantTransaction } from '../db/tenant-transaction';
import { tenantCalendar, type TenantCalendar } from '../plugins/working-calendar';

/**
 * The years a count from `from` may touch: the year before (a local date early on 1 January
 * is still 31 December in UTC, and vice versa) to two years after. Periods are days or weeks.
 */
export function yearsAround(from: Date, until: Date = from): { from: number; to: number } {
  return { from: from.getUTCFullYear() - 1, to: until.getUTCFullYear() + 2 };
}

/** The calendar columns `calendarColumnsSql` selects. */
export interface CalendarColumns {
  time_zone: string;
  holiday_region: string;
  closures: string[];
  schedules: { year: number; holidays: string[]; workingDays: string[] }[];
}

/**
 * Select-list SQL for a tenant row `t` (table `tenants`): its closures and its region's
 * public-holiday schedules for the years between the parameters `fromYear` and `toYear`, so
 * a statement that reads the tenant for something else loads its calendar too.
 */
export function calendarColumnsSql(fromYear: string, toYear: string): string {
  return `t.time_zone, t.holiday_region,
            ARRAY(SELECT to_char(c.closed_on, 'YYYY-MM-DD') FROM calendar_closures c
                   WHERE c.tenant_id = t.id ORDER BY c.closed_on) AS closures,
            coalesce((SELECT json_agg(json_build_object(
                        'year', s.year,
                        'holidays', (SELECT coalesce(json_agg(h ->> 'date'), '[]') FROM jsonb_array_elements(s.holidays) h),
                        'workingDays', (SELECT coalesce(json_agg(to_char(w, 'YYYY-MM-DD')), '[]') FROM unnest(s.working_days) w)))
                        FROM holiday_schedules s
                       WHERE s.region = t.holiday_region AND s.year BETWEEN ${fromYear} AND ${toYear}), '[]') AS schedules`;
}

/** The calendar of a row read with `calendarColumnsSql` for `years`. */
export function calendarOfRow(row: CalendarColumns, years: { from: number; to: number }): TenantCalendar {
  return tenantCalendar(row.time_zone, {
    closures: row.closures,
    region: row.holiday_region,
    schedules: row.schedules,
    loadedYears: years,
  });
}

/**
 * A tenant's time zone, closures, holiday region and that region's public-holiday
 * schedules for the years a count from `from` (to `until`) may touch, in one statement.
 */
export async function loadTenantCalendar(tx: TenantTransaction, tenantId: string, from: Date, until: Date = from): Promise<TenantCalendar> {
  const years = yearsAround(from, until);
  const [row] = await tx.query<CalendarColumns>(`SELECT ${calendarColumnsSql('$2', '$3')} FROM tenants t WHERE t.id = $1`, [
    tenantId,
    years.from,
    years.to,
  ]);
  if (!row) throw new Error(`Tenant ${tenantId} is not visible in this transaction`);
  return calendarOfRow(row, years);
}
