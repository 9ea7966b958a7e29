import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';

/**
 * `Complaint.availableActions` tells each viewer what they may do now. Expected lists are
 * written out from the workflow's rules (domain §1: who acknowledges, assesses, assigns,
 * approves), in the order the lifecycle lists its actions.
 */
let server: TestServer;
let staff: Staff;
let otherStaff: Staff;

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'actions'));
  ({ staff: otherStaff } = await createStaffedTenant(server, 'actions-other'));
});

afterAll(async () => {
  await server?.stop();
});

/** What the front desk may do with any open complaint (domain §1: escalate, withdraw, annotate, pause, record a refusal). */
const ON_ANY_OPEN_COMPLAINT = ['ESCALATE', 'WITHDRAW', 'ADD_NOTE', 'UPDATE_FIELDS', 'PAUSE_CLOCK', 'RECORD_REFUSAL'];

const ACTIONS = `availableActions { action mutation presets { field value } requiredFields }`;

async function actionsOf(token: string, complaintId: string): Promise<any[] | null> {
  const result = await server.request(`query ($id: ID!) { complaint(id: $id) { ${ACTIONS} } }`, { id: complaintId }, { token });
  expect(result.errors).toBeUndefined();
  return result.data.complaint?.availableActions ?? null;
}

const names = async (token: string, complaintId: string) => (await actionsOf(token, complaintId))?.map((a) => a.action) ?? null;

it('a new complaint: the front desk acknowledges; nothing further yet', async () => {
  const c = await fileComplaint(server, staff.agent);
  expect(await names(staff.agent, c.id)).toEqual(['ACKNOWLEDGE', ...ON_ANY_OPEN_COMPLAINT]);
  const actions = await actionsOf(staff.agent, c.id);
  expect(actions!.find((a) => a.action === 'ACKNOWLEDGE')).toEqual({
    action: 'ACKNOWLEDGE',
    mutation: 'acknowledgeComplaint',
    presets: [],
    requiredFields: [],
  });
  expect(actions!.find((a) => a.action === 'RECORD_REFUSAL')).toEqual({
    action: 'RECORD_REFUSAL',
    mutation: 'recordRefusalToReceive',
    presets: [],
    requiredFields: ['employeeId', 'note'],
  });
  // A handler who owns nothing here does not see the complaint at all.
  expect(await actionsOf(staff.handler, c.id)).toBeNull();
  // Another tenant's member learns nothing of it.
  expect(await actionsOf(otherStaff.admin, c.id)).toBeNull();
});

it("assessment is the managers': accept and reject are one mutation told apart by the decision", async () => {
  const c = await fileComplaint(server, staff.agent);
  const acknowledged = await walkTo(server, staff, c.id, 'ACKNOWLEDGED');
  expect(await names(staff.agent, acknowledged.id)).toEqual(ON_ANY_OPEN_COMPLAINT);
  const actions = await actionsOf(staff.supervisor, acknowledged.id);
  expect(actions!.map((a) => a.action)).toEqual(['ACCEPT', 'REJECT', ...ON_ANY_OPEN_COMPLAINT]);
  expect(actions!.slice(0, 2)).toEqual([
    { action: 'ACCEPT', mutation: 'assessComplaint', presets: [{ field: 'decision', value: 'ACCEPT' }], requiredFields: [] },
    { action: 'REJECT', mutation: 'assessComplaint', presets: [{ field: 'decision', value: 'REJECT' }], requiredFields: [] },
  ]);
});

it('the owning handler investigates; a paused clock offers resume instead of pause', async () => {
  const c = await fileComplaint(server, staff.agent);
  let assigned = await walkTo(server, staff, c.id, 'ASSIGNED');
  expect(await names(staff.handler, assigned.id)).toEqual([
    'ASSIGN',
    'RECORD_INVESTIGATION',
    'ESCALATE',
    'ADD_NOTE',
    'UPDATE_FIELDS',
    'PAUSE_CLOCK',
    'RECORD_REFUSAL',
  ]);
  // Another handler of the tenant does not own it.
  expect(await names(staff.otherHandler, assigned.id)).toBeNull();
  assigned = (
    await change(server, staff.handler, 'pauseClock', {
      complaintId: assigned.id,
      expectedVersion: assigned.version,
      reason: 'Waiting for the receipt',
    })
  ).complaint;
  expect(await names(staff.handler, assigned.id)).toEqual([
    'ASSIGN',
    'RECORD_INVESTIGATION',
    'ESCALATE',
    'ADD_NOTE',
    'UPDATE_FIELDS',
    'RESUME_CLOCK',
    'RECORD_REFUSAL',
  ]);
});

it('a proposed resolution: only the holder of the waiting approval step may decide', async () => {
  const c = await fileComplaint(server, staff.agent);
  const proposed = await walkTo(server, staff, c.id, 'RESOLUTION_PROPOSED');
  // The default plugin's chain starts with a supervisor's approval.
  expect(await names(staff.supervisor, proposed.id)).toEqual(['DECIDE_APPROVAL', ...ON_ANY_OPEN_COMPLAINT]);
  expect(await names(staff.agent, proposed.id)).toEqual(ON_ANY_OPEN_COMPLAINT);
  const decide = (await actionsOf(staff.supervisor, proposed.id))!.find((a) => a.action === 'DECIDE_APPROVAL');
  expect(decide).toEqual({ action: 'DECIDE_APPROVAL', mutation: 'decideApproval', presets: [], requiredFields: ['decision'] });
});

it('a closed complaint can be reopened by the front desk and annotated, nothing else', async () => {
  const c = await fileComplaint(server, staff.agent);
  const closed = await walkTo(server, staff, c.id, 'CLOSED');
  expect(await names(staff.agent, closed.id)).toEqual(['REOPEN', 'ADD_NOTE', 'UPDATE_FIELDS', 'RECORD_REFUSAL']);
});

it('each action offered is one its mutation takes', async () => {
  const c = await fileComplaint(server, staff.agent);
  const offered = (await actionsOf(staff.agent, c.id))!.find((a) => a.action === 'ACKNOWLEDGE');
  const result = await change(server, staff.agent, offered.mutation, { complaintId: c.id, expectedVersion: c.version });
  expect(result.errors).toEqual([]);
  expect(result.complaint.status).toBe('ACKNOWLEDGED');
  // What was not offered is refused.
  const refused = await change(server, staff.agent, 'assessComplaint', {
    complaintId: c.id,
    expectedVersion: result.complaint.version,
    decision: 'ACCEPT',
    categoryCode: 'delivery',
  });
  expect(refused.complaint).toBeNull();
});
