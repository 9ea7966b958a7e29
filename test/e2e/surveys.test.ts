import { startTestServer, type TestServer } from '../support/test-server';
import { DEFAULT_RATE_LIMITS } from '../../server/src/config/config';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';

/**
 * Satisfaction surveys on the tenant's own scale: a score below its threshold opens another
 * follow-up, or reopens the complaint when the governing plugin says so (the default
 * plugin: a low degree of resolution).
 */
let server: TestServer;
let staff: Staff;
const SLUG = 'surveys';

const SETTINGS = `mutation ($input: ConfigureSurveyInput!) { configureSurvey(input: $input) { settings { scaleMax threshold } errors { code field } } }`;
const configure = (input: Record<string, unknown>, token = staff.admin) => server.request(SETTINGS, { input }, { token });
const settings = async () =>
  (await server.request(`{ surveySettings { scaleMax threshold } }`, {}, { token: staff.agent })).data.surveySettings;

/** The walk of these tests: a service-attitude complaint, handled by the handler, answered by phone. */
const WALK = { inputs: { assessComplaint: { categoryCode: 'service.attitude' }, respondToComplainant: { message: 'Fixed' } } };

async function acceptedComplaint(phone: string) {
  const c = await fileComplaint(server, staff.agent, {
    channel: 'PHONE',
    description: 'The heater is noisy',
    demands: ['REPAIR'],
    complainant: { name: '周九', phone },
  });
  return walkTo(server, staff, c.id, 'ASSIGNED', WALK);
}

const respondedComplaint = async (phone: string) => walkTo(server, staff, (await acceptedComplaint(phone)).id, 'RESPONDED', WALK);

const tasksOf = async (complaintId: string) =>
  (
    await server.request(
      `{ followUps(filter: { includeClosed: true }, first: 100) { edges { node { sequence reason dueAt doneAt cancelledAt complaint { id } } } } }`,
      {},
      { token: staff.supervisor },
    )
  ).data.followUps.edges
    .map((e: any) => e.node)
    .filter((t: any) => t.complaint.id === complaintId);

const followUp = (c: any, scores: { dimension: string; score: number }[]) =>
  change(server, staff.agent, 'recordFollowUp', { complaintId: c.id, expectedVersion: c.version, scores });

beforeAll(async () => {
  // One test client answers for every complainant here, from one address.
  server = await startTestServer({
    rateLimits: { ...DEFAULT_RATE_LIMITS, satisfactionSurvey: { ...DEFAULT_RATE_LIMITS.satisfactionSurvey, perAddress: 1000 } },
  });
  ({ staff } = await createStaffedTenant(server, SLUG));
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
    expect(refused.errors).toBeUndefined();
    expect(refused.data.configureSurvey).toEqual({ settings: null, errors: [{ code: 'FORBIDDEN', field: null }] });
    expect(await settings()).toEqual({ scaleMax: 10, threshold: 6 });
  });
});

