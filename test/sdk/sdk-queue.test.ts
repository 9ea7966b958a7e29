import { complaintWorkflow, watchComplaintQueue, type ComplaintQueueOptions, type ComplaintQueueState } from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { waitFor } from '../support/live-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { fileOne, sdkClients, subscribers, type RequestLog } from './sdk-test-clients';

/**
 * watchComplaintQueue against a real server: each changed complaint is checked against the
 * filter and placed by the order; pages, totalCount, and reloads when events may be missed.
 * Each test has a tenant of its own, so no other test's complaints reach its list.
 */
let server: TestServer;
const sdk = sdkClients(() => server);
let tenants = 0;

beforeAll(async () => {
  server = await startTestServer();
});

afterEach(async () => {
  await sdk.disposeAll();
  await subscribers(server, 0);
});

afterAll(async () => {
  await server?.stop();
});

async function setUp(): Promise<{ staff: Staff }> {
  return createStaffedTenant(server, `sdk-queue-${++tenants}`);
}

/** A queue as the supervisor sees it, with every state it published. */
async function watch(staff: Staff, options: Omit<ComplaintQueueOptions, 'onChange' | 'onError'>, log: RequestLog = []) {
  const states: ComplaintQueueState[] = [];
  const errors: unknown[] = [];
  const queue = await watchComplaintQueue(sdk.client(staff.supervisor, log), {
    ...options,
    onChange: (state) => states.push(state),
    onError: (error) => errors.push(error),
  });
  await subscribers(server, 1);
  const latest = () => states[states.length - 1];
  const ids = () => latest().complaints.map((complaint) => complaint.id);
  const until = (condition: (state: ComplaintQueueState) => boolean, what: string) => waitFor(() => condition(latest()), 10000, what);
  return { queue, states, errors, latest, ids, until };
}

it('drops a complaint that no longer matches the status filter, and counts one less', async () => {
  const { staff } = await setUp();
  const agent = sdk.client(staff.agent);
  const first = await fileOne(agent, 'The kettle leaks');
  const second = await fileOne(agent, 'The toaster burns');
  const watched = await watch(staff, { filter: { status: ['RECEIVED'] } });
  expect(watched.latest().totalCount).toBe(2);

  const acknowledged = await complaintWorkflow(agent).acknowledge(first);
  expect(acknowledged.ok).toBe(true);
  await watched.until((state) => state.totalCount === 1, 'the acknowledged complaint to leave');
  expect(watched.ids()).toEqual([second.id]);
  expect(watched.latest().complaints.every((complaint) => complaint.status === 'RECEIVED')).toBe(true);
  expect(watched.errors).toEqual([]);
});

it('keeps a changed complaint in its place under an order by number', async () => {
  const { staff } = await setUp();
  const agent = sdk.client(staff.agent);
  const filed = [await fileOne(agent, 'one'), await fileOne(agent, 'two'), await fileOne(agent, 'three')];
  const watched = await watch(staff, { orderBy: { field: 'NUMBER', direction: 'ASC' } });
  expect(watched.ids()).toEqual(filed.map((complaint) => complaint.id));

  const noted = await complaintWorkflow(agent).addNote(filed[1], { body: 'called back' });
  expect(noted.ok).toBe(true);
  await watched.until((state) => state.complaints[1]?.version === filed[1].version + 1, 'the changed row');
  expect(watched.ids()).toEqual(filed.map((complaint) => complaint.id));
  expect(watched.latest().totalCount).toBe(3);
});

it('inserts a complaint that comes to match at its place under the order', async () => {
  const { staff } = await setUp();
  const agent = complaintWorkflow(sdk.client(staff.agent));
  const [a, b, c] = [
    await fileOne(sdk.client(staff.agent), 'a'),
    await fileOne(sdk.client(staff.agent), 'b'),
    await fileOne(sdk.client(staff.agent), 'c'),
  ];
  await agent.acknowledge(a);
  await agent.acknowledge(c);
  const watched = await watch(staff, { filter: { status: ['ACKNOWLEDGED'] }, orderBy: { field: 'NUMBER', direction: 'ASC' } });
  expect(watched.ids()).toEqual([a.id, c.id]);

  await agent.acknowledge(b);
  await watched.until((state) => state.totalCount === 3, 'the newly matching complaint');
  expect(watched.ids()).toEqual([a.id, b.id, c.id]);
});

