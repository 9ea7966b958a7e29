import { complaintWorkflow, watchComplaint, type ComplaintDetailFragment, type ComplaintEventFieldsFragment } from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { waitFor } from '../support/live-client';
import { startTestServer, type TestServer } from '../support/test-server';
import { fileOne, sdkClients, subscribers, type RequestLog } from './sdk-test-clients';

/** watchComplaint against a real server: the page kept current from the live events alone. */
let server: TestServer;
let staff: Staff;
const sdk = sdkClients(() => server);

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'sdk-page'));
});

afterEach(async () => {
  await sdk.disposeAll();
  await subscribers(server, 0);
});

afterAll(async () => {
  await server?.stop();
});

type Shown = { complaint: ComplaintDetailFragment | null; event: ComplaintEventFieldsFragment | undefined };

async function open(id: string, log: RequestLog) {
  const shown: Shown[] = [];
  const page = await watchComplaint(sdk.client(staff.supervisor, log), id, {
    onChange: (complaint, event) => shown.push({ complaint, event }),
  });
  return { page, shown };
}

it('shows each event with the whole complaint, without reading it again', async () => {
  const agent = complaintWorkflow(sdk.client(staff.agent));
  const filed = await fileOne(sdk.client(staff.agent), 'The fridge hums loudly');
  const log: RequestLog = [];
  const { page, shown } = await open(filed.id, log);
  await subscribers(server, 1);
  expect(shown).toEqual([{ complaint: expect.objectContaining({ id: filed.id, status: 'RECEIVED' }), event: undefined }]);

  const noted = await agent.addNote(filed, { body: 'Customer called again' });
  if (!noted.ok) throw new Error('addNote failed');
  const acknowledged = await agent.acknowledge(noted.data.complaint);
  expect(acknowledged.ok).toBe(true);
  await waitFor(() => shown.length === 3, 10000, 'two live events');

  const [, afterNote, afterAcknowledge] = shown;
  expect(afterNote?.event?.kind).toBe('NOTE_ADDED');
  expect(afterNote?.complaint?.notes.map((note) => note.body)).toEqual(['Customer called again']);
  expect(afterAcknowledge?.event?.kind).toBe('ACKNOWLEDGED');
  expect(afterAcknowledge?.complaint).toMatchObject({ status: 'ACKNOWLEDGED', version: filed.version + 2 });
  // The detail a page shows, delivered with the event: the newest event and what may be done next.
  expect(afterAcknowledge?.complaint?.lastEvent?.id).toBe(afterAcknowledge?.event?.id);
  expect(afterAcknowledge?.complaint?.availableActions.map((action) => action.action)).not.toContain('ACKNOWLEDGE');
  expect(page.complaint()?.version).toBe(filed.version + 2);
  // One read when the page opened; the events brought everything else.
  expect(log).toEqual(['Complaint']);
  page.stop();
});

it('loads the complaint again when the server says events may have been missed', async () => {
  const filed = await fileOne(sdk.client(staff.agent), 'The oven door sticks');
  const log: RequestLog = [];
  const { page, shown } = await open(filed.id, log);
  await subscribers(server, 1);
  await server.ownerQuery(`UPDATE complaints SET description = 'changed unseen' WHERE tracking_code = $1`, [filed.trackingCode]);
  server.app.live.hub.resync();
  await waitFor(() => shown.length === 2, 10000, 'the reload');
  expect(shown[1]?.complaint?.description).toBe('changed unseen');
  expect(log).toEqual(['Complaint', 'Complaint']);
  page.stop();
});

it('shows null for a complaint the viewer cannot see', async () => {
  const other = await createStaffedTenant(server, 'sdk-page-other');
  const elsewhere = await fileOne(sdk.client(other.staff.agent), 'Filed in another organisation');
  const errors: unknown[] = [];
  const shown: (ComplaintDetailFragment | null)[] = [];
  const page = await watchComplaint(sdk.client(staff.supervisor), elsewhere.id, {
    onChange: (complaint) => shown.push(complaint),
    onError: (error) => errors.push(error),
  });
  expect(shown).toEqual([null]);
  expect(page.complaint()).toBeNull();
  expect(errors).toEqual([]);
  page.stop();
});
