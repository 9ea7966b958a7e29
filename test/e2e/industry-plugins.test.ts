import { change, createStaffedTenant, fileComplaint, inviteMember, walkTo, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Each industry plugin end to end: a tenant administrator installs it, a complaint typical
 * of the industry is filed with its intake fields, and walked through its approval chain
 * by people holding the roles the plugin brought.
 */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function industryTenant(slug: string, pluginId: string, extraRoles: string[]) {
  const { staff } = await createStaffedTenant(server, slug);
  const installed = await server.request(
    `mutation ($id: String!) { installPlugin(input: { pluginId: $id }) { plugin { pluginId } errors { code message } } }`,
    { id: pluginId },
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  const holders: Record<string, string> = { supervisor: staff.supervisor, 'tenant-admin': staff.admin };
  for (const role of extraRoles) {
    holders[role] = (await inviteMember(server, { slug, adminToken: staff.admin }, role, [role])).token;
  }
  return { staff, holders };
}

/** Walks an accepted complaint from assignment to closing; approval steps are decided by whoever holds their role. */
async function walk(staff: Staff, holders: Record<string, string>, complaint: any, categoryCode: string, amount: number | null) {
  const options = {
    inputs: {
      assessComplaint: { categoryCode },
      proposeResolution: { kind: 'COMPENSATION', amount, currency: amount === null ? null : 'CNY', description: 'Offer' },
    },
    approvers: holders,
  };
  const accepted = await walkTo(server, staff, complaint.id, 'ACCEPTED', options);
  const routedTo = accepted.department?.code ?? null;
  await walkTo(server, staff, complaint.id, 'RESOLUTION_PROPOSED', options);
  const chain = (
    await server.request(
      `query ($id: ID!) { complaint(id: $id) { approvals { role } } }`,
      { id: complaint.id },
      { token: staff.supervisor },
    )
  ).data.complaint.approvals.map((a: any) => a.role);
  expect((await walkTo(server, staff, complaint.id, 'APPROVED', options)).status).toBe('APPROVED');
  const closed = await walkTo(server, staff, complaint.id, 'CLOSED', options);
  return { chain, routedTo, closed };
}

const findingsOf = async (token: string, id: string) =>
  (
    await server.request(
      `query ($id: ID!) { complaint(id: $id) { findings { code cites details } governedBy { pluginId } } }`,
      { id },
      { token },
    )
  ).data.complaint;

describe('industry plugins end to end', () => {
  it('retail: price fraud with a suggested compensation, approved by supervisor, administration and general manager', async () => {
    const { staff, holders } = await industryTenant('retail-chain', 'retail', ['administration', 'general-manager']);
    const complaint = await fileComplaint(server, staff.agent, {
      channel: 'VISIT',
      description: 'Shelf price 19.9, charged 39.9 at the till',
      demands: ['REFUND', 'COMPENSATION'],
      complainant: { name: '刘女士', phone: '13800000011' },
      categoryCode: 'price.fraud',
      fields: { price: 39.9, storeCode: 'S-001', productCode: '6901234567890' },
    });
    const shown = await findingsOf(staff.agent, complaint.id);
    expect(shown.governedBy.pluginId).toBe('retail');
    expect(shown.findings).toContainEqual(
      expect.objectContaining({ code: 'retail.fraud-compensation', details: expect.objectContaining({ amount: 500 }) }),
    );
    const { chain, routedTo } = await walk(staff, holders, complaint, 'price.fraud', 6000);
    expect(routedTo).toBe('administration');
    expect(chain).toEqual(['supervisor', 'administration', 'general-manager']);
  });

  it('retail: intake fields are checked by the plugin', async () => {
    const { staff } = await createStaffedTenant(server, 'retail-fields');
    await server.request(`mutation { installPlugin(input: { pluginId: "retail" }) { errors { code } } }`, {}, { token: staff.admin });
    const result = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      {
        input: {
          channel: 'WEB',
          description: 'x',
          demands: [],
          complainant: { name: 'A', phone: '13800000012' },
          fields: { price: -1, licencePlate: '京A12345' },
        },
      },
      { token: staff.agent },
    );
    expect(result.data.fileComplaint.errors).toEqual(
      expect.arrayContaining([
        { code: 'INVALID_INPUT', field: 'fields.price' },
        { code: 'INVALID_INPUT', field: 'fields.licencePlate' },
      ]),
    );
  });

  it('hospital: a fee complaint goes to finance, is answered within 5 working days, approved by department head and complaint office', async () => {
    const { staff, holders } = await industryTenant('city-hospital', 'hospital', ['department-head', 'complaint-office']);
    const complaint = await fileComplaint(server, staff.agent, {
      channel: 'SERVICE_DESK',
      description: '门诊检查费重复收取',
      demands: ['REFUND', 'EXPLANATION'],
      complainant: { name: '孙先生', phone: '13900000011' },
      fields: { patientId: 'MZ-2026-0001', visitType: 'outpatient', receptionPoint: 'service-desk', departmentsInvolved: 1 },
    });
    const close = complaint.deadlines.find((d: any) => d.stage === 'CLOSE');
    // Filed on Wednesday 25 November 2026: five working days are 26, 27, 30 November, 1 and 2 December.
    expect(close.dueAt).toBe('2026-12-02T16:00:00.000Z');
    const shown = await findingsOf(staff.agent, complaint.id);
    expect(shown.findings).toContainEqual(
      expect.objectContaining({ code: 'hospital.feedback-period', details: { workingDays: 5, departmentsInvolved: 1 } }),
    );
    const { chain, routedTo, closed } = await walk(staff, holders, complaint, 'fees', 120);
    expect(routedTo).toBe('finance');
    expect(chain).toEqual(['department-head', 'complaint-office']);

    // The archive is completed after closing, and new facts call for reopening; the
    // governing plugin checks every write of the fields.
    const codes = async () => (await findingsOf(staff.agent, closed.id)).findings.map((f: any) => f.code);
    expect(await codes()).toContain('hospital.archive-incomplete');
    const bad = await change(server, staff.handler, 'updateComplaintFields', {
      complaintId: closed.id,
      expectedVersion: closed.version,
      fields: { treatmentRecords: 'MZ-2026-0001', ward: null, bedNumber: 12 },
    });
    expect(bad.errors.map((e) => [e.code, e.field])).toEqual(
      expect.arrayContaining([
        ['INVALID_INPUT', 'fields.treatmentRecords'],
        ['INVALID_INPUT', 'fields.bedNumber'],
      ]),
    );
    const unchanged = (
      await server.request(`query ($id: ID!) { complaint(id: $id) { version fields } }`, { id: closed.id }, { token: staff.agent })
    ).data.complaint;
    expect(unchanged.version).toBe(closed.version);
    expect(unchanged.fields.treatmentRecords).toBeUndefined();

    const updated = await change(server, staff.handler, 'updateComplaintFields', {
      complaintId: closed.id,
      expectedVersion: closed.version,
      fields: {
        treatmentRecords: ['MZ-2026-0001'],
        rectification: '收费复核流程',
        rectificationEvaluation: '一个月内无重复收费',
        newFacts: true,
        visitType: null,
      },
      note: 'Archive completed; the patient brought a second receipt',
    });
    expect(updated.errors).toEqual([]);
    expect(updated.complaint.version).toBe(closed.version + 1);
    const now = (await server.request(`query ($id: ID!) { complaint(id: $id) { fields } }`, { id: closed.id }, { token: staff.agent })).data
      .complaint;
    expect(now.fields).toEqual({
      patientId: 'MZ-2026-0001',
      receptionPoint: 'service-desk',
      departmentsInvolved: 1,
      treatmentRecords: ['MZ-2026-0001'],
      rectification: '收费复核流程',
      rectificationEvaluation: '一个月内无重复收费',
      newFacts: true,
    });
    expect(await codes()).toEqual(expect.arrayContaining(['hospital.reopen-on-new-facts']));
    expect(await codes()).not.toContain('hospital.archive-incomplete');
    const stale = await change(server, staff.handler, 'updateComplaintFields', {
      complaintId: closed.id,
      expectedVersion: closed.version,
      fields: { ward: '3B' },
    });
    expect(stale.errors.map((e) => e.code)).toEqual(['STALE_VERSION']);
  });

  it('automotive dealer: a transmission failure in week one is major; the service manager and the general manager approve', async () => {
    const { staff, holders } = await industryTenant('riverside-motors', 'automotive-dealer', ['service-manager', 'general-manager']);
    // The test clock's today in Shanghai, and three days before it.
    const today = '2026-11-25';
    const delivered = '2026-11-22';
    const complaint = await fileComplaint(server, staff.agent, {
      channel: 'VISIT',
      description: 'Gearbox fails to engage third gear',
      demands: ['EXCHANGE'],
      complainant: { name: 'Jordan Smith', phone: '15500000011' },
      asset: { name: 'Sedan', serialNumber: 'LSVAU2180N2123456', model: 'Model S' },
      fields: {
        licencePlate: '沪A12345',
        vin: 'LSVAU2180N2123456',
        deliveryDate: delivered,
        faultFoundOn: today,
        mileageKm: 420,
        failedAssembly: 'transmission',
      },
    });
    expect(complaint.major).toBe(true);
    const shown = await findingsOf(staff.agent, complaint.id);
    const codes = shown.findings.map((f: any) => f.code);
    expect(codes).toEqual(
      expect.arrayContaining([
        'automotive-dealer.assembly-replacement.eligible',
        'automotive-dealer.new-car-or-return-early.eligible',
        'automotive-dealer.answer-periods',
      ]),
    );
    const { chain, routedTo } = await walk(staff, holders, complaint, 'product-quality', null);
    expect(routedTo).toBe('service');
    expect(chain).toEqual(['service-manager', 'general-manager']);
  });
});
