import { z } from 'zod';
import type { ClockStart, ComplaintView, Finding, PenaltyEvent } from '@redress/plugin-api';
import { hospitalPlugin, hospitalSamples } from '@redress/plugin-hospital';
import { BoundPlugin, configSchema, defaultConfig, dueAt, PluginHost, tenantClock } from '../../../server/src/plugins/plugin-host';
import { systemClock } from '../../../server/src/time/clock';
import { defaultPlugin } from '@redress/plugin-default';
import { shippedCalendar } from '../../support/shipped-calendar';
import { describePluginContract } from '../../contract/plugin-contract';

const SHANGHAI = shippedCalendar('Asia/Shanghai');

describePluginContract(hospitalPlugin, hospitalSamples);

// Wednesday 1 April 2026, 10:00 in Shanghai; 4–6 April is the Qingming holiday.
const clock = tenantClock('Asia/Shanghai', () => new Date('2026-04-01T02:00:00Z'));
const bound = new BoundPlugin(hospitalPlugin, defaultConfig(hospitalPlugin), clock);
const view = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'SERVICE_DESK',
  status: 'ACKNOWLEDGED',
  demands: [],
  description: 'x',
  categoryCode: 'medical',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-04-01T02:00:00Z'),
  executedAt: null,
  closedAt: null,
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
  ...over,
});
const findingRule = (code: string) => {
  const rule = hospitalPlugin.findings.find((f) => f.code === code);
  if (!rule) throw new Error(`no finding ${code}`);
  return rule;
};
const finding = (code: string, v: ComplaintView, on: BoundPlugin = bound) => on.run(findingRule(code), v) as Finding | null;
const stages = (start: ClockStart, departmentsInvolved = 1, fields: Record<string, unknown> = {}, on: BoundPlugin = bound) =>
  on.decide('deadlines', { complaint: view({ fields }), start, departmentsInvolved });
const close = (departmentsInvolved: number, fields: Record<string, unknown> = {}, on: BoundPlugin = bound) =>
  stages('RECEIVED', departmentsInvolved, fields, on).find((d) => d.stage === 'CLOSE');
const chain = (amount: number | null, major = false, on: BoundPlugin = bound) =>
  on
    .decide('approvalChain', {
      complaint: view({ major }),
      resolution: { kind: 'COMPENSATION', amount, currency: amount === null ? null : 'CNY' },
    })
    .map((step) => step.role);
const penalties = (event: PenaltyEvent, on: BoundPlugin = bound) => on.decide('penalties', event);
const field = (key: string) => hospitalPlugin.intakeFields.find((f) => f.key === key)!;

