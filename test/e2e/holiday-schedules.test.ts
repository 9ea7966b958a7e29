import { startTestServer, TEST_PASSWORD, type TestServer } from '../support/test-server';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fromGlobalId } from '../../server/src/graphql/relay';
import { warnAboutMissingHolidaySchedules } from '../../server/src/calendar/holiday-schedule.service';
import { SettableClock } from '../../server/src/time/clock';
import { change, createStaffedTenant, fileComplaint, inviteMember, walkTo, type Staff } from '../support/complaint-fixtures';
import { waitForSubscribers } from '../support/live-client';
import { LiveClients, payloadOf } from '../support/live-fixtures';
import { TEST_TOKEN_SECRET } from '../support/test-database';

/**
 * Public-holiday schedules as data, on a server whose business clock is Monday 2 March 2099,
 * 10:00 in Shanghai: a year nothing covers until a test loads it. Tenants are in
 * Asia/Shanghai, where a local date D ends at D 16:00 UTC.
 *
 * The synthetic CN schedule for 2099: Wednesday 4 and Thursday 5 March are holidays, Saturday
 * 7 March is a make-up working day. A hospital complaint received on Monday 2 March at 10:00
 * has a CLOSE clock of 5 working days and an ACKNOWLEDGE clock of 24 hours:
 * - without the schedule (weekends alone): 3, 4, 5, 6 and Monday 9 March → due 9 March 16:00 UTC;
 * - with it: 3, 6, 7 (make-up), 9, 10 → due 10 March 16:00 UTC, its reminder when a fifth of the
 *   206 hours is left (41 h 12 min): 8 March 22:48 UTC.
 */
const NOW = new Date('2099-03-02T02:00:00Z');
let server: TestServer;
let admin: string;
let hospitalA: Staff;
let hospitalB: Staff;
const live = new LiveClients(() => server.url);

const CN_2099 = {
  region: 'CN',
  year: 2099,
  holidays: [
    { date: '2099-03-05', name: '测试假日 Test holiday' },
    { date: '2099-03-04', name: '测试假日 Test holiday' },
  ],
  workingDays: ['2099-03-07'],
  source: 'synthetic schedule for tests',
};

const SET = `mutation ($input: SetHolidayScheduleInput!) {
  setHolidaySchedule(input: $input) {
    schedule { region year holidays { date name } workingDays source loadedBy }
    recountedClocks recountedFollowUps
    errors { code field message }
  }
}`;
const setSchedule = (input: Record<string, unknown>, token = admin) => server.request(SET, { input }, { token });
const COVERAGE = `{ calendarCoverage { region years tenants openProvisionalClocks openProvisionalFollowUps } }`;
const coverageOf = async (region: string) =>
  (await server.request(COVERAGE, {}, { token: admin })).data.calendarCoverage.find((c: any) => c.region === region);

const DEADLINES = `deadlines { stage dueAt remindAt metAt paused provisional provisionalReason }`;
async function deadlinesOf(token: string, id: string, language = 'en') {
  const result = await server.request(
    `query ($id: ID!) { complaint(id: $id) { ${DEADLINES} } }`,
    { id },
    { token, headers: { 'accept-language': language } },
  );
  return Object.fromEntries(result.data.complaint.deadlines.map((d: any) => [d.stage, d]));
}
const eventsOf = async (token: string, id: string, kind: string) => {
  const result = await server.request(
    `query ($id: ID!) { complaint(id: $id) { events(first: 50) { edges { node { kind changes } } } } }`,
    { id },
    { token },
  );
  return result.data.complaint.events.edges.map((e: any) => e.node).filter((e: any) => e.kind === kind);
};
const dbId = (id: string) => fromGlobalId(id, 'Complaint')!.id;

/** A hospital complaint received at the clock's now. */
const fileHospital = (token: string, phone: string) =>
  fileComplaint(server, token, {
    channel: 'SERVICE_DESK',
    receivedAt: NOW.toISOString(),
    description: '门诊检查费重复收取',
    demands: ['REFUND'],
    complainant: { name: '孙先生', phone },
    fields: { patientId: 'MZ-2099-0001', visitType: 'outpatient', receptionPoint: 'service-desk', departmentsInvolved: 1 },
  });

