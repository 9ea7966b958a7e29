import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { dueAt } from '../../server/src/plugins/plugin-host';
import { tenantCalendar } from '../../server/src/plugins/working-calendar';

/**
 * Satisfaction surveys on the tenant's own scale: a score below its threshold opens another
 * follow-up, or reopens the complaint when the governing plugin says so (the default
 * plugin: a low degree of resolution).
 */
let server: TestServer;
let staff: Staff;

const SETTINGS = `mutation ($input: ConfigureSurveyInput!) { configureSurvey(input: $input) { settings { scaleMax threshold } errors { code field } } }`;
const configure = (input: Record<string, unknown>, token = staff.admin) => server.request(SETTINGS, { input }, { token });
const settings = async () => (await server.request(`{ surveySettings { scaleMax threshold } }`, {}, { token: staff.agent })).data.surveySettings;

async function respondedComplaint(phone: string) {
  let c = await fileComplaint(server, staff.agent, {
    channel: 'PHONE',
    description: 'The heater is noisy',
    demands: ['REPAIR'],
    complainant: { name: '周九', phone },
  });
  const step = async (token: string, mutation: string, input: Record<string, unknown> = {}) => {
    const result = await change(server, token, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
    expect({ mutation, errors: result.errors }).toEqual({ mutation, errors: [] });
    c = result.complaint;
  };
  await step(staff.agent, 'acknowledgeComplaint');
  await step(staff.supervisor, 'assessComplaint', { decision: 'ACCEPT', categoryCode: 'service.attitude' });
  await step(staff.supervisor, 'assignComplaint', { ownerId: staff.handlerId });
  await step(staff.handler, 'recordInvestigation', { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' });
  await step(staff.handler, 'proposeResolution', { kind: 'APOLOGY', description: 'Sorry' });
  await step(staff.supervisor, 'decideApproval', { decision: 'APPROVE' });
  await step(staff.handler, 'markResolutionExecuted');
  await step(staff.agent, 'respondToComplainant', { channel: 'PHONE', message: 'Fixed' });
  return c;
}

const tasksOf = async (complaintId: string) =>
  (
    await server.request(`{ followUps(filter: { includeClosed: true }, first: 100) { edges { node { sequence reason dueAt doneAt cancelledAt complaint { id } } } } }`, {}, { token: staff.supervisor })
  ).data.followUps.edges.map((e: any) => e.node).filter((t: any) => t.complaint.id === complaintId);

const followUp = (c: any, scores: { dimension: string; score: number }[]) =>
  change(server, staff.agent, 'recordFollowUp', { complaintId: c.id, expectedVersion: c.version, scores });

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'surveys'));
});

afterAll(async () => {
  await server?.stop();
});

describe('survey settings', () => {
  it('starts at 1 to 5 with 3 as the threshold, and the administrator sets another scale', async () => {
    expect(await settings()).toEqual({ scaleMax: 5, threshold: 3 });
    const result = await configure({ scaleMax: 10, threshold: 6 });
    expect(result.data.configureSurvey).toEqual({ settings: { scaleMax: 10, threshold: 6 }, errors: [] });
    expect(await settings()).toEqual({ scaleMax: 10, threshold: 6 });
  });

  it('refuses a scale or threshold out of range, and anyone but the administrator, writing nothing', async () => {
    for (const [input, field] of [
      [{ scaleMax: 11, threshold: 6 }, 'scaleMax'],
      [{ scaleMax: 10, threshold: 11 }, 'threshold'],
      [{ scaleMax: 5, threshold: 1 }, 'threshold'],
    ] as const) {
      expect((await configure(input)).data.configureSurvey).toEqual({ settings: null, errors: [{ code: 'INVALID_INPUT', field }] });
    }
    const refused = await configure({ scaleMax: 5, threshold: 3 }, staff.supervisor);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await settings()).toEqual({ scaleMax: 10, threshold: 6 });
  });
});

describe('scores on the tenant scale', () => {
  it('refuses a score above the scale', async () => {
    const c = await respondedComplaint('13200000001');
    expect((await configure({ scaleMax: 7, threshold: 4 })).data.configureSurvey.errors).toEqual([]);
    const result = await followUp(c, [{ dimension: 'PRICE', score: 7 }, { dimension: 'ATTITUDE', score: 8 }]);
    expect(result.errors).toEqual([{ code: 'INVALID_INPUT', field: 'scores.1.score', message: 'Scores run from 1 to 7' }]);
    expect((await configure({ scaleMax: 10, threshold: 6 })).data.configureSurvey.errors).toEqual([]);
    expect((await tasksOf(c.id)).map((t: any) => t.doneAt)).toEqual([null]);
  });

  it('opens another follow-up for a low score the plugin does not reopen for', async () => {
    let c = await respondedComplaint('13200000002');
    let result = await followUp(c, [{ dimension: 'ATTITUDE', score: 7 }]);
    expect(result.errors).toEqual([]);
    c = result.complaint;
    expect((await tasksOf(c.id)).map((t: any) => [t.reason, t.doneAt !== null])).toEqual([['PLAN', true]]);
    const before = new Date();
    result = await followUp(c, [{ dimension: 'ATTITUDE', score: 5 }, { dimension: 'RESOLUTION', score: 9 }]);
    expect(result.errors).toEqual([]);
    expect(result.complaint.status).toBe('FOLLOW_UP');
    const tasks = (await tasksOf(c.id)).sort((a: any, b: any) => a.sequence - b.sequence);
    expect(tasks.map((t: any) => [t.sequence, t.reason, t.doneAt, t.cancelledAt])).toEqual([
      [1, 'PLAN', expect.any(String), null],
      [2, 'LOW_SATISFACTION', null, null],
    ]);
    const expected = dueAt(before, { stage: 'CLOSE', amount: 2, unit: 'workingDays' }, tenantCalendar('Asia/Shanghai'));
    expect(tasks[1].dueAt).toBe(expected.toISOString());
  });

  it('reopens the complaint for a low degree of resolution, as the plugin decides', async () => {
    const c = await respondedComplaint('13200000003');
    const result = await followUp(c, [{ dimension: 'RESOLUTION', score: 2 }, { dimension: 'ATTITUDE', score: 9 }]);
    expect(result.errors).toEqual([]);
    expect(result.complaint.status).toBe('INVESTIGATING');
    const events = await server.request(
      `query ($id: ID!) { complaint(id: $id) { events(first: 100) { edges { node { kind decidedBy changes } } } } }`,
      { id: c.id },
      { token: staff.supervisor },
    );
    const reopened = events.data.complaint.events.edges.map((e: any) => e.node).filter((e: any) => e.kind === 'REOPENED');
    expect(reopened).toEqual([
      { kind: 'REOPENED', decidedBy: 'default@1.0.0', changes: { reason: 'LOW_SATISFACTION', lowScores: { RESOLUTION: 2 }, threshold: 6, scaleMax: 10 } },
    ]);
    // Nothing is left to follow up on a reopened complaint; the high score did not open anything.
    expect((await tasksOf(c.id)).every((t: any) => t.doneAt !== null || t.cancelledAt !== null)).toBe(true);
  });
});
