import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Working-day calendars over HTTP: a tenant administrator closes dates, and complaints
 * filed afterwards count their working-day deadlines around them. Tenants are in
 * Asia/Shanghai, where a local date D ends at D 16:00 UTC.
 */
let server: TestServer;
let hospital: Staff;
let retail: Staff;

const CALENDAR = `calendar { timeZone closures { date reason } coversYears }`;
const add = (input: Record<string, unknown>, token = hospital.admin) =>
  server.request(
    `mutation ($input: AddCalendarClosureInput!) { addCalendarClosure(input: $input) { closure { date reason } ${CALENDAR} errors { code field message } } }`,
    { input },
    { token },
  );
const remove = (input: Record<string, unknown>, token = hospital.admin) =>
  server.request(
    `mutation ($input: RemoveCalendarClosureInput!) { removeCalendarClosure(input: $input) { removedDate ${CALENDAR} errors { code field message } } }`,
    { input },
    { token },
  );
const closuresInDatabase = () =>
  server.ownerQuery(`SELECT to_char(closed_on, 'YYYY-MM-DD') AS date, reason FROM calendar_closures ORDER BY closed_on`);
const calendarAudit = () => server.ownerQuery(`SELECT action, details FROM audit_entries WHERE action LIKE 'calendar.%' ORDER BY id`);

/** A hospital complaint: its CLOSE clock runs 5 working days from receipt. */
const fileHospital = (receivedAt: string, token = hospital.agent) =>
  fileComplaint(server, token, {
    channel: 'SERVICE_DESK',
    receivedAt,
    description: '门诊检查费重复收取',
    demands: ['REFUND'],
    complainant: { name: '孙先生', phone: '13900000011' },
    fields: { patientId: 'MZ-2026-0002', visitType: 'outpatient', receptionPoint: 'service-desk', departmentsInvolved: 1 },
  });
const dueOf = (complaint: any, stage: string) => complaint.deadlines.find((d: any) => d.stage === stage)?.dueAt;

