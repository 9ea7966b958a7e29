import type { TenantTransaction } from '../db/tenant-transaction';
import { tenantCalendar, type TenantCalendar } from '../plugins/working-calendar';

/** A tenant's time zone and closures, in one statement. */
export async function loadTenantCalendar(tx: TenantTransaction, tenantId: string): Promise<TenantCalendar> {
  const [row] = await tx.query<{ time_zone: string; closures: string[] }>(
    `SELECT t.time_zone,
            ARRAY(SELECT to_char(c.closed_on, 'YYYY-MM-DD') FROM calendar_closures c
                   WHERE c.tenant_id = t.id ORDER BY c.closed_on) AS closures
       FROM tenants t WHERE t.id = $1`,
    [tenantId],
  );
  if (!row) throw new Error(`Tenant ${tenantId} is not visible in this transaction`);
  return tenantCalendar(row.time_zone, row.closures);
}
