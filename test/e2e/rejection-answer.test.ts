import { change, createStaffedTenant, fileComplaint, walkTo, type Staff } from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * A complaint not accepted is answered with the reason (003 篇12 四; 002 篇二十 item 7): the
 * hospital's rules ask for the reason and the channel to use instead (医疗机构投诉管理办法
 * 2019). The complainant's page shows both, in their language, and the rejection is the
 * answer the feedback clock waited for.
 */
let server: TestServer;
let staff: Staff;
const SLUG = 'hospital-answers';

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, SLUG));
  const installed = await server.request(
    `mutation { installPlugin(input: { pluginId: "hospital" }) { errors { code message } } }`,
    {},
    { token: staff.admin },
  );
  expect(installed.data.installPlugin.errors).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
});

const base = (c: { id: string; version: number }) => ({ complaintId: c.id, expectedVersion: c.version });
const STATUS = `status statusLabel nextAnswerDueAt history { label status } rejection { reason guidance decidedAt }`;
const publicStatus = async (trackingCode: string, locale: string) =>
  (
    await server.request(
      `query ($code: String!) { complaintStatus(tenantSlug: "${SLUG}", trackingCode: $code) { ${STATUS} } }`,
      { code: trackingCode },
      {
        headers: { 'accept-language': locale },
      },
    )
  ).data.complaintStatus;

describe('a complaint that is not accepted', () => {
  it('tells the complainant why and where to turn, in their language, and answers the feedback clock', async () => {
    let c = await fileComplaint(server, staff.agent, {
      channel: 'VISIT',
      receivedAt: '2026-11-25T02:00:00.000Z',
      description: '手术后并发症，要求赔偿',
      demands: ['COMPENSATION'],
      complainant: { name: '陈先生', phone: '13700000041' },
    });
    // Received Wednesday 25 November 2026, 10:00 in Shanghai: feedback within 5 working days
    // (Thu 26, Fri 27, Mon 30 Nov, Tue 1, Wed 2 Dec), so by the end of 2 December.
    expect(c.deadlines.find((d: any) => d.stage === 'CLOSE')).toMatchObject({ dueAt: '2026-12-02T16:00:00.000Z', metAt: null });
    expect(await publicStatus(c.trackingCode, 'en')).toMatchObject({ rejection: null, nextAnswerDueAt: '2026-11-26T02:00:00.000Z' });
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const rejected = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'REJECT',
      rejectionReason: 'in-court-or-mediation',
      note: 'Case 2026-沪0101-民初-123 filed by the family',
    });
    expect(rejected.errors).toEqual([]);
    expect(rejected.complaint.status).toBe('REJECTED');
    // The rejection is the answer: the feedback clock is met, not dropped.
    const feedback = rejected.complaint.deadlines.find((d: any) => d.stage === 'CLOSE');
    expect(feedback.metAt).not.toBeNull();
    expect(feedback.cancelledAt).toBeNull();
    expect(feedback.breached).toBe(false);

    const zh = await publicStatus(c.trackingCode, 'zh-CN');
    expect(zh).toMatchObject({
      status: 'REJECTED',
      statusLabel: '不予受理',
      nextAnswerDueAt: null,
      rejection: { reason: '该事项已进入诉讼或第三方调解程序', guidance: '请通过诉讼或调解程序继续解决' },
    });
    expect(zh.history.map((entry: any) => entry.label)).toEqual(['投诉已受理', '已确认受理', '不予受理']);
    expect(Date.parse(zh.rejection.decidedAt)).toBeGreaterThanOrEqual(Date.parse('2026-11-25T02:00:00Z'));
    const en = await publicStatus(c.trackingCode, 'en');
    expect(en.rejection).toEqual({
      reason: 'The matter is already before a court or in third-party mediation',
      guidance: 'It is settled there: please pursue it with the court or the mediator',
      decidedAt: zh.rejection.decidedAt,
    });
    // The internal note stays internal.
    expect(JSON.stringify(en)).not.toContain('2026-沪0101');
  });

  it('names the police for a criminal case', async () => {
    let c = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: '有人在病房偷窃',
      demands: ['EXPLANATION'],
      complainant: { name: '周女士', phone: '13700000042' },
    });
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const rejected = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'REJECT',
      rejectionReason: 'public-order-or-criminal',
    });
    expect(rejected.errors).toEqual([]);
    expect((await publicStatus(c.trackingCode, 'zh-CN')).rejection).toMatchObject({
      reason: '该事项属于治安案件或刑事案件',
      guidance: '请向公安机关报案',
    });
  });

  it('shows no rejection once the complaint is reopened', async () => {
    let c = await fileComplaint(server, staff.agent, {
      channel: 'PHONE',
      description: '挂号费收错',
      demands: ['REFUND'],
      complainant: { name: '吴先生', phone: '13700000043' },
    });
    c = await walkTo(server, staff, c.id, 'REJECTED', { inputs: { assessComplaint: { rejectionReason: 'no-clear-object-or-facts' } } });
    const reopened = await change(server, staff.agent, 'reopenComplaint', { ...base(c), reason: 'The receipt was found' });
    expect(reopened.errors).toEqual([]);
    expect(await publicStatus(c.trackingCode, 'en')).toMatchObject({ status: 'ACKNOWLEDGED', rejection: null });
  });
});
