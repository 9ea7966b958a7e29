import { change, createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A mutation refused because of the viewer's roles or rights answers the FORBIDDEN error in
 * its payload (HTTP 200, no thrown error, `field` null) and changes nothing, whichever part
 * refused: the role check of the field, the lifecycle's rules or a service. A query has no
 * payload: it still throws FORBIDDEN.
 */
let server: TestServer;
let staff: Staff;

const FORBIDDEN = (message: RegExp | string) => [
  { code: 'FORBIDDEN', message: typeof message === 'string' ? message : expect.stringMatching(message), field: null },
];

async function tenantRows() {
  const rows: Record<string, unknown[]> = {};
  for (const table of ['departments', 'complaints', 'complaint_events', 'survey_settings', 'audit_entries']) {
    rows[table] = await server.ownerQuery(`SELECT * FROM ${table} ORDER BY 1`);
  }
  return rows;
}

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'forbidden-value'));
});

afterAll(async () => {
  await server?.stop();
});

it('the role check of a mutation: FORBIDDEN in the payload, nothing written', async () => {
  const before = await tenantRows();
  const result = await server.request(
    `mutation { createDepartment(input: { code: "ops", name: "Operations" }) { department { id } errors { code message field } } }`,
    {},
    { token: staff.agent },
  );
  expect(result.status).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.data.createDepartment).toEqual({ department: null, errors: FORBIDDEN('Requires one of the roles: tenant-admin') });
  expect(await tenantRows()).toEqual(before);
});

it("the lifecycle's role rule: FORBIDDEN in the payload, the complaint as it was", async () => {
  const filed = await fileComplaint(server, staff.agent);
  const acknowledged = await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: filed.id, expectedVersion: filed.version });
  expect(acknowledged.errors).toEqual([]);
  const before = await tenantRows();
  // Assessing is for supervisors; the agent who filed and acknowledged it may not.
  const refused = await change(server, staff.agent, 'assessComplaint', {
    complaintId: filed.id,
    expectedVersion: acknowledged.complaint.version,
    decision: 'ACCEPT',
    categoryCode: 'price',
  });
  expect(refused.graphqlErrors).toBeUndefined();
  expect(refused.complaint).toBeNull();
  expect(refused.errors).toEqual(FORBIDDEN(/.+/));
  expect(await tenantRows()).toEqual(before);
});

it("a service's refusal: FORBIDDEN in the payload, the settings as they were", async () => {
  const before = await tenantRows();
  // configureSurvey is open to any viewer at the field; the service keeps it for the tenant administrator.
  const result = await server.request(
    `mutation { configureSurvey(input: { scaleMax: 5, threshold: 3 }) { settings { scaleMax } errors { code message field } } }`,
    {},
    { token: staff.supervisor },
  );
  expect(result.status).toBe(200);
  expect(result.errors).toBeUndefined();
  expect(result.data.configureSurvey).toEqual({ settings: null, errors: FORBIDDEN('Only the tenant administrator sets the survey scale') });
  expect(await tenantRows()).toEqual(before);
});

it('a query still throws FORBIDDEN, and missing credentials stay a thrown UNAUTHENTICATED in a mutation', async () => {
  const query = await server.request(`{ calendarCoverage { region } }`, {}, { token: staff.admin });
  expect(query.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN']);
  expect(query.data).toBeNull();
  const anonymous = await server.request(`mutation { createDepartment(input: { code: "x", name: "X" }) { errors { code } } }`);
  expect(anonymous.status).toBe(401);
  expect(anonymous.data).toBeNull();
  expect(anonymous.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
});