it('pages with loadMore, and counts a match beyond the loaded pages without listing it', async () => {
  const { staff } = await setUp();
  const agent = sdk.client(staff.agent);
  const filed = [];
  for (let i = 1; i <= 5; i++) filed.push(await fileOne(agent, `complaint ${i}`));
  const byNumber = { field: 'NUMBER', direction: 'ASC' } as const;
  const watched = await watch(staff, { filter: { status: ['RECEIVED'] }, orderBy: byNumber, first: 2 });
  expect(watched.latest()).toMatchObject({ totalCount: 5, hasMore: true });
  expect(watched.ids()).toEqual([filed[0].id, filed[1].id]);

  const later = await fileOne(agent, 'filed while the list is open');
  await watched.until((state) => state.totalCount === 6, 'the count to grow');
  expect(watched.ids()).toEqual([filed[0].id, filed[1].id]);

  await watched.queue.loadMore();
  expect(watched.ids()).toEqual(filed.slice(0, 4).map((complaint) => complaint.id));
  await watched.queue.loadMore();
  await watched.queue.loadMore();
  expect(watched.latest()).toMatchObject({ totalCount: 6, hasMore: false });
  expect(watched.ids()).toEqual([...filed, later].map((complaint) => complaint.id));
});

it('asks the server whether a changed complaint matches a text filter, instead of guessing', async () => {
  const { staff } = await setUp();
  const agent = sdk.client(staff.agent);
  const kettle = await fileOne(agent, 'The kettle leaks');
  const toaster = await fileOne(agent, 'The toaster burns');
  const log: RequestLog = [];
  const watched = await watch(staff, { filter: { status: ['RECEIVED'], text: 'kettle' } }, log);
  expect(watched.ids()).toEqual([kettle.id]);
  expect(log).toEqual(['Complaints']);

  // Still RECEIVED, so its fields alone would let it in: only the server knows the words do not match.
  await complaintWorkflow(agent).addNote(toaster, { body: 'a note' });
  const another = await fileOne(agent, 'A second kettle, also leaking');
  await watched.until((state) => state.totalCount === 2, 'the new kettle complaint');
  expect(watched.ids()).toEqual([another.id, kettle.id]);
  expect(log.filter((name) => name === 'Complaints').length).toBeGreaterThanOrEqual(3);

  // A status the filter excludes is decided without asking.
  const asked = log.length;
  await complaintWorkflow(agent).acknowledge(kettle);
  await watched.until((state) => state.totalCount === 1, 'the acknowledged complaint to leave');
  expect(watched.ids()).toEqual([another.id]);
  expect(log.length).toBe(asked);
});

it('reloads every loaded page when the server says events may have been missed', async () => {
  const { staff } = await setUp();
  const agent = sdk.client(staff.agent);
  const filed = [];
  for (let i = 1; i <= 4; i++) filed.push(await fileOne(agent, `complaint ${i}`));
  const watched = await watch(staff, { orderBy: { field: 'NUMBER', direction: 'ASC' }, first: 2 });
  await watched.queue.loadMore();
  expect(watched.ids()).toHaveLength(4);

  // Changed behind the live feed: only a reload can show it.
  await server.ownerQuery(`UPDATE complaints SET description = 'changed unseen' WHERE tracking_code = $1`, [filed[3].trackingCode]);
  server.app.live.hub.resync();
  await watched.until((state) => state.complaints[3]?.description === 'changed unseen', 'the reload');
  expect(watched.ids()).toEqual(filed.map((complaint) => complaint.id));
  expect(watched.latest()).toMatchObject({ totalCount: 4, hasMore: false });
});
