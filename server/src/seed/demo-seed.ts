import { randomUUID } from 'node:crypto';
import type { Demand } from '@redress/plugin-api';
import type { DataSource } from 'typeorm';
import type { ComplaintIntakeService } from '../complaints/complaint-intake.service';
import { hashPassword } from '../auth/password';
import { inScopedTransaction } from '../db/tenant-transaction';
import { createOwnerDataSource } from '../db/data-sources';
import { recordAudit } from '../identity/audit';
import { Role } from '../identity/roles';
import type { TenantService } from '../identity/tenant.service';
import { createOrFindUser } from '../identity/users';
import type { Logger } from '../logging/logger';
import type { Clock } from '../time/clock';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_PLATFORM_ADMIN = { email: 'admin@redress.local', password: 'redress-admin-demo' };

export interface DemoCredentials {
  platformAdmin: { email: string; password: string };
  password: string;
  tenants: { slug: string; name: string; users: { email: string; roles: string[] }[] }[];
}

interface DemoTenant {
  slug: string;
  name: string;
  locale: 'zh-CN' | 'en';
  departments: { code: string; name: string }[];
  staff: { local: string; name: string; roles: string[]; department?: string }[];
  /** Filed through the public form, so the desk has something to work on. */
  complaints: { description: string; demands: Demand[]; name: string; phone: string }[];
}

const DEMO_TENANTS: DemoTenant[] = [
  {
    slug: 'demo-retail',
    name: '华联超市（演示）',
    locale: 'zh-CN',
    departments: [
      { code: 'customer-service', name: '客服中心' },
      { code: 'store-001', name: '第一门店' },
      { code: 'administration', name: '行政人事部' },
    ],
    staff: [
      { local: 'supervisor', name: '王主管', roles: [Role.Supervisor], department: 'store-001' },
      { local: 'agent', name: '李客服', roles: [Role.Agent], department: 'customer-service' },
      { local: 'handler', name: '张处理', roles: [Role.Handler], department: 'store-001' },
    ],
    complaints: [
      { description: '促销标价9.9元，结账收了12.9元。', demands: ['REFUND', 'EXPLANATION'], name: '刘女士', phone: '13800000001' },
      { description: '买的酸奶已过保质期。', demands: ['EXCHANGE', 'COMPENSATION'], name: '周先生', phone: '13800000002' },
    ],
  },
  {
    slug: 'demo-hospital',
    name: '仁和医院（演示）',
    locale: 'zh-CN',
    departments: [
      { code: 'medical-affairs', name: '医教科' },
      { code: 'finance', name: '财务科' },
      { code: 'general-office', name: '综合办' },
    ],
    staff: [
      { local: 'supervisor', name: '陈主任', roles: [Role.Supervisor], department: 'general-office' },
      { local: 'agent', name: '赵护士', roles: [Role.Agent], department: 'general-office' },
    ],
    complaints: [{ description: '门诊收费单重复收取检查费。', demands: ['REFUND', 'EXPLANATION'], name: '孙先生', phone: '13900000001' }],
  },
  {
    slug: 'demo-auto',
    name: 'Riverside Motors (demo)',
    locale: 'en',
    departments: [
      { code: 'customer-relations', name: 'Customer relations' },
      { code: 'service', name: 'Service' },
      { code: 'sales', name: 'Sales' },
    ],
    staff: [
      { local: 'supervisor', name: 'Morgan Lee', roles: [Role.Supervisor], department: 'customer-relations' },
      { local: 'agent', name: 'Sam Park', roles: [Role.Agent], department: 'customer-relations' },
      { local: 'handler', name: 'Alex Chen', roles: [Role.Handler], department: 'service' },
    ],
    complaints: [
      {
        description: 'The gearbox jerks again two weeks after the repair; third visit for the same fault.',
        demands: ['REPAIR', 'COMPENSATION'],
        name: 'Jordan Smith',
        phone: '15500000001',
      },
    ],
  },
];

/** The platform administrator can only be created by the owner: the runtime role may not grant that flag. */
export async function seedPlatformAdmin(owner: DataSource, clock: Clock): Promise<string> {
  const [existing] = await owner.query('SELECT id FROM users WHERE email = $1', [DEMO_PLATFORM_ADMIN.email]);
  if (existing) return existing.id;
  const id = randomUUID();
  await owner.query(
    'INSERT INTO users (id, email, display_name, password_hash, is_platform_admin, created_at) VALUES ($1, $2, $3, $4, true, $5)',
    [id, DEMO_PLATFORM_ADMIN.email, 'Platform administrator', await hashPassword(DEMO_PLATFORM_ADMIN.password), clock.now()],
  );
  return id;
}

