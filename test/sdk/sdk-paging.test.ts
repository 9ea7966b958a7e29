import { MembersDocument, ComplaintsDocument, paginate, pages } from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { fileOne, sdkClients, type RequestLog } from './sdk-test-clients';

/** The paging iterators over real connection queries. */
let server: TestServer;
let staff: Staff;
const sdk = sdkClients(() => server);

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'sdk-paging'));
});

afterAll(async () => {
  await sdk.disposeAll();
  await server?.stop();
});

it('yields every complaint of a filter across pages, in the order asked', async () => {
  const agent = sdk.client(staff.agent);
  const filed = [];
  for (let i = 1; i <= 7; i++) filed.push(await fileOne(agent, `paged ${i}`));
  const log: RequestLog = [];
  const seen: string[] = [];
  const client = sdk.client(staff.supervisor, log);
  const order = { field: 'NUMBER', direction: 'ASC' } as const;
  for await (const complaint of paginate(
    client,
    ComplaintsDocument,
    { filter: { text: 'paged' }, orderBy: order, first: 3 },
    (data) => data.complaints,
  )) {
    seen.push(complaint.id);
  }
  expect(seen).toEqual(filed.map((complaint) => complaint.id));
  expect(log).toEqual(['Complaints', 'Complaints', 'Complaints']);
});

it('pages any connection query: the members of a tenant, page by page', async () => {
  const sizes: number[] = [];
  const emails: string[] = [];
  for await (const page of pages(sdk.client(staff.admin), MembersDocument, { first: 2 }, (data) => data.members)) {
    sizes.push(page.edges.length);
    emails.push(...page.edges.map((edge) => edge.node.user.email));
  }
  // The administrator and the four staff createStaffedTenant invites.
  expect(sizes).toEqual([2, 2, 1]);
  expect(new Set(emails).size).toBe(5);
});

it('stops between pages when its signal is aborted', async () => {
  const controller = new AbortController();
  const log: RequestLog = [];
  const seen: string[] = [];
  const iteration = (async () => {
    for await (const member of paginate(sdk.client(staff.admin, log), MembersDocument, { first: 2 }, (data) => data.members, {
      signal: controller.signal,
    })) {
      seen.push(member.user.id);
      if (seen.length === 2) controller.abort(new Error('left the page'));
    }
  })();
  await expect(iteration).rejects.toThrow('left the page');
  expect(seen).toHaveLength(2);
  expect(log).toEqual(['Members']);
});
