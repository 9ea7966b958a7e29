import pino from 'pino';
import {
  DEMO_PASSWORD,
  DEMO_TENANTS,
  seedDemoOnFirstStart,
  type DemoCredentials,
  type DemoSeedTarget,
} from '../../server/src/seed/demo-seed';
import type { TestServer } from './test-server';

/** What the demo seed of a first start gets from a test server: its pool, direct owner connection and clock. */
export function demoSeedTarget(server: TestServer): DemoSeedTarget {
  return {
    dataSource: server.app.dataSource,
    ownerUrl: server.sessionUrl,
    clock: server.clock,
    services: server.app.services,
    logger: pino({ level: 'silent' }),
  };
}

/** Runs the demo seed on a test server's fresh database, on the server's clock; returns the credentials. */
export async function seedDemo(server: TestServer): Promise<{ credentials: DemoCredentials }> {
  const credentials = await seedDemoOnFirstStart(demoSeedTarget(server));
  if (!credentials) throw new Error('the demo seed found tenants already');
  return { credentials };
}

export const COMPLAINTS = `query { complaints(first: 30) { totalCount edges { node {
  id status clockPaused receivedAt owner { id } major
  deadlines { stage breached paused }
  approvals { role decision }
  availableActions { action }
} } } }`;

const EVENT_KINDS = `query ($id: ID!) { complaint(id: $id) { events(first: 50) { edges { node { kind } } } } }`;

/** The statuses, clocks and steps a demo tenant must show, read through the API as its supervisor. */
export interface TenantSpread {
  statuses: Set<string>;
  total: number;
  breached: number;
  paused: number;
  closedWithSurvey: number;
  complaints: any[];
}

export async function readSpread(server: TestServer, token: string): Promise<TenantSpread> {
  const result = await server.request(COMPLAINTS, {}, { token });
  if (!result.data?.complaints) throw new Error(`complaints failed: ${JSON.stringify(result.errors)}`);
  const complaints = result.data.complaints.edges.map((edge: any) => edge.node);
  let closedWithSurvey = 0;
  for (const closed of complaints.filter((c: any) => c.status === 'CLOSED')) {
    const events = await server.request(EVENT_KINDS, { id: closed.id }, { token });
    if (events.data.complaint.events.edges.some((e: any) => e.node.kind === 'SURVEY_ANSWERED')) closedWithSurvey++;
  }
  return {
    complaints,
    total: result.data.complaints.totalCount,
    statuses: new Set(complaints.map((c: any) => c.status)),
    breached: complaints.filter((c: any) => c.deadlines.some((d: any) => d.breached)).length,
    paused: complaints.filter((c: any) => c.clockPaused && c.deadlines.some((d: any) => d.paused)).length,
    closedWithSurvey,
  };
}

/** Logs in as every demo account of every demo tenant. */
export async function demoTokens(server: TestServer, credentials: DemoCredentials): Promise<Map<string, { token: string; slug: string }>> {
  const tokens = new Map<string, { token: string; slug: string }>();
  for (const tenant of credentials.tenants) {
    for (const user of tenant.users)
      tokens.set(user.email, { token: await server.login(user.email, DEMO_PASSWORD, tenant.slug), slug: tenant.slug });
  }
  return tokens;
}

/** The scenarios the seed declares for a tenant, counted by name. */
export function declaredScenarios(slug: string): Map<string, number> {
  const spec = DEMO_TENANTS.find((t) => t.slug === slug)!;
  const counts = new Map<string, number>();
  for (const c of spec.cases) counts.set(c.scenario, (counts.get(c.scenario) ?? 0) + 1);
  return counts;
}
