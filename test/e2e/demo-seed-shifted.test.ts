import { DEMO_TENANTS } from '../../server/src/seed/demo-seed';
import { declaredScenarios, readSpread, seedDemo } from '../support/demo-spread';
import { startTestServer } from '../support/test-server';

/**
 * The seed does not depend on today's date: on a business clock half an hour before a new
 * year in Shanghai, and in a year without a holiday schedule (its periods provisional), it
 * completes with the same spread, the report being of the month before that clock's month.
 */
const INSTANTS: [string, Date, string][] = [
  ['New Year’s Eve 2027, 23:30 in Shanghai', new Date('2027-12-31T15:30:00Z'), '2027-11'],
  ['15 June 2099, a year without a holiday schedule', new Date('2099-06-15T02:00:00Z'), '2099-05'],
];

test.each(INSTANTS)('seeded on %s: the same spread', async (_name, at, previousMonth) => {
  const server = await startTestServer({}, { clock: at });
  try {
    await seedDemo(server);
    for (const spec of DEMO_TENANTS) {
      const admin = await server.login(`admin@${spec.slug}.example`, 'demo-password', spec.slug);
      const spread = await readSpread(server, admin);
      const scenarios = declaredScenarios(spec.slug);
      expect(spread.total).toBe(spec.cases.length);
      for (const status of ['RECEIVED', 'ACKNOWLEDGED', 'ASSIGNED', 'RESPONDED', 'CLOSED']) expect(spread.statuses).toContain(status);
      expect(spread.breached).toBeGreaterThanOrEqual(scenarios.get('overdue')!);
      expect(spread.paused).toBe(scenarios.get('paused'));
      expect(spread.closedWithSurvey).toBe(scenarios.get('closed with a survey'));
      expect(Math.max(...spread.complaints.map((c) => new Date(c.receivedAt).getTime()))).toBeLessThanOrEqual(at.getTime() + 60_000);
      const penalties = await server.request(`{ penalties(first: 5, filter: { status: [PENDING] }) { totalCount } }`, {}, { token: admin });
      expect(penalties.data.penalties.totalCount).toBeGreaterThan(0);
      const reports = await server.request(`{ monthlyReports { month } }`, {}, { token: admin });
      expect(reports.data.monthlyReports.map((r: any) => r.month)).toContain(previousMonth);
    }
  } finally {
    await server.stop();
  }
});
