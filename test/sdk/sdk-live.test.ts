import WebSocket from 'ws';
import {
  ComplaintStatusChangedDocument,
  ComplaintStatusDocument,
  DeadlineAlertsDocument,
  complaintWorkflow,
  createClient,
  fileComplaint,
  watchComplaintQueue,
  type ComplaintSummaryFragment,
  type DeadlineAlertsSubscription,
  type RedressClient,
  type RedressError,
} from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { sleep, waitFor, waitForSubscribers } from '../support/live-client';
import { startTestServer, type TestServer } from '../support/test-server';

/** The SDK's live flows against a real server: a live complaint queue and deadline alerts. */
let server: TestServer;
let staff: Staff;
const clients: RedressClient[] = [];

beforeAll(async () => {
  server = await startTestServer({ jobPollIntervalMs: 200 });
  ({ staff } = await createStaffedTenant(server, 'sdk-live'));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose()));
  await server?.stop();
});

const clientFor = (token: string) => {
  const client = createClient({ url: server.url, token, webSocketImpl: WebSocket });
  clients.push(client);
  return client;
};

const input = (description: string) => ({
  channel: 'PHONE' as const,
  description,
  demands: ['EXPLANATION' as const],
  complainant: { name: 'Zhao', phone: '13700000001' },
});

it('keeps a filtered complaint list current as complaints are filed and change', async () => {
  const supervisor = clientFor(staff.supervisor);
  const agent = clientFor(staff.agent);
  const before = await fileComplaint(agent, input('Filed before the list opened'));
  if (!before.ok) throw new Error('filing failed');

  let shown: ComplaintSummaryFragment[] = [];
  const queue = await watchComplaintQueue(supervisor, {
    filter: { status: ['RECEIVED', 'ACKNOWLEDGED'] },
    onChange: ({ complaints }) => (shown = complaints),
  });
  expect(shown.map((c) => c.id)).toEqual([before.data.complaint.id]);
  await waitForSubscribers(server.app.live.hub, 1);

  const filed = await fileComplaint(agent, input('Filed while the list is open'));
  if (!filed.ok) throw new Error('filing failed');
  await waitFor(() => shown.length === 2, 10000, 'the new complaint in the list');
  expect(shown[0]).toMatchObject({ id: filed.data.complaint.id, status: 'RECEIVED' });
  queue.stop();
});

it('delivers typed deadline alerts', async () => {
  const installed = await server.request(
    `mutation ($config: JSON) { installPlugin(input: { pluginId: "default", config: $config }) { errors { code } } }`,
    { config: { 'default.deadlines': { acknowledgeHours: 0.0005 } } },
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  const alerts: DeadlineAlertsSubscription['deadlineAlerts'][] = [];
  const stop = clientFor(staff.supervisor).subscribe(DeadlineAlertsDocument, { next: (data) => alerts.push(data.deadlineAlerts) });
  await sleep(500);
  const filed = await fileComplaint(clientFor(staff.agent), input('Nobody picks this one up'));
  if (!filed.ok) throw new Error('filing failed');
  await waitFor(() => alerts.some((alert) => alert.alert === 'BREACHED'), 15000, 'a breach alert');
  const breach = alerts.find((alert) => alert.alert === 'BREACHED')!;
  expect(breach.deadline?.stage).toBe('ACKNOWLEDGE');
  expect(breach.complaint?.id).toBe(filed.data.complaint.id);
  stop();
});

it("follows a complaint's status as its complainant, connected with the tenant slug and tracking code", async () => {
  const filed = await fileComplaint(clientFor(staff.agent), input('Followed by the complainant'));
  if (!filed.ok) throw new Error('filing failed');
  const tracking = { tenantSlug: 'sdk-live', trackingCode: filed.data.complaint.trackingCode };
  const complainant = createClient({ url: server.url, complainant: tracking, webSocketImpl: WebSocket });
  clients.push(complainant);

  const statuses: string[] = [];
  const errors: RedressError[] = [];
  const before = server.app.live.hub.subscriberCount;
  const stop = complainant.subscribe(ComplaintStatusChangedDocument, {
    variables: tracking,
    next: (data) => statuses.push(data.complaintStatusChanged.status),
    error: (error) => errors.push(error),
  });
  await waitForSubscribers(server.app.live.hub, before + 1);
  expect(complainant.connection).toEqual({ state: 'connected', error: null });

  const moved = await complaintWorkflow(clientFor(staff.agent)).acknowledge(filed.data.complaint);
  expect(moved.ok).toBe(true);
  await waitFor(() => statuses.includes('ACKNOWLEDGED'), 10000, 'the status change');
  expect(errors).toEqual([]);
  // Over HTTP the credentials add nothing: the public query takes them as arguments.
  expect((await complainant.query(ComplaintStatusDocument, tracking)).complaintStatus?.status).toBe('ACKNOWLEDGED');
  stop();
});