async function install(token: string, pluginId: string) {
  const installed = await server.request(
    `mutation ($id: String!) { installPlugin(input: { pluginId: $id }) { errors { code message } } }`,
    { id: pluginId },
    { token },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
}

/** A tenant of another holiday region, with an agent, a supervisor and a handler. */
async function tenantInRegion(slug: string, region: string) {
  const adminEmail = `admin@${slug}.test`;
  const created = await server.request(
    `mutation ($input: CreateTenantInput!) { createTenant(input: $input) { tenant { slug holidayRegion } errors { code field } } }`,
    {
      input: {
        slug,
        name: `Tenant ${slug}`,
        timeZone: 'Asia/Shanghai',
        locale: 'zh-CN',
        holidayRegion: region,
        admin: { email: adminEmail, password: TEST_PASSWORD, name: 'Admin' },
      },
    },
    { token: admin },
  );
  expect(created.data.createTenant).toEqual({ tenant: { slug, holidayRegion: region }, errors: [] });
  const adminToken = await server.login(adminEmail, TEST_PASSWORD, slug);
  const tenant = { slug, adminToken };
  return {
    admin: adminToken,
    agent: (await inviteMember(server, tenant, 'agent', ['agent'])).token,
    supervisor: (await inviteMember(server, tenant, 'supervisor', ['supervisor'])).token,
    handler: await inviteMember(server, tenant, 'handler', ['handler']),
  };
}

beforeAll(async () => {
  server = await startTestServer({}, { clock: new SettableClock(NOW) });
  admin = await server.platformAdminToken();
  ({ staff: hospitalA } = await createStaffedTenant(server, 'holidays-a'));
  ({ staff: hospitalB } = await createStaffedTenant(server, 'holidays-b'));
  await install(hospitalA.admin, 'hospital');
  await install(hospitalB.admin, 'hospital');
});

afterEach(() => live.closeAll());

afterAll(async () => {
  await server?.stop();
});

describe('the shipped schedules', () => {
  it('are seeded from chinese-days for 2004–2026 and listed to members', async () => {
    const result = await server.request(
      `{ holidaySchedules(region: "CN") { region year holidays { date name } workingDays source loadedBy } }`,
      {},
      { token: hospitalA.agent },
    );
    const schedules = result.data.holidaySchedules;
    expect(schedules.map((s: any) => s.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const y2026 = schedules.find((s: any) => s.year === 2026);
    expect(y2026).toMatchObject({ region: 'CN', source: 'chinese-days@1.5.7', loadedBy: 'migration' });
    // The 2026 notice: Spring Festival 15–23 Feb, make-up days 4 Jan, 14 and 28 Feb, 9 May, 20 Sep, 10 Oct.
    expect(y2026.workingDays).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']);
    expect(y2026.holidays.filter((h: any) => h.date.startsWith('2026-02')).map((h: any) => h.date)).toEqual([
      '2026-02-15',
      '2026-02-16',
      '2026-02-17',
      '2026-02-18',
      '2026-02-19',
      '2026-02-20',
      '2026-02-21',
      '2026-02-22',
      '2026-02-23',
    ]);
    expect(y2026.holidays[0]).toEqual({ date: '2026-01-01', name: "元旦 New Year's Day" });
  });

  it('leave 2099 uncovered: the start warns about it and the calendar says so', async () => {
    const warnings: { fields: any; message: string }[] = [];
    const logger = { warn: (fields: any, message: string) => warnings.push({ fields, message }) } as any;
    const missing = await warnAboutMissingHolidaySchedules(server.app.dataSource, new SettableClock(NOW), logger);
    expect(missing).toEqual([
      { region: 'CN', year: 2099 },
      { region: 'CN', year: 2100 },
    ]);
    expect(warnings.map((w) => w.message)).toEqual([
      expect.stringContaining('No public-holiday schedule of CN for 2099'),
      expect.stringContaining('for 2100'),
    ]);
    // On 1 June 2026 the shipped data covers the year, not the next one.
    expect(
      await warnAboutMissingHolidaySchedules(server.app.dataSource, new SettableClock(new Date('2026-06-01T00:00:00Z')), logger),
    ).toEqual([{ region: 'CN', year: 2027 }]);
    const calendar = await server.request(`{ tenant { calendar { holidayRegion coversYears } } }`, {}, { token: hospitalA.agent });
    expect(calendar.data.tenant.calendar.holidayRegion).toBe('CN');
    expect(calendar.data.tenant.calendar.coversYears).not.toContain(2099);
  });
});

describe('a complaint in a year without a schedule', () => {
  it('is taken in, its working-day clock counted on weekends alone and shown as provisional, and it moves on', async () => {
    const filed = await fileHospital(hospitalA.agent, '13900000021');
    const en = await deadlinesOf(hospitalA.agent, filed.id, 'en');
    expect(en.CLOSE).toMatchObject({ dueAt: '2099-03-09T16:00:00.000Z', provisional: true });
    expect(en.CLOSE.provisionalReason).toContain('no public-holiday schedule of CN for 2099');
    expect(en.ACKNOWLEDGE).toMatchObject({ dueAt: '2099-03-03T02:00:00.000Z', provisional: false, provisionalReason: null });
    const zh = await deadlinesOf(hospitalA.agent, filed.id, 'zh-CN');
    expect(zh.CLOSE.provisionalReason).toContain('尚未载入 CN 地区 2099 年的法定节假日安排');
    const [row] = await server.ownerQuery(
      `SELECT provisional_reason, period_amount, period_unit FROM complaint_deadlines WHERE complaint_id = $1 AND stage = 'CLOSE'`,
      [dbId(filed.id)],
    );
    expect(row).toEqual({ provisional_reason: { region: 'CN', years: [2099] }, period_amount: '5', period_unit: 'workingDays' });

    const acknowledged = await change(server, hospitalA.agent, 'acknowledgeComplaint', {
      complaintId: filed.id,
      expectedVersion: filed.version,
    });
    expect(acknowledged.errors).toEqual([]);
    const accepted = await change(server, hospitalA.supervisor, 'assessComplaint', {
      complaintId: filed.id,
      expectedVersion: acknowledged.complaint.version,
      decision: 'ACCEPT',
      categoryCode: 'fees',
    });
    expect(accepted.errors).toEqual([]);
  });
});

describe('loading a schedule', () => {
  it('is for platform administrators only', async () => {
    for (const token of [hospitalA.admin, hospitalA.supervisor]) {
      const result = await setSchedule(CN_2099, token);
      expect(result.errors).toBeUndefined();
      expect(result.data.setHolidaySchedule).toMatchObject({ schedule: null, errors: [{ code: 'FORBIDDEN', field: null }] });
    }
    const coverage = await server.request(COVERAGE, {}, { token: hospitalA.admin });
    expect(coverage.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect(await server.ownerQuery(`SELECT year FROM holiday_schedules WHERE year = 2099`)).toEqual([]);
  });

  it('refuses an invalid schedule with typed errors and changes nothing', async () => {
    const before = await server.ownerQuery(`SELECT count(*)::int AS n FROM holiday_schedule_revisions`);
    const deadlinesBefore = await server.ownerQuery(`SELECT id, due_at, provisional FROM complaint_deadlines ORDER BY id`);
    const cases: [Record<string, unknown>, string[]][] = [
      [{ region: 'cn' }, ['region']],
      [{ region: 'CHINA' }, ['region']],
      [{ year: 1800, holidays: [], workingDays: [] }, ['year']],
      [{ holidays: [{ date: '2098-12-31', name: 'Eve' }] }, ['holidays.0.date']],
      [{ holidays: [{ date: '2099-02-30', name: 'No such day' }] }, ['holidays.0.date']],
      [{ holidays: [{ date: '2099-03-04', name: '  ' }] }, ['holidays.0.name']],
      [
        {
          holidays: [
            { date: '2099-03-04', name: 'A' },
            { date: '2099-03-04', name: 'B' },
          ],
        },
        ['holidays.1.date'],
      ],
      [{ workingDays: ['2099-03-06'] }, ['workingDays.0']],
      [{ workingDays: ['2100-01-02'] }, ['workingDays.0']],
      [{ workingDays: ['2099-03-07', '2099-03-07'] }, ['workingDays.1']],
      [{ holidays: [{ date: '2099-03-07', name: 'A' }], workingDays: ['2099-03-07'] }, ['workingDays.0']],
      [{ source: '' }, ['source']],
    ];
    for (const [override, fields] of cases) {
      const result = await setSchedule({ ...CN_2099, ...override });
      expect({ override, graphqlErrors: result.errors }).toEqual({ override, graphqlErrors: undefined });
      const payload = result.data.setHolidaySchedule;
      expect({ override, errors: payload.errors.map((e: any) => [e.code, e.field]) }).toEqual({
        override,
        errors: fields.map((f) => ['INVALID_INPUT', f]),
      });
      expect(payload.schedule).toBeNull();
    }
    expect(await server.ownerQuery(`SELECT year FROM holiday_schedules WHERE year IN (1800, 2099)`)).toEqual([]);
    expect(await server.ownerQuery(`SELECT count(*)::int AS n FROM holiday_schedule_revisions`)).toEqual(before);
    expect(await server.ownerQuery(`SELECT id, due_at, provisional FROM complaint_deadlines ORDER BY id`)).toEqual(deadlinesBefore);
  });

  it('recounts the open provisional clocks of every tenant, and leaves paused and met ones as they are', async () => {
    const a = await fileHospital(hospitalA.agent, '13900000031');
    const b = await fileHospital(hospitalB.agent, '13900000032');
    // Paused while waiting on the complainant.
    const toPause = await fileHospital(hospitalA.agent, '13900000033');
    const paused = await change(server, hospitalA.agent, 'pauseClock', {
      complaintId: toPause.id,
      expectedVersion: toPause.version,
      reason: 'Waiting for the bill',
    });
    expect(paused.errors).toEqual([]);
    // Rejected: its CLOSE clock is met.
    const toReject = await fileHospital(hospitalB.agent, '13900000034');
    const ack = await change(server, hospitalB.agent, 'acknowledgeComplaint', {
      complaintId: toReject.id,
      expectedVersion: toReject.version,
    });
    const rejected = await change(server, hospitalB.supervisor, 'assessComplaint', {
      complaintId: toReject.id,
      expectedVersion: ack.complaint.version,
      decision: 'REJECT',
      rejectionReason: 'in-court-or-mediation',
    });
    expect(rejected.errors).toEqual([]);
    const metBefore = await deadlinesOf(hospitalB.agent, toReject.id);
    expect(metBefore.CLOSE).toMatchObject({ dueAt: '2099-03-09T16:00:00.000Z', provisional: true, metAt: expect.any(String) });

    const coverageBefore = await coverageOf('CN');
    expect(coverageBefore.years).not.toContain(2099);
    // The complaint of the first test (still open) and a, b and the paused one.
    expect(coverageBefore.openProvisionalClocks).toBe(4);

    const watcher = await live.as(hospitalB.supervisor);
    const alerts = await watcher.subscribe(
      `subscription { deadlineAlerts { kind alert deadline { stage dueAt provisional } complaint { id } } }`,
    );
    await waitForSubscribers(server.app.live.hub, 1);

    const loaded = await setSchedule(CN_2099);
    expect(loaded.data.setHolidaySchedule).toEqual({
      schedule: {
        region: 'CN',
        year: 2099,
        holidays: [
          { date: '2099-03-04', name: '测试假日 Test holiday' },
          { date: '2099-03-05', name: '测试假日 Test holiday' },
        ],
        workingDays: ['2099-03-07'],
        source: 'synthetic schedule for tests',
        loadedBy: 'platform-admin',
      },
      // CLOSE of the first test's complaint, a and b; not the paused one nor the met one.
      recountedClocks: 3,
      recountedFollowUps: 0,
      errors: [],
    });

    for (const [token, complaint] of [
      [hospitalA.agent, a],
      [hospitalB.agent, b],
    ] as const) {
      const clocks = await deadlinesOf(token, complaint.id);
      expect(clocks.CLOSE).toMatchObject({
        dueAt: '2099-03-10T16:00:00.000Z',
        remindAt: '2099-03-08T22:48:00.000Z',
        provisional: false,
        provisionalReason: null,
      });
      expect(clocks.ACKNOWLEDGE).toMatchObject({ dueAt: '2099-03-03T02:00:00.000Z', provisional: false });
      const [event] = await eventsOf(token, complaint.id, 'DEADLINE_RECOUNTED');
      expect(event.changes).toEqual({
        holidaySchedule: { region: 'CN', year: 2099, source: 'synthetic schedule for tests' },
        deadlines: { CLOSE: { from: '2099-03-09T16:00:00.000Z', to: '2099-03-10T16:00:00.000Z', provisional: false } },
        followUps: [],
      });
    }
    // The timers moved with the clocks: the jobs are keyed by deadline.
    const jobs = await server.ownerQuery(
      `SELECT j.key, j.run_at FROM graphile_worker._private_jobs j
        WHERE j.key IN (SELECT 'deadline-breach:' || id FROM complaint_deadlines WHERE complaint_id = $1 AND stage = 'CLOSE'
                        UNION ALL SELECT 'deadline-reminder:' || id FROM complaint_deadlines WHERE complaint_id = $1 AND stage = 'CLOSE')
        ORDER BY j.run_at`,
      [dbId(a.id)],
    );
    // The queue runs on the database's time, which the business clock (in 2099) is far ahead of:
    // a job runs when its clock falls due, so its run time plus that lead is the clock's time.
    const [{ db_now: dbNow }] = await server.ownerQuery('SELECT clock_timestamp() AS db_now');
    const lead = server.clock.now().getTime() - new Date(dbNow).getTime();
    const onTheClock = jobs.map((j: any) => j.run_at.getTime() + lead);
    ['2099-03-08T22:48:00.000Z', '2099-03-10T16:00:00.000Z'].forEach((expected, i) =>
      expect(Math.abs(onTheClock[i] - Date.parse(expected))).toBeLessThan(5000),
    );

    expect((await deadlinesOf(hospitalA.agent, toPause.id)).CLOSE).toMatchObject({
      dueAt: '2099-03-09T16:00:00.000Z',
      paused: true,
      provisional: true,
    });
    expect((await deadlinesOf(hospitalB.agent, toReject.id)).CLOSE).toEqual(metBefore.CLOSE);
    expect(await eventsOf(hospitalA.agent, toPause.id, 'DEADLINE_RECOUNTED')).toEqual([]);
    expect(await eventsOf(hospitalB.agent, toReject.id, 'DEADLINE_RECOUNTED')).toEqual([]);

    // Tenant B's staff are told, and only about B's clocks.
    expect(payloadOf(await alerts.nth(0, 10000), 'deadlineAlerts')).toEqual({
      kind: 'CHANGE',
      alert: 'RECOUNTED',
      deadline: { stage: 'CLOSE', dueAt: '2099-03-10T16:00:00.000Z', provisional: false },
      complaint: { id: b.id },
    });
    await alerts.expectNoMoreThan(1, 500);

    const audit = await server.ownerQuery(
      `SELECT t.slug, a.details FROM audit_entries a JOIN tenants t ON t.id = a.tenant_id WHERE a.action = 'calendar.provisional-recounted' ORDER BY t.slug`,
    );
    expect(audit).toEqual([
      { slug: 'holidays-a', details: { region: 'CN', year: 2099, source: 'synthetic schedule for tests', clocks: 2, followUps: 0 } },
      { slug: 'holidays-b', details: { region: 'CN', year: 2099, source: 'synthetic schedule for tests', clocks: 1, followUps: 0 } },
    ]);

    const coverageAfter = await coverageOf('CN');
    expect(coverageAfter.years).toContain(2099);
    expect(coverageAfter.openProvisionalClocks).toBe(1);
    const calendar = await server.request(`{ tenant { calendar { coversYears } } }`, {}, { token: hospitalA.agent });
    expect(calendar.data.tenant.calendar.coversYears).toContain(2099);

    // A complaint filed now is counted on the schedule straight away.
    const later = await fileHospital(hospitalA.agent, '13900000035');
    expect((await deadlinesOf(hospitalA.agent, later.id)).CLOSE).toMatchObject({ dueAt: '2099-03-10T16:00:00.000Z', provisional: false });
  });

  it('keeps every version when a year is corrected', async () => {
    const corrected = await setSchedule({
      ...CN_2099,
      holidays: [{ date: '2099-03-04', name: '测试假日 Test holiday' }],
      source: 'corrected',
    });
    expect(corrected.data.setHolidaySchedule).toMatchObject({
      schedule: { holidays: [{ date: '2099-03-04' }], source: 'corrected' },
      recountedClocks: 0,
      errors: [],
    });
    const revisions = await server.ownerQuery(
      `SELECT previous -> 'source' AS previous, schedule -> 'source' AS source, loaded_by, loaded_by_user_id IS NOT NULL AS by_user
         FROM holiday_schedule_revisions WHERE region = 'CN' AND year = 2099 ORDER BY id`,
    );
    expect(revisions).toEqual([
      { previous: null, source: 'synthetic schedule for tests', loaded_by: 'platform-admin', by_user: true },
      { previous: 'synthetic schedule for tests', source: 'corrected', loaded_by: 'platform-admin', by_user: true },
    ]);
    const listed = await server.request(`{ holidaySchedules(region: "CN") { year source } }`, {}, { token: admin });
    expect(listed.data.holidaySchedules.filter((s: any) => s.year === 2099)).toEqual([{ year: 2099, source: 'corrected' }]);
  });
});

describe('another holiday region', () => {
  it('counts follow-up tasks provisionally until its schedule is loaded, then counts them again', async () => {
    const staff = await tenantInRegion('holidays-yy', 'YY');
    const filed = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: 'The kettle stopped heating after a week',
      demands: ['REPAIR'],
      complainant: { name: '李四', phone: '13900000041' },
    });
    const c = await walkTo(server, staff.supervisor, filed.id, 'EXECUTED', {
      inputs: {
        assignComplaint: { ownerId: staff.handler.userId },
        recordInvestigation: { responsibleUserId: staff.handler.userId },
        proposeResolution: { description: 'Replace the kettle' },
      },
      tokens: {
        recordInvestigation: staff.handler.token,
        proposeResolution: staff.handler.token,
        markResolutionExecuted: staff.handler.token,
      },
    });

    const TASKS = `{ followUps(filter: { includeClosed: true }) { edges { node { sequence dueAt provisional provisionalReason } } } }`;
    const tasks = async () =>
      (await server.request(TASKS, {}, { token: staff.supervisor, headers: { 'accept-language': 'en' } })).data.followUps.edges.map(
        (e: any) => e.node,
      );
    const planned = await tasks();
    expect(planned.map((t: any) => [t.sequence, t.provisional])).toEqual([
      [1, true],
      [2, true],
    ]);
    expect(planned[0].provisionalReason).toContain('no public-holiday schedule of YY');
    expect((await coverageOf('YY')).openProvisionalFollowUps).toBe(2);

    // YY has no public holidays at all in the years the tasks may touch (from the execution to
    // the last due time): once they are loaded the due times stay and are no longer provisional.
    const dueYears = planned.map((t: any) => Number(t.dueAt.slice(0, 4)));
    let recounted = 0;
    for (let year = Math.max(...dueYears); year >= Math.min(...dueYears) - 1; year--) {
      const result = await setSchedule({ region: 'YY', year, holidays: [], workingDays: [], source: 'no public holidays' });
      expect(result.data.setHolidaySchedule.errors).toEqual([]);
      recounted += result.data.setHolidaySchedule.recountedFollowUps;
    }
    expect(recounted).toBeGreaterThanOrEqual(2);
    expect(await tasks()).toEqual(planned.map((t: any) => ({ ...t, provisional: false, provisionalReason: null })));
    const recounts = (await eventsOf(staff.supervisor, c.id, 'DEADLINE_RECOUNTED')).flatMap((e: any) => e.changes.followUps);
    const last = new Map(recounts.map((entry: any) => [entry.sequence, entry]));
    expect([...last.values()]).toEqual(planned.map((t: any) => ({ sequence: t.sequence, from: t.dueAt, to: t.dueAt, provisional: false })));
    expect((await coverageOf('YY')).openProvisionalFollowUps).toBe(0);
  });
});

describe('the command-line import', () => {
  const run = promisify(execFile);
  const cli = join(__dirname, '../../server/dist/calendar/holiday-import.cli.js');
  const dir = mkdtempSync(join(tmpdir(), 'holidays-'));
  const env = () => ({
    PATH: process.env.PATH,
    DATABASE_URL: server.ownerUrl,
    DATABASE_SESSION_URL: server.sessionUrl,
    TOKEN_SECRET: TEST_TOKEN_SECRET,
  });

  it('refuses a file with mistakes and changes nothing', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify([
        { region: 'ZZ', year: 2099, holidays: [{ date: '2099-03-06', name: 'x' }], workingDays: ['2099-03-06'], source: 's' },
      ]),
    );
    const failed = await run('node', [cli, file], { env: env() }).catch((error) => error);
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('Nothing was imported');
    expect(failed.stderr).toContain('workingDays.0');
    expect(await server.ownerQuery(`SELECT year FROM holiday_schedules WHERE region = 'ZZ'`)).toEqual([]);

    const noDatabase = await run('node', [cli, file], { env: { PATH: process.env.PATH } }).catch((error) => error);
    expect(noDatabase.code).toBe(2);
    expect(noDatabase.stderr).toContain('DATABASE_URL is not set');
  });

  it('loads a region and recounts its tenants', async () => {
    const staff = await tenantInRegion('holidays-zz', 'ZZ');
    await install(staff.admin, 'hospital');
    const filed = await fileHospital(staff.agent, '13900000051');
    expect((await deadlinesOf(staff.agent, filed.id)).CLOSE).toMatchObject({ dueAt: '2099-03-09T16:00:00.000Z', provisional: true });

    // ZZ 2099: Tuesday 3 March is a holiday, so 4, 5, 6, 9 and 10 March.
    const file = join(dir, 'zz.json');
    writeFileSync(
      file,
      JSON.stringify({
        region: 'ZZ',
        year: 2099,
        holidays: [{ date: '2099-03-03', name: 'ZZ day' }],
        workingDays: [],
        source: 'ZZ gazette 2098/7',
      }),
    );
    const { stdout } = await run('node', [cli, file], { env: env() });
    expect(stdout).toContain('loaded ZZ 2099: 1 holidays, 0 make-up working days (source: ZZ gazette 2098/7)');
    expect(stdout).toContain('recounted on ZZ 2099: 1 provisional clocks and 0 follow-up tasks in 1 tenants');
    expect((await deadlinesOf(staff.agent, filed.id)).CLOSE).toMatchObject({ dueAt: '2099-03-10T16:00:00.000Z', provisional: false });
    const [row] = await server.ownerQuery(`SELECT loaded_by, loaded_by_user_id FROM holiday_schedules WHERE region = 'ZZ' AND year = 2099`);
    expect(row.loaded_by).toMatch(/^import by /);
    expect(row.loaded_by_user_id).toBeNull();
    // CN tenants are not touched by another region's load.
    expect(await eventsOf(hospitalA.agent, (await fileHospital(hospitalA.agent, '13900000052')).id, 'DEADLINE_RECOUNTED')).toEqual([]);
  });
});