describe('the hospital plugin: declarations', () => {
  it('is registered beside the default plugin and names itself', () => {
    expect(() => new PluginHost([defaultPlugin, hospitalPlugin], systemClock)).not.toThrow();
    expect(hospitalPlugin.id).toBe('hospital');
    expect(hospitalPlugin.version).toBe('1.0.0');
  });

  it('holds the source numbers as argument defaults', () => {
    expect(defaultConfig(hospitalPlugin)).toEqual({
      'hospital.assess': { violenceIsMajor: true },
      'hospital.route': {},
      'hospital.deadlines': {
        acknowledgeHours: 24,
        feedbackWorkingDays: 5,
        severalDepartmentsWorkingDays: 10,
        severalDepartmentsFrom: 2,
        investigateWorkingDays: 3,
        respondWorkingDays: 1,
      },
      'hospital.approval-chain': { leadershipFromAmount: 10000 },
      'hospital.penalties': { pointsForRefusal: 3, pointsPerBreach: 1, responsiblePersonShare: 0.1, departmentHeadShare: 0.05 },
      'hospital.follow-ups': { withinWorkingDays: 5 },
      'hospital.escalation': {},
      'hospital.reopen-on-new-facts': {},
      'hospital.refusal-is-a-complaint': {},
      'hospital.report-to-police': {},
      'hospital.feedback-period': { feedbackWorkingDays: 5, severalDepartmentsWorkingDays: 10, severalDepartmentsFrom: 2 },
      'hospital.archive-incomplete': {},
    });
  });

  it('declares the six categories with their departments and priorities', () => {
    expect(hospitalPlugin.categories.map((c) => [c.code, c.label['zh-CN'], c.defaultDepartment, c.defaultPriority])).toEqual([
      ['medical', '医疗', 'medical-affairs', 'HIGH'],
      ['nursing', '护理', 'nursing', 'NORMAL'],
      ['fees', '收费', 'finance', 'NORMAL'],
      ['conduct', '医德医风/服务态度', 'general-office', 'NORMAL'],
      ['environment', '环境设施', 'general-office', 'LOW'],
      ['internal', '员工内部投诉', 'general-office', 'NORMAL'],
    ]);
    for (const category of hospitalPlugin.categories) expect(category.label.en.trim()).not.toBe('');
  });

  it('declares the departments and roles', () => {
    expect(hospitalPlugin.departments.map((d) => [d.code, d.name['zh-CN']])).toEqual([
      ['medical-affairs', '医教科'],
      ['finance', '财务科'],
      ['general-office', '综合办'],
      ['nursing', '护理部'],
      ['service-desk', '一站式服务中心'],
    ]);
    expect(hospitalPlugin.roles.map((r) => [r.code, r.label['zh-CN']])).toEqual([
      ['complaint-office', '投诉管理办公室'],
      ['department-head', '科室主任'],
      ['hospital-leadership', '院领导'],
    ]);
  });

  it('labels each statutory reason for not accepting a complaint in both languages', () => {
    expect(hospitalPlugin.rejectionReasons.map((r) => [r.code, r.label['zh-CN']])).toEqual([
      ['in-court-or-mediation', '已进入诉讼或第三方调解'],
      ['handled-by-authority-or-petitions', '已由卫生主管部门或信访部门处理'],
      ['no-clear-object-or-facts', '无明确投诉对象和具体事实'],
      ['public-order-or-criminal', '治安或刑事案件'],
      ['outside-remit', '超出投诉管理部门职权'],
    ]);
    for (const reason of hospitalPlugin.rejectionReasons) {
      expect(reason.label.en.trim()).not.toBe('');
      expect(bound.rejectionReason(reason.code)).toBe(reason);
    }
    expect(bound.rejectionReason('duplicate')).toBeNull();
  });

  it('declares optional intake fields that validate at their bounds', () => {
    expect(hospitalPlugin.intakeFields.map((f) => [f.key, f.required])).toEqual([
      ['patientId', false],
      ['ward', false],
      ['visitType', false],
      ['receptionPoint', false],
      ['departmentsInvolved', false],
      ['refusedByEmployee', false],
      ['treatmentRecords', false],
      ['rectification', false],
      ['rectificationEvaluation', false],
      ['newFacts', false],
      ['violenceReported', false],
    ]);
    const ok = (key: string, value: unknown) => field(key).schema.safeParse(value).success;
    expect([ok('patientId', ''), ok('patientId', 'P'), ok('patientId', 'x'.repeat(64)), ok('patientId', 'x'.repeat(65))]).toEqual([
      false,
      true,
      true,
      false,
    ]);
    expect([ok('ward', '3 West'), ok('ward', 3)]).toEqual([true, false]);
    expect(['outpatient', 'inpatient', 'emergency', 'daycare'].map((v) => ok('visitType', v))).toEqual([true, true, true, false]);
    expect(
      ['general-office', 'medical-affairs', 'nursing', 'service-desk', 'night-duty', 'nurse-station', 'pharmacy'].map((v) =>
        ok('receptionPoint', v),
      ),
    ).toEqual([true, true, true, true, true, true, false]);
    expect([0, 1, 1.5, 50, 51, '2'].map((v) => ok('departmentsInvolved', v))).toEqual([false, true, false, true, false, false]);
    expect([ok('refusedByEmployee', '王护士'), ok('refusedByEmployee', 7)]).toEqual([true, false]);
    expect([ok('newFacts', true), ok('newFacts', 'yes')]).toEqual([true, false]);
    expect([ok('violenceReported', false), ok('violenceReported', 1)]).toEqual([true, false]);
  });
});

