import type { RequestContext } from '../context/request-context';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { validateInput } from '../graphql/validate';
import { recordAudit } from '../identity/audit';
import { AddCalendarClosureInput, RemoveCalendarClosureInput, type CalendarClosure, type WorkingCalendar } from './calendar.types';

const CLOSURE_COLUMNS = `to_char(closed_on, 'YYYY-MM-DD') AS date, reason, created_at AS "createdAt"`;

/**
 * The tenant's own closures. A closure counts for clocks started after it is added: a
 * deadline already set keeps its due time, as it keeps the plugin it was decided by.
 */
export class CalendarService {
  async calendar(ctx: RequestContext, tenantId: string): Promise<WorkingCalendar> {
    const [tenant] = await ctx.db.query<{ time_zone: string; holiday_region: string; years: number[] }>(
      `SELECT t.time_zone, t.holiday_region,
              ARRAY(SELECT s.year FROM holiday_schedules s WHERE s.region = t.holiday_region ORDER BY s.year) AS years
         FROM tenants t WHERE t.id = $1`,
      [tenantId],
    );
    const closures = await ctx.db.query<CalendarClosure>(
      `SELECT ${CLOSURE_COLUMNS} FROM calendar_closures WHERE tenant_id = $1 ORDER BY closed_on`,
      [tenantId],
    );
    return { timeZone: tenant.time_zone, holidayRegion: tenant.holiday_region, closures, coversYears: tenant.years };
  }

  async addClosure(ctx: RequestContext, input: AddCalendarClosureInput): Promise<CalendarClosure> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(AddCalendarClosureInput.schema, input);
    const [closure] = await ctx.db.query<CalendarClosure>(
      `INSERT INTO calendar_closures (tenant_id, closed_on, reason) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, closed_on) DO NOTHING RETURNING ${CLOSURE_COLUMNS}`,
      [viewer.tenantId, data.date, data.reason],
    );
    if (!closure) throw new UserFailure(UserErrorCode.ALREADY_EXISTS, 'This date is already closed', 'date');
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'calendar.closure-added',
      targetType: 'Tenant',
      targetId: viewer.tenantId,
      details: { date: closure.date, reason: closure.reason },
    });
    return closure;
  }

  async removeClosure(ctx: RequestContext, input: RemoveCalendarClosureInput): Promise<string> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(RemoveCalendarClosureInput.schema, input);
    const [removed] = await ctx.db.query<{ date: string; reason: string }>(
      `DELETE FROM calendar_closures WHERE tenant_id = $1 AND closed_on = $2
       RETURNING to_char(closed_on, 'YYYY-MM-DD') AS date, reason`,
      [viewer.tenantId, data.date],
    );
    if (!removed) throw new UserFailure(UserErrorCode.NOT_FOUND, 'This date is not closed', 'date');
    await recordAudit(ctx.db, {
      tenantId: viewer.tenantId,
      actor: viewer,
      action: 'calendar.closure-removed',
      targetType: 'Tenant',
      targetId: viewer.tenantId,
      details: { date: removed.date, reason: removed.reason },
    });
    return removed.date;
  }
}
