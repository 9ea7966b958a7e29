import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password';
import { createOwnerDataSource } from '../db/data-sources';
import { withStartUpLock } from '../db/start-up-locks';
import type { Logger } from '../logging/logger';
import type { Services } from '../services';
import type { Clock } from '../time/clock';
import { caseSteps, type DemoStep } from './demo-case';
import { generateLastMonthsReport, lastMonthsReportAt, setUpDemoTenant } from './demo-tenant-setup';
import type { DemoTenantSpec } from './demo-tenant';
import { DemoTimeline } from './demo-timeline';
import { DEMO_AUTO } from './tenants/demo-auto';
import { DEMO_HOSPITAL } from './tenants/demo-hospital';
import { DEMO_RETAIL } from './tenants/demo-retail';

export const DEMO_PASSWORD = 'demo-password';
export const DEMO_PLATFORM_ADMIN = { email: 'admin@redress.local', password: 'redress-admin-demo' };

/** The demo tenants: each runs its industry's plugin and holds the complaints of its recent weeks. */
export const DEMO_TENANTS: DemoTenantSpec[] = [DEMO_RETAIL, DEMO_HOSPITAL, DEMO_AUTO];

/** Every demo tenant keeps the time of its (Chinese) business. */
export const DEMO_TIME_ZONE = 'Asia/Shanghai';

export interface DemoCredentials {
  platformAdmin: { email: string; password: string };
  password: string;
  tenants: { slug: string; name: string; plugin: string; users: { email: string; roles: string[] }[] }[];
}

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
 * Demo tenants for a first start, created through the same services as production data and
 * played forward on the business clock: each tenant opens some weeks before `clock`'s now,
 * installs its industry plugin, and its complaints are filed and handled step by step, each
 * step at its own past instant, with the stage clocks and follow-ups that fell due meanwhile
 * firing as the job queue would have fired them. What is still running at the end is
 * scheduled on `clock`, the server's clock.
 */
export async function seedDemoTenants(
  dataSource: DataSource,
  clock: Clock,
  services: Services,
  platformAdminId: string,
  logger: Logger,
): Promise<DemoCredentials> {
  // A duration, not business time: the monotonic clock.
  const started = performance.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const credentials: DemoCredentials = { platformAdmin: DEMO_PLATFORM_ADMIN, password: DEMO_PASSWORD, tenants: [] };
  for (const spec of DEMO_TENANTS) {
    const timeline = new DemoTimeline(clock, DEMO_TIME_ZONE);
    const desk = await setUpDemoTenant(dataSource, services, timeline, spec, platformAdminId, DEMO_PASSWORD, passwordHash, logger);
    const reportAt = lastMonthsReportAt(timeline);
    const steps: DemoStep[] = [
      ...spec.cases.flatMap((c) => caseSteps(desk, c)),
      { at: reportAt, run: () => generateLastMonthsReport(desk, desk.member(spec.reportBy), reportAt) },
    ];
    // Stable: steps at one instant keep the order of their case.
    steps.sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const step of steps) await step.run();
    await desk.catchUp(timeline.now);
    await desk.rescheduleOn(clock);
    credentials.tenants.push({
      slug: spec.slug,
      name: spec.name,
      plugin: spec.pluginId,
      users: desk.members.map((member) => ({ email: member.email, roles: member.roles })),
    });
  }
  logger.info({ tenants: DEMO_TENANTS.map((t) => t.slug), ms: Math.round(performance.now() - started) }, 'demo tenants seeded');
  return credentials;
}

/** What seeding the demo needs from a started server. */
export interface DemoSeedTarget {
  /** The runtime pool, bound by row-level security. */
  dataSource: DataSource;
  /**
   * The owner's direct connection (DATABASE_SESSION_URL where a pooler stands in front): only the
   * owner may create the platform administrator, and the seed's lock belongs to a session.
   */
  ownerUrl: string;
  /** The server's business clock: the demo history ends at its now. */
  clock: Clock;
  services: Services;
  logger: Logger;
}

/**
 * Seeds the platform administrator and the demo tenants when the database has no tenant yet
 * (a first start); returns their credentials, or null when there was something already.
 */
export async function seedDemoOnFirstStart(target: DemoSeedTarget): Promise<DemoCredentials | null> {
  // Processes started together on an empty database: one seeds, the others wait and find tenants.
  return withStartUpLock(target.ownerUrl, 'demoSeed', async () => {
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
    return seedDemoTenants(target.dataSource, target.clock, target.services, platformAdminId, target.logger);
  });
}
