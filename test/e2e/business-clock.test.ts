import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, SAMPLE_COMPLAINT, walkTo, type Staff } from '../support/complaint-fixtures';

/**
 * The server runs on the clock it is given, not on the machine's: here Monday 3 March 2025,
 * 10:00 in Shanghai, far from whenever the suite runs. Everything it writes and decides as
 * business time must come from that clock.
 */
const START = new Date('2025-03-03T02:00:00Z');
const HOUR = 3_600_000;

let server: TestServer;
let staff: Staff;

beforeAll(async () => {
  server = await startTestServer({}, { clock: START });
  ({ staff } = await createStaffedTenant(server, 'clocked'));
});

afterAll(async () => {
  await server?.stop();
});

const base = (complaint: { id: string; version: number }) => ({ complaintId: complaint.id, expectedVersion: complaint.version });

describe('a server on a clock of its own', () => {
  let filed: any;
  let complaint: any;

  beforeAll(async () => {
    filed = await fileComplaint(server, staff.agent);
    complaint = await walkTo(server, staff, filed.id, 'ASSIGNED');
    for (const [token, mutation, input] of [
      [staff.handler, 'addNote', { body: 'Called the customer back' }],
      [staff.handler, 'pauseClock', { reason: 'Waiting for the supplier' }],
      [staff.handler, 'resumeClock', {}],
    ] as const) {
      const result = await change(server, token, mutation, { ...base(complaint), ...input });
      expect({ mutation, errors: result.errors, graphqlErrors: result.graphqlErrors }).toEqual({
        mutation,
        errors: [],
        graphqlErrors: undefined,
      });
      complaint = result.complaint;
    }
  });

  it('counts deadlines from the clock: the 7-day close ends with Monday 10 March 2025 in Shanghai', () => {
    const close = filed.deadlines.find((d: any) => d.stage === 'CLOSE');
    expect(close.dueAt).toBe('2025-03-10T16:00:00.000Z');
  });

  it('writes every business timestamp of every table from the clock, none from the machine', async () => {
    const columns = await server.ownerQuery<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND data_type = 'timestamp with time zone'`,
    );
    expect(columns.length).toBeGreaterThan(20);
    const outside: string[] = [];
    let seen = 0;
    for (const { table_name: table, column_name: column } of columns) {
      // The holiday schedules the migration seeded were loaded when the database was set up.
      const loadedByMigration = table.startsWith('holiday_schedule') ? `WHERE loaded_by <> 'migration'` : '';
      const [row] = await server.ownerQuery(
        `SELECT count("${column}")::int AS n,
                count(*) FILTER (WHERE "${column}" NOT BETWEEN '2025-03-03T02:00:00Z' AND '2025-04-01T00:00:00Z')::int AS outside
           FROM "${table}" ${loadedByMigration}`,
      );
      seen += row.n;
      if (row.outside > 0) outside.push(`${table}.${column}`);
    }
    expect(outside).toEqual([]);
    expect(seen).toBeGreaterThan(30);
  });

  it('schedules timers on the queue for the moment they fall due on the clock', async () => {
    const [job] = await server.ownerQuery(
      `SELECT j.run_at, d.due_at FROM graphile_worker.jobs j
         JOIN complaint_deadlines d ON j.key = 'deadline-breach:' || d.id
        WHERE d.stage = 'CLOSE'`,
    );
    // The queue runs on the database's own time (which may differ from this process's system
    // clock): the job runs as long after the database's now as the deadline is after the clock's.
    const [{ db_now: dbNow }] = await server.ownerQuery('SELECT clock_timestamp() AS db_now');
    const expected = new Date(dbNow).getTime() + (new Date(job.due_at).getTime() - server.clock.now().getTime());
    expect(Math.abs(new Date(job.run_at).getTime() - expected)).toBeLessThan(60_000);
  });

  it('shows a clock as breached once the clock passes its due time', async () => {
    const read = async () =>
      (
        await server.request(
          `query ($id: ID!) { complaint(id: $id) { deadlines { stage breached } } }`,
          { id: complaint.id },
          { token: staff.supervisor },
        )
      ).data.complaint.deadlines;
    const investigate = (rows: any[]) => rows.find((d) => d.stage === 'INVESTIGATE');
    expect(investigate(await read()).breached).toBe(false);
    server.clock.advance(25 * HOUR); // the default plugin gives 24 h to investigate
    expect(investigate(await read()).breached).toBe(true);
  });

  it("refuses a complaint received after the clock's now, though long before the machine's", async () => {
    const result = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input: { ...SAMPLE_COMPLAINT, receivedAt: new Date(server.clock.now().getTime() + 2 * 24 * HOUR).toISOString() } },
      { token: staff.agent },
    );
    expect(result.data.fileComplaint).toEqual({ complaint: null, errors: [{ code: 'INVALID_INPUT', field: 'receivedAt' }] });
  });
});
