import { change, createStaffedTenant, fileComplaint, inviteMember, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * The major-complaint path (002 篇十一 "對重大客戶投訴": passed at once to the responsible
 * department manager and the general manager): whatever puts a complaint on it — intake,
 * assessment or a hand escalation — applies the governing plugin's escalation rule once, with
 * one ESCALATED event naming whom to tell.
 */
let server: TestServer;
let staff: Staff;
const SLUG = 'dealer-major';

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, SLUG));
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "automotive-dealer" }) { errors { code message } } }`,
    {},
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  await inviteMember(server, { slug: SLUG, adminToken: staff.admin }, 'general-manager', ['general-manager']);
});

afterAll(async () => {
  await server?.stop();
});

const base = (c: { id: string; version: number }) => ({ complaintId: c.id, expectedVersion: c.version });

async function escalations(id: string) {
  const result = await server.request(
    `query ($id: ID!) { complaint(id: $id) { events(first: 50) { edges { node { kind changes decidedBy } } } } }`,
    { id },
    { token: staff.supervisor },
  );
  return result.data.complaint.events.edges.map((edge: any) => edge.node).filter((event: any) => event.kind === 'ESCALATED');
}

const ENGINE_FAILURE = {
  channel: 'VISIT',
  description: 'The engine stalls and will not restart; the car is 40 days old.',
  demands: ['REPAIR'],
  complainant: { name: '王先生', phone: '13900000031' },
  categoryCode: 'product-quality',
  fields: { licencePlate: '沪A12345', deliveryDate: '2026-10-16', faultFoundOn: '2026-11-25', mileageKm: 1800, failedAssembly: 'engine' },
};

describe('the major path', () => {
  it('from intake: an engine failure tells the service manager and the general manager at once, and only once', async () => {
    let c = await fileComplaint(server, staff.agent, ENGINE_FAILURE);
    expect(c).toMatchObject({ major: true, priority: 'URGENT', status: 'RECEIVED' });
    expect(await escalations(c.id)).toEqual([
      {
        kind: 'ESCALATED',
        changes: {
          trigger: 'INTAKE',
          reason: null,
          priority: { from: 'URGENT', to: 'URGENT' },
          notify: ['service-manager', 'general-manager'],
        },
        decidedBy: 'automotive-dealer@1.0.0',
      },
    ]);
    // Already on the major path, its people told: a hand escalation has nothing left to do.
    const again = await change(server, staff.agent, 'escalateComplaint', { ...base(c), reason: 'Customer is angry' });
    expect(again.errors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const accepted = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'ACCEPT',
      categoryCode: 'product-quality',
    });
    expect(accepted.errors).toEqual([]);
    expect(accepted.complaint).toMatchObject({ major: true, priority: 'URGENT', status: 'ACCEPTED' });
    expect(await escalations(c.id)).toHaveLength(1);
  });

  it('from the public form too', async () => {
    const submitted = await server.request(
      `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code field message } } }`,
      {
        input: {
          tenantSlug: SLUG,
          description: 'Transmission failed on day 5',
          demands: ['EXCHANGE'],
          complainant: { name: '赵女士', phone: '13900000032' },
          fields: { deliveryDate: '2026-11-20', failedAssembly: 'transmission' },
        },
      },
    );
    expect(submitted.data.submitComplaint.errors).toEqual([]);
    const [row] = await server.ownerQuery(
      `SELECT c.major, c.priority, e.changes FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id AND e.kind = 'ESCALATED'
        WHERE c.tracking_code = $1`,
      [submitted.data.submitComplaint.trackingCode],
    );
    // No category yet: the customer-relations manager stands for the department manager.
    expect(row).toEqual({
      major: true,
      priority: 'URGENT',
      changes: {
        trigger: 'INTAKE',
        reason: null,
        priority: { from: 'URGENT', to: 'URGENT' },
        notify: ['customer-relations-manager', 'general-manager'],
      },
    });
  });

  it('from assessment: a complaint judged major tells the department manager and the general manager', async () => {
    let c = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: 'The salesman promised free servicing that the contract leaves out',
      demands: ['COMPENSATION'],
      complainant: { name: '钱先生', phone: '13900000033' },
    });
    expect(c).toMatchObject({ major: false, priority: 'NORMAL' });
    expect(await escalations(c.id)).toEqual([]);
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const accepted = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'ACCEPT',
      categoryCode: 'sales-contract',
      major: true,
      note: 'Press involved',
    });
    expect(accepted.errors).toEqual([]);
    expect(accepted.complaint).toMatchObject({ major: true, priority: 'URGENT', status: 'ACCEPTED' });
    expect((await escalations(c.id)).map((event: any) => event.changes)).toEqual([
      {
        trigger: 'ASSESSMENT',
        reason: 'Press involved',
        priority: { from: 'URGENT', to: 'URGENT' },
        notify: ['sales-manager', 'general-manager'],
      },
    ]);
    const again = await change(server, staff.agent, 'escalateComplaint', { ...base(accepted.complaint), reason: 'x' });
    expect(again.errors.map((e) => e.code)).toEqual(['ILLEGAL_TRANSITION']);
  });

  it('by hand: once, raising the priority as the rule says', async () => {
    const c = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: 'Rude service advisor',
      demands: ['APOLOGY'],
      complainant: { name: '孙女士', phone: '13900000034' },
      categoryCode: 'service-quality',
    });
    expect(c).toMatchObject({ major: false, priority: 'NORMAL' });
    const escalated = await change(server, staff.agent, 'escalateComplaint', { ...base(c), reason: 'Threatens the press' });
    expect(escalated.errors).toEqual([]);
    expect(escalated.complaint).toMatchObject({ major: true, priority: 'URGENT', version: c.version + 1 });
    expect((await escalations(c.id)).map((event: any) => event.changes)).toEqual([
      {
        trigger: 'HAND',
        reason: 'Threatens the press',
        priority: { from: 'NORMAL', to: 'URGENT' },
        notify: ['customer-relations-manager', 'general-manager'],
      },
    ]);
  });

  it('by hand on a complaint marked major that nobody was told of', async () => {
    const c = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: 'Wrong parts fitted',
      demands: ['REPAIR'],
      complainant: { name: '李先生', phone: '13900000035' },
      categoryCode: 'repair-quality',
    });
    // As a complaint filed before every major path applied the escalation rule was left.
    await server.ownerQuery(`UPDATE complaints SET major = true WHERE tracking_code = $1`, [c.trackingCode]);
    const escalated = await change(server, staff.agent, 'escalateComplaint', { ...base(c), reason: 'Nobody was told' });
    expect(escalated.errors).toEqual([]);
    expect((await escalations(c.id)).map((event: any) => event.changes.notify)).toEqual([['service-manager', 'general-manager']]);
  });
});
