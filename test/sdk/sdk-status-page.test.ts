import pino from 'pino';
import WebSocket from 'ws';
import {
  complaintWorkflow,
  createClient,
  watchComplaintStatus,
  type PublicComplaintStatusFieldsFragment,
  type RedressClient,
} from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { waitFor, waitForSubscribers } from '../support/live-client';
import { startApp } from '../../server/src/app';
import { startTestServer, testConfig, type TestServer } from '../support/test-server';
import { fileOne, sdkClients } from './sdk-test-clients';

/** The complainant's status page on the SDK: loaded, followed live, and not stale after the server restarts. */
let server: TestServer;
let staff: Staff;
const clients = sdkClients(() => server);
const complainants: RedressClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'sdk-status-page'));
});

afterAll(async () => {
  await Promise.all(complainants.map((client) => client.dispose()));
  await clients.disposeAll();
  await server?.stop();
});

function complainantClient(trackingCode: string): RedressClient {
  const client = createClient({
    url: server.url,
    complainant: { tenantSlug: 'sdk-status-page', trackingCode },
    webSocketImpl: WebSocket,
    reconnect: { initialDelayMs: 100, maxDelayMs: 500, attempts: 50 },
  });
  complainants.push(client);
  return client;
}

it('shows the status, follows it live, and reads it again after the server restarts', async () => {
  const filed = await fileOne(clients.client(staff.agent), 'My order never arrived');
  const workflow = complaintWorkflow(clients.client(staff.agent));
  const shown: (PublicComplaintStatusFieldsFragment | null)[] = [];
  const page = await watchComplaintStatus(
    complainantClient(filed.trackingCode),
    { tenantSlug: 'sdk-status-page', trackingCode: filed.trackingCode },
    { onChange: (status) => shown.push(status) },
  );
  expect(shown.map((status) => status?.status)).toEqual(['RECEIVED']);
  await waitForSubscribers(server.app.live.hub, 1);

  const acknowledged = await workflow.acknowledge(filed);
  if (!acknowledged.ok) throw new Error(JSON.stringify(acknowledged.errors));
  await waitFor(() => shown.at(-1)?.status === 'ACKNOWLEDGED', 10_000, 'the live acknowledgement');
  const reads = shown.length;

  // A change made while this server is down (through another instance on the same database)
  // sends the page no event: it shows when the page reads the status again after reconnecting.
  await server.stopApp();
  const other = await startApp(testConfig(server.ownerUrl), pino({ level: 'silent' }), { clock: server.clock });
  const supervisor = createClient({ url: other.url, token: staff.supervisor });
  const accepted = await complaintWorkflow(supervisor).assess(acknowledged.data.complaint, {
    decision: 'ACCEPT',
    categoryCode: 'product.quality',
  });
  await other.stop();
  if (!accepted.ok) throw new Error(JSON.stringify(accepted.errors));
  expect(shown.at(-1)?.status).toBe('ACKNOWLEDGED');
  await server.startAppAgain();
  await waitFor(() => shown.at(-1)?.status === 'ACCEPTED', 15_000, 'the status after the restart');
  expect(shown.length).toBeGreaterThan(reads);
  expect(page.status()?.status).toBe('ACCEPTED');
  page.stop();
});

it('shows nothing for a tracking code that does not exist', async () => {
  const shown: (PublicComplaintStatusFieldsFragment | null)[] = [];
  const page = await watchComplaintStatus(
    complainantClient('NONE-NONE-NONE-NONE'),
    { tenantSlug: 'sdk-status-page', trackingCode: 'NONE-NONE-NONE-NONE' },
    { onChange: (status) => shown.push(status) },
  );
  expect(shown).toEqual([null]);
  expect(page.status()).toBeNull();
  page.stop();
});