describe('the hospital plugin: decisions', () => {
  it.each([
    ['medical', 'HIGH'],
    ['nursing', 'NORMAL'],
    ['fees', 'NORMAL'],
    ['conduct', 'NORMAL'],
    ['environment', 'LOW'],
    ['internal', 'NORMAL'],
  ] as const)('assesses a %s complaint as %s, not major', (categoryCode, priority) => {
    expect(bound.decide('assess', view({ categoryCode, priority: 'URGENT' }))).toEqual({ priority, major: false });
  });

  it('makes violence major and urgent, keeps a major complaint urgent, and keeps the priority of an uncategorised one', () => {
    expect(bound.decide('assess', view({ categoryCode: 'environment', fields: { violenceReported: true } }))).toEqual({
      priority: 'URGENT',
      major: true,
    });
    expect(bound.decide('assess', view({ categoryCode: 'environment', fields: { violenceReported: false } }))).toEqual({
      priority: 'LOW',
      major: false,
    });
    expect(bound.decide('assess', view({ categoryCode: 'fees', major: true }))).toEqual({ priority: 'URGENT', major: true });
    expect(bound.decide('assess', view({ categoryCode: null, priority: 'HIGH' }))).toEqual({ priority: 'HIGH', major: false });
  });

  it.each([
    ['medical', 'medical-affairs'],
    ['nursing', 'nursing'],
    ['fees', 'finance'],
    ['conduct', 'general-office'],
    ['environment', 'general-office'],
    ['internal', 'general-office'],
    [null, null],
    ['unknown', null],
  ])('routes %s to %s', (categoryCode, department) => {
    expect(bound.decide('route', view({ categoryCode }))).toBe(department);
  });

  it('starts the clocks of each stage', () => {
    expect(stages('RECEIVED')).toEqual([
      { stage: 'ACKNOWLEDGE', amount: 24, unit: 'hours' },
      { stage: 'CLOSE', amount: 5, unit: 'workingDays' },
    ]);
    expect(stages('ASSIGNED')).toEqual([{ stage: 'INVESTIGATE', amount: 3, unit: 'workingDays' }]);
    expect(stages('APPROVED')).toEqual([]);
    expect(stages('EXECUTED')).toEqual([{ stage: 'RESPOND', amount: 1, unit: 'workingDays' }]);
  });

  it('gives feedback within 5 working days for one department, 10 from two', () => {
    expect(close(1)).toEqual({ stage: 'CLOSE', amount: 5, unit: 'workingDays' });
    expect(close(2)).toEqual({ stage: 'CLOSE', amount: 10, unit: 'workingDays' });
    expect(close(0)).toEqual({ stage: 'CLOSE', amount: 5, unit: 'workingDays' });
    // Intake may know of several departments before any assignment.
    expect(close(1, { departmentsInvolved: 1 })).toEqual({ stage: 'CLOSE', amount: 5, unit: 'workingDays' });
    expect(close(1, { departmentsInvolved: 2 })).toEqual({ stage: 'CLOSE', amount: 10, unit: 'workingDays' });
    expect(close(3, { departmentsInvolved: 1 })).toEqual({ stage: 'CLOSE', amount: 10, unit: 'workingDays' });
  });

  it('counts the feedback period on the mainland calendar, across the Qingming holiday', () => {
    const received = new Date('2026-04-01T02:00:00Z');
    // Working days 2, 3, 7, 8, 9 April: the 5th ends with 9 April in Shanghai.
    expect(dueAt(received, close(1)!, SHANGHAI).toISOString()).toBe('2026-04-09T16:00:00.000Z');
    // …then 10, 13, 14, 15, 16 April.
    expect(dueAt(received, close(2)!, SHANGHAI).toISOString()).toBe('2026-04-16T16:00:00.000Z');
  });

  it.each([
    [null, false, ['department-head', 'complaint-office']],
    [0, false, ['department-head', 'complaint-office']],
    [9999.99, false, ['department-head', 'complaint-office']],
    [10000, false, ['department-head', 'complaint-office', 'hospital-leadership']],
    [10000.01, false, ['department-head', 'complaint-office', 'hospital-leadership']],
    [null, true, ['department-head', 'complaint-office', 'hospital-leadership']],
    [0, true, ['department-head', 'complaint-office', 'hospital-leadership']],
  ])('asks for approval of %s (major %s) by %j', (amount, major, roles) => {
    expect(chain(amount, major)).toEqual(roles);
  });

  it('labels every approval step in both languages', () => {
    const steps = bound.decide('approvalChain', {
      complaint: view({ major: true }),
      resolution: { kind: 'APOLOGY', amount: null, currency: null },
    });
    expect(steps.map((s) => s.label['zh-CN'])).toEqual(['科室主任审核', '投诉管理办公室审核', '院领导审批']);
    for (const step of steps) expect(step.label.en.trim()).not.toBe('');
  });

  it('treats a refusal to receive as a complaint against the receiving employee', () => {
    expect(penalties({ kind: 'REFUSAL_TO_RECEIVE', complaint: view() })).toEqual([
      {
        subject: 'RECEIVING_EMPLOYEE',
        rule: 'hospital.penalties',
        reason: {
          en: 'Refused to receive a complaint: recorded as a complaint against the employee',
          'zh-CN': '拒绝受理投诉，视为对该员工的投诉',
        },
        points: 3,
        amount: null,
      },
    ]);
  });

  it('charges the handler of a late stage, naming the stage', () => {
    expect(penalties({ kind: 'DEADLINE_BREACH', complaint: view(), stage: 'CLOSE', hoursLate: 5 })).toEqual([
      { subject: 'HANDLER', rule: 'hospital.penalties', reason: { en: 'Late: Close', 'zh-CN': '结案超时' }, points: 1, amount: null },
    ]);
  });

  it('charges a loss at close in proportion: 10 % to the responsible person, 5 % to the department head', () => {
    const loss = (lossAmount: number) =>
      penalties({ kind: 'LOSS_AT_CLOSE', complaint: view(), lossAmount, currency: 'CNY' }).map((p) => [p.subject, p.amount, p.points]);
    expect(loss(3000)).toEqual([
      ['RESPONSIBLE_PERSON', 300, 0],
      ['DEPARTMENT_HEAD', 150, 0],
    ]);
    expect(loss(1234.56)).toEqual([
      ['RESPONSIBLE_PERSON', 123.46, 0],
      ['DEPARTMENT_HEAD', 61.73, 0],
    ]);
    expect(loss(0)).toEqual([]);
  });

  it('plans one follow-up within 5 working days', () => {
    expect(bound.decide('followUps', { complaint: view(), executedAt: clock.now() })).toEqual({ visits: [{ withinWorkingDays: 5 }] });
  });

  it('escalates a major complaint to the complaint office and the leadership as urgent, a late one to the office, an unresolved one to the leadership', () => {
    const escalate = (reason: 'MAJOR' | 'DEADLINE_BREACH' | 'UNRESOLVED') => bound.decide('escalation', { complaint: view(), reason });
    expect(escalate('MAJOR')).toEqual([
      { role: 'complaint-office', raisePriorityTo: 'URGENT' },
      { role: 'hospital-leadership', raisePriorityTo: 'URGENT' },
    ]);
    expect(escalate('DEADLINE_BREACH')).toEqual([{ role: 'complaint-office', raisePriorityTo: null }]);
    expect(escalate('UNRESOLVED')).toEqual([{ role: 'hospital-leadership', raisePriorityTo: null }]);
  });
});