async function install(staff: Staff, pluginId: string, config?: unknown) {
  const installed = await server.request(
    `mutation ($id: String!, $config: JSON) { installPlugin(input: { pluginId: $id, config: $config }) { errors { code message } } }`,
    { id: pluginId, config },
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
}

beforeAll(async () => {
  server = await startTestServer();
  ({ staff: hospital } = await createStaffedTenant(server, 'calendar-hospital'));
  ({ staff: retail } = await createStaffedTenant(server, 'calendar-retail'));
  await install(hospital, 'hospital');
});

afterAll(async () => {
  await server?.stop();
});

describe('the tenant calendar', () => {
  it('shows the time zone, no closures yet and the years the holiday data covers, to every member', async () => {
    const result = await server.request(`{ tenant { ${CALENDAR} } }`, {}, { token: hospital.agent });
    const calendar = result.data.tenant.calendar;
    expect(calendar.timeZone).toBe('Asia/Shanghai');
    expect(calendar.closures).toEqual([]);
    expect(calendar.coversYears).toContain(2026);
    expect(calendar.coversYears).not.toContain(2027);
  });

  it('moves the working-day deadline of a complaint filed after an administrator closes a date, and back when it reopens', async () => {
    // Monday 2 March 2026, 10:00: 3, 4, 5, 6 and 9 March.
    const before = await fileHospital('2026-03-02T02:00:00Z');
    expect(dueOf(before, 'CLOSE')).toBe('2026-03-09T16:00:00.000Z');

    const added = await add({ date: '2026-03-04', reason: 'Stock-taking' });
    expect(added.data.addCalendarClosure).toEqual({
      closure: { date: '2026-03-04', reason: 'Stock-taking' },
      calendar: expect.objectContaining({ closures: [{ date: '2026-03-04', reason: 'Stock-taking' }] }),
      errors: [],
    });
    const after = await fileHospital('2026-03-02T02:00:00Z');
    expect(dueOf(after, 'CLOSE')).toBe('2026-03-10T16:00:00.000Z');
    // Hours are not working days: the 24-hour acknowledgement is unchanged.
    expect(dueOf(after, 'ACKNOWLEDGE')).toBe('2026-03-03T02:00:00.000Z');
    // A deadline set before the closure keeps its due time.
    const again = await server.request(
      `query ($id: ID!) { complaint(id: $id) { deadlines { stage dueAt } } }`,
      { id: before.id },
      { token: hospital.agent },
    );
    expect(dueOf(again.data.complaint, 'CLOSE')).toBe('2026-03-09T16:00:00.000Z');

    const removed = await remove({ date: '2026-03-04' });
    expect(removed.data.removeCalendarClosure).toEqual({
      removedDate: '2026-03-04',
      calendar: expect.objectContaining({ closures: [] }),
      errors: [],
    });
    expect(dueOf(await fileHospital('2026-03-02T02:00:00Z'), 'CLOSE')).toBe('2026-03-09T16:00:00.000Z');

    expect(await calendarAudit()).toEqual([
      { action: 'calendar.closure-added', details: { date: '2026-03-04', reason: 'Stock-taking' } },
      { action: 'calendar.closure-removed', details: { date: '2026-03-04', reason: 'Stock-taking' } },
    ]);
  });

  it('counts the Spring Festival make-up Saturday and a closure on it', async () => {
    // Friday 13 Feb 2026: 14 Feb (make-up Saturday), then 24, 25, 26, 27 Feb after the holiday.
    expect(dueOf(await fileHospital('2026-02-13T02:00:00Z'), 'CLOSE')).toBe('2026-02-27T16:00:00.000Z');
    expect((await add({ date: '2026-02-14', reason: 'Closed for the holiday' })).data.addCalendarClosure.errors).toEqual([]);
    expect(dueOf(await fileHospital('2026-02-13T02:00:00Z'), 'CLOSE')).toBe('2026-02-28T16:00:00.000Z');
    expect((await remove({ date: '2026-02-14' })).data.removeCalendarClosure.errors).toEqual([]);
  });

  it('ends a period of days on the next working day when its last day is a public holiday', async () => {
    await install(retail, 'default');
    const complaint = await fileComplaint(server, retail.agent, {
      channel: 'PHONE',
      receivedAt: '2026-09-24T02:00:00Z',
      description: 'Delivery never arrived',
      demands: ['REFUND'],
      complainant: { name: '李四', phone: '13800138001' },
    });
    // 24 Sep + 7 days is 1 October, the National Day holiday runs to 7 October.
    expect(dueOf(complaint, 'CLOSE')).toBe('2026-10-08T16:00:00.000Z');
  });

  it('is shown only for the tenant the viewer acts in, not for other tenants of the same person', async () => {
    const invited = await server.request(
      `mutation { inviteUser(input: { email: "agent@calendar-hospital.test", name: "agent", roles: ["agent"] }) { invitation { id } errors { code } } }`,
      {},
      { token: retail.admin },
    );
    expect(invited.data.inviteUser.errors).toEqual([]);
    // The hospital's agent already has an account: the retail membership exists once they accept.
    const accepted = await server.request(
      `mutation ($id: ID!) { acceptInvitation(input: { id: $id }) { errors { code } } }`,
      { id: invited.data.inviteUser.invitation.id },
      { token: hospital.agent },
    );
    expect(accepted.data.acceptInvitation.errors).toEqual([]);
    await add({ date: '2026-07-01', reason: 'Hospital open day' });
    const result = await server.request(
      `{ me { memberships { tenant { slug calendar { closures { date } } } } } }`,
      {},
      { token: hospital.agent },
    );
    const bySlug = Object.fromEntries(result.data.me.memberships.map((m: any) => [m.tenant.slug, m.tenant.calendar]));
    expect(bySlug).toEqual({ 'calendar-hospital': { closures: [{ date: '2026-07-01' }] }, 'calendar-retail': null });
    await remove({ date: '2026-07-01' });
  });
});

describe('changing the calendar', () => {
  it('is for tenant administrators only', async () => {
    for (const token of [hospital.agent, hospital.supervisor, hospital.handler]) {
      const added = await add({ date: '2026-03-04', reason: 'Stock-taking' }, token);
      expect(added.errors).toBeUndefined();
      expect(added.data.addCalendarClosure).toEqual({
        closure: null,
        calendar: null,
        errors: [{ code: 'FORBIDDEN', field: null, message: expect.any(String) }],
      });
    }
    await add({ date: '2026-03-05', reason: 'Inventory' });
    const removed = await remove({ date: '2026-03-05' }, hospital.agent);
    expect(removed.errors).toBeUndefined();
    expect(removed.data.removeCalendarClosure).toEqual({
      removedDate: null,
      calendar: null,
      errors: [{ code: 'FORBIDDEN', field: null, message: expect.any(String) }],
    });
    expect(await closuresInDatabase()).toEqual([{ date: '2026-03-05', reason: 'Inventory' }]);
    await remove({ date: '2026-03-05' });
  });

  it('refuses bad input with a typed error and writes nothing', async () => {
    await add({ date: '2026-06-01', reason: 'Inventory' });
    const closures = await closuresInDatabase();
    const audit = await calendarAudit();
    const cases: [Record<string, unknown>, { code: string; field: string }][] = [
      [
        { date: '2026-02-30', reason: 'x' },
        { code: 'INVALID_INPUT', field: 'date' },
      ],
      [
        { date: '01/06/2026', reason: 'x' },
        { code: 'INVALID_INPUT', field: 'date' },
      ],
      [
        { date: '2026-6-2', reason: 'x' },
        { code: 'INVALID_INPUT', field: 'date' },
      ],
      [
        { date: '2026-06-01', reason: 'Again' },
        { code: 'ALREADY_EXISTS', field: 'date' },
      ],
      [
        { date: '2026-06-02', reason: '   ' },
        { code: 'INVALID_INPUT', field: 'reason' },
      ],
      [
        { date: '2026-06-02', reason: 'x'.repeat(201) },
        { code: 'INVALID_INPUT', field: 'reason' },
      ],
    ];
    for (const [input, error] of cases) {
      const result = await add(input);
      expect({ input, errors: result.data.addCalendarClosure.errors.map((e: any) => ({ code: e.code, field: e.field })) }).toEqual({
        input,
        errors: [error],
      });
      expect(result.data.addCalendarClosure.closure).toBeNull();
    }
    for (const [input, error] of [
      [{ date: '2026-06-02' }, { code: 'NOT_FOUND', field: 'date' }],
      [{ date: 'June 1st' }, { code: 'INVALID_INPUT', field: 'date' }],
    ] as const) {
      const result = await remove(input);
      expect(result.data.removeCalendarClosure.errors.map((e: any) => ({ code: e.code, field: e.field }))).toEqual([error]);
      expect(result.data.removeCalendarClosure.removedDate).toBeNull();
    }
    expect(await closuresInDatabase()).toEqual(closures);
    expect(await calendarAudit()).toEqual(audit);
    // A reason at the limit, trimmed, is accepted.
    const atLimit = await add({ date: '2026-06-02', reason: ` ${'y'.repeat(200)} ` });
    expect(atLimit.data.addCalendarClosure.closure).toEqual({ date: '2026-06-02', reason: 'y'.repeat(200) });
  });
});
