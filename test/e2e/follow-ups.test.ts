import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { expectPagedAsWhole } from '../support/paging';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * Follow-up tasks: planned by the governing plugin when a resolution is carried out, in
 * the assignee's queue, flagged overdue by the job queue, completed by recorded follow-ups
 * and cancelled by the close.
 */
let server: TestServer;
let staff: Staff;

const TASK = 'id sequence dueAt doneAt cancelledAt overdue decidedBy assignee { id } complaint { id }';
const followUps = (token: string, filter: Record<string, unknown> = {}) =>
  server.request(
    `query ($filter: FollowUpFilter) { followUps(filter: $filter) { totalCount edges { node { ${TASK} } } } }`,
    { filter },
    { token },
  );
const nodes = (result: any) => result.data.followUps.edges.map((e: any) => e.node);

/** Files a complaint of this category and walks it to EXECUTED with the handler as owner. */
async function executedComplaint(categoryCode: string, phone: string): Promise<{ c: any; executedAt: Date }> {
  const filed = await fileComplaint(server, staff.agent, {
    channel: 'PHONE',
    description: 'The kettle stopped heating after a week',
    demands: ['REPAIR'],
    complainant: { name: '李四', phone },
  });
  const c = await walkTo(server, staff, filed.id, 'EXECUTED', {
    inputs: {
      assessComplaint: { categoryCode },
      recordInvestigation: { responsibleUserId: staff.handlerId },
      proposeResolution: { description: 'Replace the kettle' },
    },
  });
  const [resolution] = await server.ownerQuery('SELECT executed_at FROM complaint_resolutions WHERE complaint_id = $1', [
    fromGlobalId(c.id, 'Complaint')!.id,
  ]);
  return { c, executedAt: resolution.executed_at };
}

const tasksOf = async (complaintId: string) =>
  nodes(await followUps(staff.supervisor, { includeClosed: true })).filter((t: any) => t.complaint.id === complaintId);

beforeAll(async () => {
  server = await startTestServer({ jobPollIntervalMs: 200 });
  ({ staff } = await createStaffedTenant(server, 'visits'));
});

afterAll(async () => {
  await server?.stop();
});

