import WebSocket from 'ws';
import { ComplaintChangedDocument, createClient, type ComplaintChangedSubscription } from '@redress/client-sdk';
import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { connectLive, waitFor, waitForSubscribers, type LiveClient } from '../support/live-client';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Live rows come in the language the client asks for, as over HTTP: `locale` in the
 * connection parameters, else the Accept-Language of the upgrade request, else the tenant's
 * language (zh-CN for a new tenant). The labels are the vocabulary's: 已受理 / Received.
 */
let server: TestServer;
let staff: Staff;
const open: LiveClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'live-language'));
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((client) => client.close()));
  // Each test counts its own subscriber from none.
  await waitForSubscribers(server.app.live.hub, 0);
});

afterAll(async () => {
  await server?.stop();
});

const CHANGED = `subscription { complaintChanged { kind complaint { statusLabel channelLabel } } }`;

async function labelsSeenWith(connectionParams: Record<string, unknown>, headers: Record<string, string> = {}) {
  const client = await connectLive(server.url, { authorization: `Bearer ${staff.supervisor}`, ...connectionParams }, headers);
  open.push(client);
  const subscription = await client.subscribe(CHANGED);
  await waitForSubscribers(server.app.live.hub, 1);
  await fileComplaint(server, staff.agent);
  const first = await subscription.nth(0);
  return first.data.complaintChanged.complaint;
}

it.each([
  ['locale en in the connection parameters', { locale: 'en' }, {}, { statusLabel: 'Received', channelLabel: 'Phone' }],
  [
    'Accept-Language on the upgrade request',
    {},
    { 'accept-language': 'en-GB,en;q=0.9' },
    { statusLabel: 'Received', channelLabel: 'Phone' },
  ],
  ['the parameters over the header', { locale: 'zh-CN' }, { 'accept-language': 'en' }, { statusLabel: '已受理', channelLabel: '电话' }],
  ['neither: the tenant language', {}, {}, { statusLabel: '已受理', channelLabel: '电话' }],
])('%s', async (_name, params, headers, expected) => {
  expect(await labelsSeenWith(params, headers)).toEqual(expected);
});

it('the SDK sends its locale with the WebSocket connection', async () => {
  const client = createClient({ url: server.url, token: staff.supervisor, webSocketImpl: WebSocket, locale: 'en' });
  try {
    const seen: ComplaintChangedSubscription['complaintChanged'][] = [];
    const stop = client.subscribe(ComplaintChangedDocument, { next: (data) => seen.push(data.complaintChanged) });
    await waitForSubscribers(server.app.live.hub, 1);
    await fileComplaint(server, staff.agent);
    await waitFor(() => seen.some((change) => change.complaint !== null), 10000, 'a change');
    expect(seen.find((change) => change.complaint)!.complaint!.statusLabel).toBe('Received');
    stop();
  } finally {
    await client.dispose();
  }
});