describe('the hospital plugin: findings', () => {
  it('finds nothing when the intake fields are missing', () => {
    for (const rule of hospitalPlugin.findings) expect(bound.run(rule, view())).toBeNull();
    expect(hospitalPlugin.findings.map((f) => f.code)).toEqual([
      'hospital.reopen-on-new-facts',
      'hospital.refusal-is-a-complaint',
      'hospital.report-to-police',
      'hospital.feedback-period',
      'hospital.archive-incomplete',
    ]);
  });

  it('reopens a closed complaint when new facts or evidence come', () => {
    const reopened = finding('hospital.reopen-on-new-facts', view({ status: 'CLOSED', fields: { newFacts: true } }));
    expect(reopened).toMatchObject({
      code: 'hospital.reopen-on-new-facts',
      cites: '医疗机构投诉管理办法（2019）',
      details: { closed: true },
    });
    expect(reopened!.label['zh-CN']).toBe('有新的事实或证据，已结案投诉应重新受理');
    expect(finding('hospital.reopen-on-new-facts', view({ status: 'INVESTIGATING', fields: { newFacts: true } }))?.details).toEqual({
      closed: false,
    });
    expect(finding('hospital.reopen-on-new-facts', view({ status: 'CLOSED', fields: { newFacts: false } }))).toBeNull();
  });

  it('records a complaint against the employee who refused to receive one', () => {
    const refusal = finding('hospital.refusal-is-a-complaint', view({ fields: { refusedByEmployee: '王护士' } }));
    expect(refusal).toMatchObject({ code: 'hospital.refusal-is-a-complaint', details: { employee: '王护士' } });
    expect(refusal!.cites).toContain('002 篇二十');
    expect(refusal!.label['zh-CN']).toBe('王护士拒绝受理投诉，应登记为对其的投诉');
    expect(finding('hospital.refusal-is-a-complaint', view({ fields: { refusedByEmployee: '  ' } }))).toBeNull();
  });

  it('reports violence to the police', () => {
    expect(finding('hospital.report-to-police', view({ fields: { violenceReported: true } }))).toMatchObject({
      code: 'hospital.report-to-police',
      cites: '002 篇二十',
      details: {},
    });
    expect(finding('hospital.report-to-police', view({ fields: { violenceReported: false } }))).toBeNull();
  });

  it('asks for the archive once the resolution is carried out, naming what is missing', () => {
    const archive = (status: ComplaintView['status'], fields: Record<string, unknown> = {}) =>
      finding('hospital.archive-incomplete', view({ status, fields }));
    expect(archive('APPROVED')).toBeNull();
    expect(archive('EXECUTED')).toMatchObject({
      code: 'hospital.archive-incomplete',
      details: { missing: ['treatmentRecords', 'rectification', 'rectificationEvaluation'] },
    });
    expect(archive('CLOSED', { treatmentRecords: ['ZY-1'], rectification: '加强交班' })?.label).toEqual({
      en: 'Archive incomplete: Evaluation of the rectification',
      'zh-CN': '投诉档案不完整：缺整改效果评价',
    });
    expect(
      archive('CLOSED', { treatmentRecords: ['ZY-1'], rectification: '加强交班', rectificationEvaluation: '三个月无复发' }),
    ).toBeNull();
    expect(archive('CLOSED', { treatmentRecords: [], rectification: ' ', rectificationEvaluation: 'ok' })?.details).toEqual({
      missing: ['treatmentRecords', 'rectification'],
    });
  });

  it('checks the archive fields at intake', () => {
    const records = field('treatmentRecords').schema;
    expect(records.safeParse(['ZY-2026-001']).success).toBe(true);
    expect(records.safeParse([]).success).toBe(false);
    expect(records.safeParse(['']).success).toBe(false);
    expect(records.safeParse('ZY-2026-001').success).toBe(false);
    expect(field('rectificationEvaluation').schema.safeParse('').success).toBe(false);
  });

  it('states the feedback period: 5 working days for one department, 10 from two', () => {
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 1 } }))).toMatchObject({
      code: 'hospital.feedback-period',
      cites: '医疗机构投诉管理办法（2019）',
      details: { workingDays: 5, departmentsInvolved: 1 },
    });
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 2 } }))?.details).toEqual({
      workingDays: 10,
      departmentsInvolved: 2,
    });
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 2 } }))?.label['zh-CN']).toBe(
      '涉及2个科室，10个工作日内反馈',
    );
  });
});