describe('follow-up plans', () => {
  it('plans two visits for a quality complaint, 5 working days apart from the execution, in the owner’s queue', async () => {
    const { c, executedAt } = await executedComplaint('product.quality', '13900000001');
    // Carried out on Wednesday 25 November 2026 (Shanghai): five working days are 26, 27, 30 November, 1 and
    // 2 December; five more after the 2nd are 3, 4, 7, 8 and 9 December.
    expect(executedAt.toISOString().slice(0, 10)).toBe('2026-11-25');
    const first = new Date('2026-12-02T16:00:00.000Z');
    const second = new Date('2026-12-09T16:00:00.000Z');
    const tasks = await tasksOf(c.id);
    expect(tasks.map((t: any) => [t.sequence, t.dueAt, t.overdue, t.doneAt, t.assignee.id, t.decidedBy])).toEqual([
      [1, first.toISOString(), false, null, staff.handlerId, 'default@1.0.0'],
      [2, second.toISOString(), false, null, staff.handlerId, 'default@1.0.0'],
    ]);
    // Five working days from the execution never end sooner than a week of calendar days minus the weekend.
    expect(first.getTime() - executedAt.getTime()).toBeGreaterThan(4 * 86_400_000);
    // The assignee sees them; another handler, neither owner nor of the department, does not.
    const mine = nodes(await followUps(staff.handler, { assigneeId: staff.handlerId }));
    expect(mine.filter((t: any) => t.complaint.id === c.id)).toHaveLength(2);
    expect((await followUps(staff.otherHandler)).data.followUps.totalCount).toBe(0);
  });

  it('plans one visit for a service complaint', async () => {
    const { c } = await executedComplaint('service.attitude', '13900000002');
    expect((await tasksOf(c.id)).map((t: any) => t.sequence)).toEqual([1]);
  });

  it('completes the earliest open task with a recorded follow-up and cancels the rest at the close', async () => {
    let { c } = await executedComplaint('product.quality', '13900000003');
    const step = async (token: string, mutation: string, input: Record<string, unknown> = {}) => {
      const result = await change(server, token, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
      expect(result.errors).toEqual([]);
      c = result.complaint;
    };
    await step(staff.agent, 'respondToComplainant', { channel: 'PHONE', message: 'Replaced' });
    await step(staff.agent, 'recordFollowUp', { scores: [{ dimension: 'ATTITUDE', score: 5 }] });
    let tasks = await tasksOf(c.id);
    expect(tasks.map((t: any) => [t.sequence, t.doneAt !== null, t.cancelledAt])).toEqual([
      [1, true, null],
      [2, false, null],
    ]);
    // The open queue keeps only the second.
    expect(
      nodes(await followUps(staff.handler))
        .filter((t: any) => t.complaint.id === c.id)
        .map((t: any) => t.sequence),
    ).toEqual([2]);
    await step(staff.supervisor, 'closeComplaint', { summary: 'Done' });
    tasks = await tasksOf(c.id);
    expect(tasks.map((t: any) => [t.sequence, t.doneAt !== null, t.cancelledAt !== null])).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
    expect(nodes(await followUps(staff.handler)).filter((t: any) => t.complaint.id === c.id)).toEqual([]);
  });
});

describe('overdue follow-ups', () => {
  it('flags a task past its due time, once, on the timeline by the job queue, and filters by it', async () => {
    const { c } = await executedComplaint('service.efficiency', '13900000004');
    const [task] = await tasksOf(c.id);
    const taskId = fromGlobalId(task.id, 'FollowUpTask')!.id;
    // The due time passes: moved into the past, and its job run now (twice: it acts once).
    await server.ownerQuery(`UPDATE follow_up_tasks SET due_at = $2::timestamptz - interval '1 hour' WHERE id = $1`, [
      taskId,
      server.clock.now(),
    ]);
    for (const key of ['follow-up-overdue:' + taskId, 'follow-up-overdue-again:' + taskId]) {
      await server.ownerQuery(
        `SELECT graphile_worker.add_job('follow-up-overdue', json_build_object('tenantId', tenant_id, 'taskId', id),
           run_at := clock_timestamp(), job_key := $2) FROM follow_up_tasks WHERE id = $1`,
        [taskId, key],
      );
    }
    const events = async () =>
      (
        await server.request(
          `query ($id: ID!) { complaint(id: $id) { events(first: 100) { edges { node { kind changes } } } } }`,
          { id: c.id },
          { token: staff.supervisor },
        )
      ).data.complaint.events.edges
        .map((e: any) => e.node)
        .filter((e: any) => e.kind === 'FOLLOW_UP_OVERDUE');
    await poll(events, (found) => found.length > 0, { timeoutMs: 15000, intervalMs: 200 });
    await new Promise((r) => setTimeout(r, 1000));
    const overdueEvents = await events();
    expect(overdueEvents).toHaveLength(1);
    expect(overdueEvents[0].changes).toMatchObject({ taskId, sequence: 1, assigneeId: fromGlobalId(staff.handlerId, 'User')!.id });
    const [{ overdue_at }] = await server.ownerQuery('SELECT overdue_at FROM follow_up_tasks WHERE id = $1', [taskId]);
    expect(overdue_at).not.toBeNull();

    const overdue = nodes(await followUps(staff.handler, { overdue: true }));
    expect(overdue.map((t: any) => [t.id, t.overdue])).toEqual([[task.id, true]]);
    expect(nodes(await followUps(staff.handler, { overdue: false })).map((t: any) => t.id)).not.toContain(task.id);
    expect(nodes(await followUps(staff.handler, { dueBefore: server.clock.now().toISOString() })).map((t: any) => t.id)).toEqual([task.id]);
  });

  it('pages earliest due first, each task once', async () => {
    const all = nodes(await followUps(staff.supervisor, { includeClosed: true })).map((t: any) => t.id);
    expect(all.length).toBeGreaterThan(2);
    await expectPagedAsWhole(server, staff.supervisor, 'followUps', all, 1, 'filter: { includeClosed: true }');
  });

  it('refuses an assignee that is not a user id', async () => {
    const result = await followUps(staff.supervisor, { assigneeId: 'nope' });
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