/**
 * Demo tenants for a first start, created through the same paths as production data:
 * tenants by the tenant service as the platform administrator, the rest in transactions
 * scoped to each tenant, each change audited.
 */
export async function seedDemoTenants(
  dataSource: DataSource,
  clock: Clock,
  tenants: TenantService,
  intake: ComplaintIntakeService,
  platformAdminId: string,
  logger: Logger,
): Promise<DemoCredentials> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const credentials: DemoCredentials = { platformAdmin: DEMO_PLATFORM_ADMIN, password: DEMO_PASSWORD, tenants: [] };
  for (const demo of DEMO_TENANTS) {
    const adminEmail = `admin@${demo.slug}.example`;
    const tenant = await inScopedTransaction(dataSource, clock, { tenantId: null, userId: platformAdminId }, (tx) =>
      tenants.createTenant(
        tx,
        { userId: platformAdminId },
        {
          slug: demo.slug,
          name: demo.name,
          timeZone: 'Asia/Shanghai',
          locale: demo.locale,
          admin: { email: adminEmail, password: DEMO_PASSWORD, name: 'Admin' },
        },
      ),
    );
    const [{ id: tenantId }] = await dataSource.query('SELECT id FROM auth_tenant_by_slug($1)', [tenant.slug]);
    const users: { email: string; roles: string[] }[] = [{ email: adminEmail, roles: [Role.TenantAdmin] }];
    await inScopedTransaction(dataSource, clock, { tenantId, userId: platformAdminId }, async (tx) => {
      const departmentIds = new Map<string, string>();
      for (const department of demo.departments) {
        const id = randomUUID();
        departmentIds.set(department.code, id);
        await tx.query('INSERT INTO departments (id, tenant_id, code, name) VALUES ($1, $2, $3, $4)', [
          id,
          tenantId,
          department.code,
          department.name,
        ]);
      }
      for (const person of demo.staff) {
        const email = `${person.local}@${demo.slug}.example`;
        const user = await createOrFindUser(tx, { email, name: person.name, passwordHash });
        await tx.query('INSERT INTO memberships (tenant_id, user_id, roles, department_id) VALUES ($1, $2, $3, $4)', [
          tenantId,
          user.id,
          person.roles,
          person.department ? departmentIds.get(person.department) : null,
        ]);
        users.push({ email, roles: person.roles });
      }
      await recordAudit(tx, {
        tenantId,
        actor: { userId: platformAdminId, apiKeyId: null },
        action: 'tenant.demo-seeded',
        targetType: 'Tenant',
        targetId: tenantId,
        details: { departments: demo.departments.length, staff: demo.staff.length },
      });
    });
    for (const complaint of demo.complaints) {
      await inScopedTransaction(dataSource, clock, { tenantId: null, userId: null }, (tx) =>
        intake.submit(tx, {
          tenantSlug: demo.slug,
          description: complaint.description,
          demands: complaint.demands,
          complainant: { name: complaint.name, phone: complaint.phone },
        }),
      );
    }
    credentials.tenants.push({ slug: demo.slug, name: demo.name, users });
  }
  logger.info({ tenants: DEMO_TENANTS.map((t) => t.slug) }, 'demo tenants seeded');
  return credentials;
}

/** What seeding the demo needs from a started server. */
export interface DemoSeedTarget {
  /** The runtime pool, bound by row-level security. */
  dataSource: DataSource;
  /** The owner's URL: only the owner may create the platform administrator. */
  ownerUrl: string;
  clock: Clock;
  tenants: TenantService;
  intake: ComplaintIntakeService;
  logger: Logger;
}

/**
 * Seeds the platform administrator and the demo tenants when the database has no tenant yet
 * (a first start); returns their credentials, or null when there was something already.
 */
export async function seedDemoOnFirstStart(target: DemoSeedTarget): Promise<DemoCredentials | null> {
  const owner = createOwnerDataSource(target.ownerUrl);
  await owner.initialize();
  let platformAdminId: string;
  try {
    const [{ present }] = await owner.query<{ present: boolean }[]>('SELECT EXISTS (SELECT 1 FROM tenants) AS present');
    if (present) return null;
    platformAdminId = await seedPlatformAdmin(owner, target.clock);
  } finally {
    await owner.destroy();
  }
  return seedDemoTenants(target.dataSource, target.clock, target.tenants, target.intake, platformAdminId, target.logger);
}