describe('the hospital plugin: tuned arguments', () => {
  const tunedConfig = {
    'hospital.assess': { violenceIsMajor: false },
    'hospital.deadlines': { feedbackWorkingDays: 3, severalDepartmentsWorkingDays: 7, severalDepartmentsFrom: 3, acknowledgeHours: 2 },
    'hospital.approval-chain': { leadershipFromAmount: 500 },
    'hospital.penalties': { pointsForRefusal: 0, pointsPerBreach: 2, responsiblePersonShare: 0.2, departmentHeadShare: 0 },
    'hospital.follow-ups': { withinWorkingDays: 2 },
    'hospital.feedback-period': { feedbackWorkingDays: 3, severalDepartmentsWorkingDays: 7, severalDepartmentsFrom: 3 },
  };
  const tuned = new BoundPlugin(hospitalPlugin, tunedConfig, clock);

  it('is a configuration the host accepts', () => {
    expect(configSchema(hospitalPlugin).safeParse(tunedConfig).success).toBe(true);
    expect(configSchema(hospitalPlugin).safeParse({ 'hospital.deadlines': { severalDepartmentsFrom: 1 } }).success).toBe(false);
    expect(configSchema(hospitalPlugin).safeParse({ 'hospital.approval-chain': { leadershipFromAmount: -1 } }).success).toBe(false);
  });

  it("follows a tenant's numbers", () => {
    expect(stages('RECEIVED', 1, {}, tuned)).toEqual([
      { stage: 'ACKNOWLEDGE', amount: 2, unit: 'hours' },
      { stage: 'CLOSE', amount: 3, unit: 'workingDays' },
    ]);
    expect(close(2, {}, tuned)).toEqual({ stage: 'CLOSE', amount: 3, unit: 'workingDays' });
    expect(close(3, {}, tuned)).toEqual({ stage: 'CLOSE', amount: 7, unit: 'workingDays' });
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 3 } }), tuned)?.details).toEqual({
      workingDays: 7,
      departmentsInvolved: 3,
    });
    expect(chain(499.99, false, tuned)).toEqual(['department-head', 'complaint-office']);
    expect(chain(500, false, tuned)).toEqual(['department-head', 'complaint-office', 'hospital-leadership']);
    expect(penalties({ kind: 'REFUSAL_TO_RECEIVE', complaint: view() }, tuned)).toEqual([]);
    expect(penalties({ kind: 'DEADLINE_BREACH', complaint: view(), stage: 'RESPOND', hoursLate: 1 }, tuned).map((p) => p.points)).toEqual([
      2,
    ]);
    expect(
      penalties({ kind: 'LOSS_AT_CLOSE', complaint: view(), lossAmount: 3000, currency: 'CNY' }, tuned).map((p) => [p.subject, p.amount]),
    ).toEqual([['RESPONSIBLE_PERSON', 600]]);
    expect(tuned.decide('followUps', { complaint: view(), executedAt: clock.now() })).toEqual({ visits: [{ withinWorkingDays: 2 }] });
    expect(tuned.decide('assess', view({ categoryCode: 'nursing', fields: { violenceReported: true } }))).toEqual({
      priority: 'NORMAL',
      major: false,
    });
    // The finding still tells the police, whatever the assessment.
    expect(finding('hospital.report-to-police', view({ fields: { violenceReported: true } }), tuned)?.code).toBe(
      'hospital.report-to-police',
    );
  });

  it('refuses arguments out of range', () => {
    const args = hospitalPlugin.rules.deadlines.args as z.ZodType;
    expect(args.safeParse({ feedbackWorkingDays: 0 }).success).toBe(false);
    expect(args.safeParse({ feedbackWorkingDays: 1.5 }).success).toBe(false);
    expect((hospitalPlugin.rules.penalties.args as z.ZodType).safeParse({ responsiblePersonShare: 1.1 }).success).toBe(false);
  });
});