describe('scores on the tenant scale', () => {
  it('refuses a score above the scale', async () => {
    const c = await respondedComplaint('13200000001');
    expect((await configure({ scaleMax: 7, threshold: 4 })).data.configureSurvey.errors).toEqual([]);
    const result = await followUp(c, [
      { dimension: 'PRICE', score: 7 },
      { dimension: 'ATTITUDE', score: 8 },
    ]);
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
    const before = server.clock.now();
    result = await followUp(c, [
      { dimension: 'ATTITUDE', score: 5 },
      { dimension: 'RESOLUTION', score: 9 },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.complaint.status).toBe('FOLLOW_UP');
    const tasks = (await tasksOf(c.id)).sort((a: any, b: any) => a.sequence - b.sequence);
    expect(tasks.map((t: any) => [t.sequence, t.reason, t.doneAt, t.cancelledAt])).toEqual([
      [1, 'PLAN', expect.any(String), null],
      [2, 'LOW_SATISFACTION', null, null],
    ]);
    // Answered on Wednesday 25 November 2026 (Shanghai): two working days end with Friday the 27th.
    expect(before.toISOString().slice(0, 10)).toBe('2026-11-25');
    expect(tasks[1].dueAt).toBe('2026-11-27T16:00:00.000Z');
  });

  it('reopens the complaint for a low degree of resolution, as the plugin decides', async () => {
    const c = await respondedComplaint('13200000003');
    const result = await followUp(c, [
      { dimension: 'RESOLUTION', score: 2 },
      { dimension: 'ATTITUDE', score: 9 },
    ]);
    expect(result.errors).toEqual([]);
    expect(result.complaint.status).toBe('INVESTIGATING');
    const events = await server.request(
      `query ($id: ID!) { complaint(id: $id) { events(first: 100) { edges { node { kind decidedBy changes } } } } }`,
      { id: c.id },
      { token: staff.supervisor },
    );
    const reopened = events.data.complaint.events.edges.map((e: any) => e.node).filter((e: any) => e.kind === 'REOPENED');
    expect(reopened).toEqual([
      {
        kind: 'REOPENED',
        decidedBy: 'default@1.0.0',
        changes: { reason: 'LOW_SATISFACTION', lowScores: { RESOLUTION: 2 }, threshold: 6, scaleMax: 10 },
      },
    ]);
    // Nothing is left to follow up on a reopened complaint; the high score did not open anything.
    expect((await tasksOf(c.id)).every((t: any) => t.doneAt !== null || t.cancelledAt !== null)).toBe(true);
  });
});

describe('the complainant answering through the tracking code', () => {
  const STATUS = `status survey { open scaleMax answeredAt dimensions { value label } } history { label }`;
  const publicStatus = async (trackingCode: string) =>
    (
      await server.request(`query ($code: String!) { complaintStatus(tenantSlug: "${SLUG}", trackingCode: $code) { ${STATUS} } }`, {
        code: trackingCode,
      })
    ).data.complaintStatus;
  const answer = async (input: Record<string, unknown>) =>
    (
      await server.request(
        `mutation ($input: AnswerSatisfactionSurveyInput!) { answerSatisfactionSurvey(input: $input) { status { ${STATUS} } errors { code field message } } }`,
        { input: { tenantSlug: SLUG, ...input } },
      )
    ).data.answerSatisfactionSurvey;
  const staffView = async (id: string) =>
    (
      await server.request(
        `query ($id: ID!) { complaint(id: $id) { status version followUps { answeredBy scaleMax comment scores { dimension score } }
           events(first: 100) { edges { node { kind actor { id } changes } } } } }`,
        { id },
        { token: staff.supervisor },
      )
    ).data.complaint;

  it('opens once the complainant is answered, takes one answer per answer given, and leaves the planned visits to staff', async () => {
    const accepted = await acceptedComplaint('13200000011');
    const code = accepted.trackingCode;
    const closedSurvey = await publicStatus(code);
    expect(closedSurvey.survey).toMatchObject({ open: false, answeredAt: null, scaleMax: 10 });
    expect(closedSurvey.survey.dimensions.map((d: any) => d.value)).toEqual([
      'RESPONSE_SPEED',
      'RESOLUTION',
      'EFFICIENCY',
      'ATTITUDE',
      'PRICE',
    ]);
    expect(await answer({ trackingCode: code, scores: [{ dimension: 'ATTITUDE', score: 9 }] })).toEqual({
      status: null,
      errors: [
        {
          code: 'ILLEGAL_TRANSITION',
          field: null,
          message: 'The survey is open from the answer you are given until the complaint is closed',
        },
      ],
    });

    const c = await walkTo(server, staff, accepted.id, 'RESPONDED', WALK);
    expect((await publicStatus(code)).survey.open).toBe(true);
    // Typed as people type it: lower case, spaces instead of dashes.
    const typed = code.toLowerCase().replace(/-/g, ' ');
    const answered = await answer({
      trackingCode: typed,
      scores: [
        { dimension: 'ATTITUDE', score: 9 },
        { dimension: 'RESOLUTION', score: 8 },
      ],
      comment: 'Quick and friendly',
    });
    expect(answered.errors).toEqual([]);
    expect(answered.status.status).toBe('FOLLOW_UP');
    expect(answered.status.survey).toMatchObject({ open: false, answeredAt: expect.any(String) });
    expect(answered.status.history.map((h: any) => h.label)).toContain('已提交满意度评价');

    const view = await staffView(c.id);
    expect(view.followUps).toEqual([
      {
        answeredBy: 'COMPLAINANT',
        scaleMax: 10,
        comment: 'Quick and friendly',
        scores: [
          { dimension: 'RESOLUTION', score: 8 },
          { dimension: 'ATTITUDE', score: 9 },
        ],
      },
    ]);
    const event = view.events.edges.map((e: any) => e.node).find((e: any) => e.kind === 'SURVEY_ANSWERED');
    expect(event).toEqual({
      kind: 'SURVEY_ANSWERED',
      actor: null,
      changes: { scores: { ATTITUDE: 9, RESOLUTION: 8 }, comment: 'Quick and friendly', scaleMax: 10 },
    });
    // The visit the plan asks for is still staff's to make.
    expect((await tasksOf(c.id)).map((t: any) => [t.reason, t.doneAt])).toEqual([['PLAN', null]]);

    // A second answer to the same answer is refused and changes nothing.
    const again = await answer({ trackingCode: code, scores: [{ dimension: 'ATTITUDE', score: 1 }] });
    expect(again).toEqual({ status: null, errors: [{ code: 'ALREADY_EXISTS', field: null, message: expect.any(String) }] });
    expect(await staffView(c.id)).toEqual(view);
  });

  it('refuses bad scores, unknown codes and unknown organisations, writing nothing', async () => {
    const c = await respondedComplaint('13200000012');
    const before = await staffView(c.id);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ trackingCode: c.trackingCode, scores: [{ dimension: 'ATTITUDE', score: 11 }] }, 'INVALID_INPUT', 'scores.0.score'],
      [{ trackingCode: c.trackingCode, scores: [] }, 'INVALID_INPUT', 'scores'],
      [
        {
          trackingCode: c.trackingCode,
          scores: [
            { dimension: 'PRICE', score: 9 },
            { dimension: 'PRICE', score: 8 },
          ],
        },
        'INVALID_INPUT',
        'scores',
      ],
      [{ trackingCode: 'AAAA-AAAA-AAAA-AAAA', scores: [{ dimension: 'PRICE', score: 9 }] }, 'NOT_FOUND', 'trackingCode'],
      [{ trackingCode: 'not a code', scores: [{ dimension: 'PRICE', score: 9 }] }, 'NOT_FOUND', 'trackingCode'],
      [
        { tenantSlug: 'no-such-organisation', trackingCode: c.trackingCode, scores: [{ dimension: 'PRICE', score: 9 }] },
        'NOT_FOUND',
        'trackingCode',
      ],
    ];
    for (const [input, code, field] of cases) {
      const result = await answer(input);
      expect({ input, status: result.status, errors: result.errors.map((e: any) => [e.code, e.field]) }).toEqual({
        input,
        status: null,
        errors: [[code, field]],
      });
    }
    // A score above the tenant's scale but within the absolute bound is checked against the scale.
    expect((await configure({ scaleMax: 7, threshold: 4 })).data.configureSurvey.errors).toEqual([]);
    const aboveScale = await answer({ trackingCode: c.trackingCode, scores: [{ dimension: 'PRICE', score: 8 }] });
    expect(aboveScale.errors).toEqual([{ code: 'INVALID_INPUT', field: 'scores.0.score', message: 'Scores run from 1 to 7' }]);
    expect((await configure({ scaleMax: 10, threshold: 6 })).data.configureSurvey.errors).toEqual([]);
    expect(await staffView(c.id)).toEqual(before);
    expect((await publicStatus(c.trackingCode)).survey.open).toBe(true);
  });

  it('acts on a low score as the plugin decides, and opens again after the next answer', async () => {
    // A low attitude score: another follow-up task for staff.
    const first = await respondedComplaint('13200000013');
    const low = await answer({ trackingCode: first.trackingCode, scores: [{ dimension: 'ATTITUDE', score: 2 }] });
    expect(low.errors).toEqual([]);
    expect((await tasksOf(first.id)).map((t: any) => t.reason).sort()).toEqual(['LOW_SATISFACTION', 'PLAN']);

    // A low degree of resolution reopens it (default plugin); once answered anew, the survey opens again.
    const second = await respondedComplaint('13200000014');
    const reopened = await answer({ trackingCode: second.trackingCode, scores: [{ dimension: 'RESOLUTION', score: 1 }] });
    expect(reopened.errors).toEqual([]);
    expect(reopened.status.status).toBe('INVESTIGATING');
    expect(reopened.status.survey.open).toBe(false);
    const view = await staffView(second.id);
    const kinds = view.events.edges.map((e: any) => e.node.kind);
    expect(kinds.slice(-2)).toEqual(['SURVEY_ANSWERED', 'REOPENED']);
    await walkTo(server, staff, second.id, 'RESPONDED', WALK);
    const status = await publicStatus(second.trackingCode);
    expect(status.status).toBe('RESPONDED');
    expect(status.survey).toMatchObject({ open: true, answeredAt: expect.any(String) });
    expect((await answer({ trackingCode: second.trackingCode, scores: [{ dimension: 'RESOLUTION', score: 9 }] })).errors).toEqual([]);
  });
});

