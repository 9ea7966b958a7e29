import { defineRule, type ComplaintPlugin } from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { change, createStaffedTenant, fileComplaint, inviteMember, walkTo, type Staff } from '../support/complaint-fixtures';
import { SHIPPED_PLUGINS } from '../../server/src/plugins/shipped-plugins';
import { MailReceiver } from '../support/notification-receivers';
import { inbox, notificationConfig, outboxSettled } from '../support/notification-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';
import { fromGlobalId } from '../../server/src/graphql/relay';

/**
 * Each industry plugin walked end to end with a real SMTP server listening: the people its
 * rules name (the roles an escalation or an approval step names, the handler of a late clock,
 * whoever bears a penalty, the addressees of the monthly report) and the complainant who
 * consented get their messages, in their language, and nobody else does.
 */
let mail: MailReceiver;
let server: TestServer;

/**
 * The default plugin in a version whose escalation names departments: a major complaint goes
 * to the supervisor of store A, and to the handlers of store B (where nobody handles: then
 * every handler). A tenant without an industry plugin is governed by the newest default.
 */
const storesPlugin: ComplaintPlugin = {
  ...defaultPlugin,
  version: '1.0.1',
  departments: [
    ...defaultPlugin.departments,
    { code: 'store-a', name: { en: 'Store A', 'zh-CN': 'A店' } },
    { code: 'store-b', name: { en: 'Store B', 'zh-CN': 'B店' } },
  ],
  rules: {
    ...defaultPlugin.rules,
    escalation: defineRule({
      ...defaultPlugin.rules.escalation,
      evaluate: (input, args, clock) =>
        input.reason === 'MAJOR'
          ? [
              { role: 'supervisor', department: 'store-a', raisePriorityTo: 'URGENT' as const },
              { role: 'handler', department: 'store-b', raisePriorityTo: null },
            ]
          : defaultPlugin.rules.escalation.evaluate(input, args, clock),
    }),
  },
};

beforeAll(async () => {
  mail = await new MailReceiver().start();
  server = await startTestServer(notificationConfig(mail), { plugins: [...SHIPPED_PLUGINS, storesPlugin] });
});

afterAll(async () => {
  await server?.stop();
  await mail?.stop();
});

interface Industry {
  staff: Staff;
  holders: Record<string, string>;
}

