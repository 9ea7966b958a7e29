import { shippedHolidaySchedules } from '../../server/src/calendar/holiday-schedule';
import { tenantCalendar, type TenantCalendar } from '../../server/src/plugins/working-calendar';

/** A tenant calendar on the mainland schedules shipped with the platform (chinese-days, 2004–2026). */
export function shippedCalendar(timeZone: string, closures: string[] = []): TenantCalendar {
  return tenantCalendar(timeZone, {
    closures,
    schedules: shippedHolidaySchedules().map((s) => ({ ...s, holidays: s.holidays.map((h) => h.date) })),
  });
}