describe('satisfaction statistics across a change of scale', () => {
  it('maps scores given on an earlier scale onto the current one, bottom to bottom and top to top', async () => {
    expect((await configure({ scaleMax: 5, threshold: 2 })).data.configureSurvey.errors).toEqual([]);
    const c = await respondedComplaint('13200000021');
    expect(
      (
        await followUp(c, [
          { dimension: 'PRICE', score: 4 },
          { dimension: 'EFFICIENCY', score: 5 },
        ])
      ).errors,
    ).toEqual([]);
    expect((await configure({ scaleMax: 10, threshold: 6 })).data.configureSurvey.errors).toEqual([]);

    // Computed here from every follow-up of the tenant, each on the scale it was given on.
    const complaints = await server.request(
      `{ complaints(first: 100) { edges { node { followUps { scaleMax scores { dimension score } } } } } }`,
      {},
      { token: staff.supervisor },
    );
    const mapped = new Map<string, number[]>();
    for (const edge of complaints.data.complaints.edges) {
      for (const f of edge.node.followUps) {
        for (const s of f.scores) {
          mapped.set(s.dimension, [...(mapped.get(s.dimension) ?? []), 1 + ((s.score - 1) * 9) / (f.scaleMax - 1)]);
        }
      }
    }
    expect([...new Set(complaints.data.complaints.edges.flatMap((e: any) => e.node.followUps.map((f: any) => f.scaleMax)))].sort()).toEqual(
      [10, 5],
    );
    const expected = [...mapped.entries()]
      .map(([dimension, values]) => ({
        dimension,
        average: Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 1000) / 1000,
        responses: values.length,
      }))
      .sort((a, b) => a.dimension.localeCompare(b.dimension));
    const stats = await server.request(
      `query ($filter: StatisticsFilter!) { complaintStatistics(filter: $filter, groupBy: []) { satisfaction { dimension average responses } } }`,
      {
        filter: {
          from: new Date(server.clock.now().getTime() - 86_400_000).toISOString(),
          to: new Date(server.clock.now().getTime() + 60_000).toISOString(),
        },
      },
      { token: staff.supervisor },
    );
    expect(stats.errors).toBeUndefined();
    expect(stats.data.complaintStatistics[0].satisfaction).toEqual(expected);
    // 4 of 5 is 7.75 of 10, 5 of 5 is 10: the efficiency average is all from this follow-up.
    expect(expected.find((e) => e.dimension === 'EFFICIENCY')).toEqual({ dimension: 'EFFICIENCY', average: 10, responses: 1 });
  });
});
