import type { DataSource } from 'typeorm';
import { inScopedTransaction } from '../db/tenant-transaction';
import { recordAudit } from '../identity/audit';
import { Role } from '../identity/roles';
import { createOrFindUser } from '../identity/users';
import type { Services } from '../services';
import type { Logger } from '../logging/logger';
import { DemoDesk, type DemoMember } from './demo-desk';
import { DEMO_ADMIN_LOCAL, demoEmail, type DemoTenantSpec } from './demo-tenant';
import type { DemoTimeline } from './demo-timeline';

/** The tenant opened this long before seeding, its plugin installed the same morning. */
export const DEMO_TENANT_OPENED = { daysAgo: 60, at: '08:30' } as const;

/**
 * Creates the tenant as the platform administrator, installs and configures its industry
 * plugin as the tenant administrator (the plugin adds its departments and roles), and adds
 * the staff in the plugin's departments. All at the tenant's opening on the timeline.
 */
export async function setUpDemoTenant(
  dataSource: DataSource,
  services: Services,
  timeline: DemoTimeline,
  spec: DemoTenantSpec,
  platformAdminId: string,
  password: string,
  passwordHash: string,
  logger: Logger,
): Promise<DemoDesk> {
  const opened = timeline.instant(DEMO_TENANT_OPENED);
  timeline.set(opened);
  const adminEmail = demoEmail(DEMO_ADMIN_LOCAL, spec.slug);
  await inScopedTransaction(dataSource, timeline.clock, { tenantId: null, userId: platformAdminId }, (tx) =>
    services.tenants.createTenant(
      tx,
      { userId: platformAdminId },
      {
        slug: spec.slug,
        name: spec.name,
        timeZone: timeline.timeZone,
        locale: spec.locale,
        admin: { email: adminEmail, password, name: '系统管理员' },
      },
    ),
  );
  const [{ id: tenantId }] = await dataSource.query('SELECT id FROM auth_tenant_by_slug($1)', [spec.slug]);
  const [{ user_id: adminId }] = await inScopedTransaction(dataSource, timeline.clock, { tenantId, userId: null }, (tx) =>
    tx.query<{ user_id: string }>('SELECT user_id FROM memberships WHERE tenant_id = $1 AND $2 = ANY(roles)', [tenantId, Role.TenantAdmin]),
  );
  const admin: DemoMember = { local: DEMO_ADMIN_LOCAL, email: adminEmail, userId: adminId, roles: [Role.TenantAdmin], departmentId: null };

  const desk = new DemoDesk(dataSource, services, timeline, tenantId, [admin], logger);
  await desk.as(admin, new Date(opened.getTime() + 10 * 60_000), async (ctx) => {
    await services.pluginAdmin.install(ctx, { pluginId: spec.pluginId, config: {} });
    await services.pluginAdmin.configure(ctx, { pluginId: spec.pluginId, config: spec.pluginConfig });
  });

  timeline.set(new Date(opened.getTime() + 20 * 60_000));
  await inScopedTransaction(dataSource, timeline.clock, { tenantId, userId: platformAdminId }, async (tx) => {
    const departments = new Map(
      (await tx.query<{ id: string; code: string }>('SELECT id, code FROM departments WHERE tenant_id = $1', [tenantId])).map((d) => [
        d.code,
        d.id,
      ]),
    );
    for (const person of spec.staff) {
      const email = demoEmail(person.local, spec.slug);
      const departmentId = departments.get(person.department);
      if (!departmentId) throw new Error(`The ${spec.pluginId} plugin declares no department ${person.department}`);
      const user = await createOrFindUser(tx, { email, name: person.name, passwordHash });
      await tx.query('INSERT INTO memberships (tenant_id, user_id, roles, department_id) VALUES ($1, $2, $3, $4)', [
        tenantId,
        user.id,
        person.roles,
        departmentId,
      ]);
      desk.members.push({ local: person.local, email, userId: user.id, roles: person.roles, departmentId });
    }
    await recordAudit(tx, {
      tenantId,
      actor: { userId: platformAdminId, apiKeyId: null },
      action: 'tenant.demo-seeded',
      targetType: 'Tenant',
      targetId: tenantId,
      details: { plugin: spec.pluginId, staff: spec.staff.length, complaints: spec.cases.length },
    });
  });
  return desk;
}

/** The previous month's report, generated early on the first of this month (or just before now, if that is earlier). */
export async function generateLastMonthsReport(desk: DemoDesk, by: DemoMember): Promise<void> {
  const { start, previousMonth } = desk.timeline.monthStart();
  const at = new Date(Math.max(start.getTime() + 1000, Math.min(start.getTime() + 2 * 3_600_000, desk.timeline.now.getTime() - 30_000)));
  await desk.as(by, at, (ctx) => desk.services.monthlyReports.generate(ctx, { month: previousMonth }));
}