async function industryTenant(slug: string, pluginId: string, roles: string[]): Promise<Industry> {
  const { staff } = await createStaffedTenant(server, slug);
  const installed = await server.request(
    `mutation ($id: String!) { installPlugin(input: { pluginId: $id }) { errors { code message } } }`,
    { id: pluginId },
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
  const holders: Record<string, string> = { supervisor: staff.supervisor, 'tenant-admin': staff.admin };
  for (const role of roles) holders[role] = (await inviteMember(server, { slug, adminToken: staff.admin }, role, [role])).token;
  return { staff, holders };
}

/** The subjects each address received, once every delivery is done. */
async function subjectsBy(slug: string, addresses: string[]): Promise<Record<string, string[]>> {
  await outboxSettled(server);
  return Object.fromEntries(
    addresses.map((address) => [
      address,
      mail
        .to(address.includes('@') ? address : `${address}@${slug}.test`)
        .map((m) => m.subject)
        .sort(),
    ]),
  );
}

const events = async (token: string) => (await inbox(server, token)).map((item) => `${item.event} ${item.subject}`).sort();

describe('retail', () => {
  it('a major price complaint: the store manager and the general manager are told at once; each approver when their step comes; the customer throughout', async () => {
    const slug = 'notify-retail';
    const { staff, holders } = await industryTenant(slug, 'retail', ['store-manager', 'administration', 'general-manager']);
    const filed = await fileComplaint(server, staff.agent, {
      channel: 'VISIT',
      description: 'Shelf price 19.9, charged 39.9 at the till',
      demands: ['REFUND', 'COMPENSATION'],
      complainant: { name: '刘女士', phone: '13800000021', email: 'liu@example.test', notifyByEmail: true },
      categoryCode: 'price.fraud',
      fields: { price: 39.9, storeCode: 'S-001', productCode: '6901234567890' },
    });
    const n = filed.number;
    await walkTo(server, staff, filed.id, 'CLOSED', {
      inputs: {
        assessComplaint: { categoryCode: 'price.fraud' },
        proposeResolution: { kind: 'COMPENSATION', amount: 6000, currency: 'CNY', description: 'Three times the price' },
        respondToComplainant: { channel: 'EMAIL', message: 'We refund the difference and compensate 500 yuan.' },
      },
      approvers: holders,
    });
    const generated = await server.request(
      `mutation { generateMonthlyReport(input: { month: "2026-10" }) { report { month addressedTo } errors { code message } } }`,
      {},
      { token: holders.administration },
    );
    expect(generated.data.generateMonthlyReport.report).toEqual({ month: '2026-10', addressedTo: ['general-manager'] });

    const code = filed.trackingCode;
    expect(
      await subjectsBy(slug, ['store-manager', 'general-manager', 'supervisor', 'administration', 'handler', 'agent', 'liu@example.test']),
    ).toEqual({
      'store-manager': [`投诉升级：${n}`],
      'general-manager': ['2026-10 投诉月报', `待审批：投诉 ${n}`, `投诉升级：${n}`].sort(),
      supervisor: [`待审批：投诉 ${n}`],
      administration: [`待审批：投诉 ${n}`],
      handler: [`投诉 ${n} 已分派给您`],
      agent: [],
      'liu@example.test': [
        `您的投诉已受理，查询码 ${code}`,
        `您的投诉 ${code} 已确认受理`,
        `关于投诉 ${code} 的答复`,
        `满意度评价邀请：投诉 ${code}`,
      ].sort(),
    });
    const [escalation] = mail.to(`store-manager@${slug}.test`);
    expect(escalation.text).toContain(`已上报门店主管：重大投诉`);
    const [answer] = mail.to('liu@example.test').filter((m) => m.subject.startsWith('关于投诉'));
    expect(answer.text).toContain('We refund the difference and compensate 500 yuan.');
    // The same people find them in their inbox.
    expect(await events(holders['general-manager'])).toEqual(
      [`APPROVAL_REQUESTED 待审批：投诉 ${n}`, `COMPLAINT_ESCALATED 投诉升级：${n}`, 'MONTHLY_REPORT_READY 2026-10 投诉月报'].sort(),
    );
    expect(await events(staff.agent)).toEqual([]);
  });
});

describe('hospital', () => {
  it('a fee complaint in English: the department head, then the complaint office in its own language; a refused complaint told why', async () => {
    const slug = 'notify-hospital';
    const { staff, holders } = await industryTenant(slug, 'hospital', ['department-head', 'complaint-office']);
    const preferred = await server.request(
      `mutation { setNotificationPreferences(input: { locale: "en" }) { preferences { locale } errors { code } } }`,
      {},
      { token: holders['complaint-office'] },
    );
    expect(preferred.data.setNotificationPreferences.preferences.locale).toBe('en');
    const visit = {
      channel: 'SERVICE_DESK',
      demands: ['REFUND'],
      fields: { patientId: 'MZ-2026-0002', visitType: 'outpatient', receptionPoint: 'service-desk', departmentsInvolved: 1 },
    };
    const filed = await fileComplaint(server, staff.agent, {
      ...visit,
      description: 'Charged twice for the same test',
      complainant: { name: 'Sam Lee', phone: '13900000021', email: 'sam@example.test', notifyByEmail: true, locale: 'en' },
    });
    await walkTo(server, staff, filed.id, 'RESPONDED', {
      inputs: {
        assessComplaint: { categoryCode: 'fees' },
        proposeResolution: { kind: 'REFUND', amount: 120, currency: 'CNY', description: 'Refund' },
        respondToComplainant: { channel: 'EMAIL', message: 'The second charge is refunded.' },
      },
      approvers: holders,
    });
    const refused = await fileComplaint(server, staff.agent, {
      ...visit,
      description: 'Already before the court',
      complainant: { name: 'Kim Park', phone: '13900000022', email: 'kim@example.test', notifyByEmail: true, locale: 'en' },
    });
    await walkTo(server, staff, refused.id, 'REJECTED', { inputs: { assessComplaint: { rejectionReason: 'in-court-or-mediation' } } });

    const n = filed.number;
    expect(await subjectsBy(slug, ['department-head', 'complaint-office', 'supervisor', 'sam@example.test', 'kim@example.test'])).toEqual({
      'department-head': [`待审批：投诉 ${n}`],
      'complaint-office': [`Approval needed: complaint ${n}`],
      supervisor: [],
      'sam@example.test': [
        `We received your complaint: tracking code ${filed.trackingCode}`,
        `Your complaint ${filed.trackingCode} is being handled`,
        `Our answer to your complaint ${filed.trackingCode}`,
        `How did we do? Complaint ${filed.trackingCode}`,
      ].sort(),
      'kim@example.test': [
        `About your complaint ${refused.trackingCode}`,
        `We received your complaint: tracking code ${refused.trackingCode}`,
        `Your complaint ${refused.trackingCode} is being handled`,
      ].sort(),
    });
    const [rejection] = mail.to('kim@example.test').filter((m) => m.subject.startsWith('About'));
    expect(rejection.text).toContain('Reason: The matter is already before a court or in third-party mediation');
    expect(rejection.text).toContain('It is settled there: please pursue it with the court or the mediator');
    const [approval] = mail.to(`complaint-office@${slug}.test`);
    expect(approval.text).toContain('waits for your decision: Complaint management office review');
  });
});

describe('automotive dealer', () => {
  it('a major gearbox complaint whose acknowledgment runs late: managers told at once, the late clock to its holder and the customer-relations manager, the penalty to who bears it', async () => {
    const slug = 'notify-motors';
    const { staff, holders } = await industryTenant(slug, 'automotive-dealer', [
      'service-manager',
      'general-manager',
      'customer-relations-manager',
    ]);
    const filed = await fileComplaint(server, staff.agent, {
      channel: 'VISIT',
      description: 'Gearbox fails to engage third gear',
      demands: ['EXCHANGE'],
      complainant: { name: 'Jordan Smith', phone: '15500000021', email: 'jordan@example.test', notifyByEmail: true },
      asset: { name: 'Sedan', serialNumber: 'LSVAU2180N2123457', model: 'Model S' },
      // A product-quality complaint: its manager is the service manager.
      categoryCode: 'product-quality',
      fields: {
        licencePlate: '沪A12346',
        vin: 'LSVAU2180N2123457',
        deliveryDate: '2026-11-22',
        faultFoundOn: '2026-11-25',
        mileageKm: 420,
        failedAssembly: 'transmission',
      },
    });
    expect(filed.major).toBe(true);
    const acknowledge = filed.deadlines.find((d: any) => d.stage === 'ACKNOWLEDGE');
    // The dealer acknowledges within 4 hours; the business clock passes that, and the queue's
    // reminder and breach jobs for it run (as the queue would run them once their time came).
    server.clock.set(new Date(Date.parse(acknowledge.dueAt) + 60_000));
    const [deadline] = await server.ownerQuery(
      `SELECT id, tenant_id FROM complaint_deadlines WHERE complaint_id = $1 AND stage = 'ACKNOWLEDGE'`,
      [fromGlobalId(filed.id)!.id],
    );
    expect(await server.app.timers.remind({ tenantId: deadline.tenant_id, deadlineId: deadline.id })).toBe(true);
    expect(await server.app.timers.breach({ tenantId: deadline.tenant_id, deadlineId: deadline.id })).toBe(true);
    await walkTo(server, staff, filed.id, 'APPROVED', {
      inputs: {
        assessComplaint: { categoryCode: 'product-quality' },
        proposeResolution: { kind: 'EXCHANGE', description: 'New gearbox assembly' },
      },
      approvers: holders,
    });

    const n = filed.number;
    expect(
      await subjectsBy(slug, ['service-manager', 'general-manager', 'customer-relations-manager', 'agent', 'handler', 'supervisor']),
    ).toEqual({
      'service-manager': [`待审批：投诉 ${n}`, `投诉升级：${n}`].sort(),
      'general-manager': [`待审批：投诉 ${n}`, `投诉升级：${n}`].sort(),
      'customer-relations-manager': [`投诉升级：${n}`],
      // The agent received it and held its acknowledgment clock.
      agent: [`即将到期：投诉 ${n} 的确认受理`, `已超时：投诉 ${n} 的确认受理`, `处罚通知：投诉 ${n}`].sort(),
      handler: [`投诉 ${n} 已分派给您`],
      supervisor: [],
    });
    const [penalty] = mail.to(`agent@${slug}.test`).filter((m) => m.subject.startsWith('处罚通知'));
    expect(penalty.text).toContain('拖延导致投诉超时');
    expect(penalty.text).toContain('扣分：2');
    const [late] = mail.to(`customer-relations-manager@${slug}.test`);
    expect(late.text).toContain('已上报客户关系经理：处理超时');
    expect((await events(staff.agent)).map((line) => line.split(' ')[0])).toEqual([
      'DEADLINE_BREACHED',
      'DEADLINE_DUE_SOON',
      'PENALTY_CHARGED',
    ]);
    // Handled again, the jobs tell nobody twice.
    expect(await server.app.timers.breach({ tenantId: deadline.tenant_id, deadlineId: deadline.id })).toBe(false);
    await outboxSettled(server);
    expect(mail.to(`agent@${slug}.test`)).toHaveLength(3);
  });
});

describe('recipients named by department', () => {
  it("tell the role's holders in that department, or every holder when none is there", async () => {
    const slug = 'notify-stores';
    const { staff } = await createStaffedTenant(server, slug);
    const installed = await server.request(
      `mutation { installPlugin(input: { pluginId: "default", version: "1.0.1" }) { errors { code message } } }`,
      {},
      { token: staff.admin },
    );
    expect(installed.data.installPlugin.errors).toEqual([]);
    const departments = await server.request(`{ departments(first: 100) { edges { node { id code } } } }`, {}, { token: staff.admin });
    const storeA = departments.data.departments.edges.map((e: any) => e.node).find((d: any) => d.code === 'store-a');
    const invited = await server.request(
      `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { errors { code } } }`,
      { input: { email: `store-a-supervisor@${slug}.test`, name: 'Store A supervisor', roles: ['supervisor'], departmentId: storeA.id } },
      { token: staff.admin },
    );
    expect(invited.data.inviteUser.errors).toEqual([]);
    const filed = await fileComplaint(server, staff.agent);
    const escalated = await change(server, staff.agent, 'escalateComplaint', {
      complaintId: filed.id,
      expectedVersion: filed.version,
      reason: 'Injury in store A',
    });
    expect(escalated.errors).toEqual([]);
    const n = filed.number;
    expect(await subjectsBy(slug, ['store-a-supervisor', 'supervisor', 'handler', 'other-handler'])).toEqual({
      'store-a-supervisor': [`投诉升级：${n}`],
      // The supervisor of no store is not told; nobody handles in store B, so every handler is.
      supervisor: [],
      handler: [`投诉升级：${n}`],
      'other-handler': [`投诉升级：${n}`],
    });
  });
});
