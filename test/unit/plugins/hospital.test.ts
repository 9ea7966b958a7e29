import type { ComplaintView } from '@redress/plugin-api';
import { hospitalPlugin } from '@redress/plugin-hospital';
import { BoundPlugin, defaultConfig, tenantClock } from '../../../server/src/plugins/plugin-host';
import { describePluginContract } from '../../contract/plugin-contract';

describePluginContract(hospitalPlugin);

const clock = tenantClock('Asia/Shanghai', () => new Date('2026-04-01T02:00:00Z'));
const plugin = new BoundPlugin(hospitalPlugin, defaultConfig(hospitalPlugin), clock);
const view = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'SERVICE_DESK',
  status: 'ACKNOWLEDGED',
  demands: [],
  description: 'x',
  categoryCode: 'medical',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-04-01T02:00:00Z'),
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
  ...over,
});
const finding = (code: string, v: ComplaintView) => plugin.run(hospitalPlugin.findings.find((f) => f.code === code)!, v) as any;

describe('hospital', () => {
  it.each([
    ['medical', 'medical-affairs'],
    ['fees', 'finance'],
    ['conduct', 'general-office'],
    ['nursing', 'nursing'],
    [null, null],
  ])('routes %s to %s', (categoryCode, department) => {
    expect(plugin.decide('route', view({ categoryCode }))).toBe(department);
  });

  it('answers within 5 working days, 10 when several departments are involved', () => {
    const close = (departmentsInvolved: number, fields = {}) =>
      plugin.decide('deadlines', { complaint: view({ fields }), start: 'RECEIVED', departmentsInvolved }).find((d) => d.stage === 'CLOSE');
    expect(close(1)).toEqual({ stage: 'CLOSE', amount: 5, unit: 'workingDays' });
    expect(close(2)).toEqual({ stage: 'CLOSE', amount: 10, unit: 'workingDays' });
    expect(close(1, { departmentsInvolved: 2 })).toEqual({ stage: 'CLOSE', amount: 10, unit: 'workingDays' });
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 1 } })).details).toEqual({ workingDays: 5, departmentsInvolved: 1 });
    expect(finding('hospital.feedback-period', view({ fields: { departmentsInvolved: 3 } })).details).toEqual({ workingDays: 10, departmentsInvolved: 3 });
  });

  it.each([
    [9999.99, false, ['department-head', 'complaint-office']],
    [10000, false, ['department-head', 'complaint-office', 'hospital-leadership']],
    [10000.01, false, ['department-head', 'complaint-office', 'hospital-leadership']],
    [null, true, ['department-head', 'complaint-office', 'hospital-leadership']],
  ])('asks for approval of %s (major %s) by %j', (amount, major, roles) => {
    const chain = plugin.decide('approvalChain', { complaint: view({ major }), resolution: { kind: 'COMPENSATION', amount, currency: 'CNY' } });
    expect(chain.map((s) => s.role)).toEqual(roles);
  });

  it('treats a refusal to receive as a complaint against the employee', () => {
    expect(plugin.decide('penalties', { kind: 'REFUSAL_TO_RECEIVE', complaint: view() })).toEqual([
      expect.objectContaining({ subject: 'RECEIVING_EMPLOYEE', points: 3, rule: 'hospital.penalties' }),
    ]);
    expect(finding('hospital.refusal-is-a-complaint', view({ fields: { refusedByEmployee: '王医生' } })).details).toEqual({ employee: '王医生' });
    expect(finding('hospital.refusal-is-a-complaint', view())).toBeNull();
  });

  it('charges a loss in proportion and makes violence major, urgent and a police matter', () => {
    expect(plugin.decide('penalties', { kind: 'LOSS_AT_CLOSE', complaint: view(), lossAmount: 3000, currency: 'CNY' }).map((p) => p.amount)).toEqual([300, 150]);
    expect(plugin.decide('assess', view({ fields: { violenceReported: true } }))).toEqual({ priority: 'URGENT', major: true });
    expect(plugin.decide('assess', view({ categoryCode: 'fees' }))).toEqual({ priority: 'NORMAL', major: false });
    expect(finding('hospital.report-to-police', view({ fields: { violenceReported: true } }))?.code).toBe('hospital.report-to-police');
  });

  it('reopens a closed complaint on new facts', () => {
    expect(finding('hospital.reopen-on-new-facts', view({ status: 'CLOSED', fields: { newFacts: true } })).details).toEqual({ closed: true });
    expect(finding('hospital.reopen-on-new-facts', view({ status: 'CLOSED' }))).toBeNull();
  });

  it('names every statutory reason for not accepting a complaint', () => {
    expect(hospitalPlugin.rejectionReasons.map((r) => r.code)).toEqual([
      'in-court-or-mediation',
      'handled-by-authority-or-petitions',
      'no-clear-object-or-facts',
      'public-order-or-criminal',
      'outside-remit',
    ]);
  });

  it("follows a tenant's tuned numbers", () => {
    const tuned = new BoundPlugin(hospitalPlugin, { 'hospital.deadlines': { feedbackWorkingDays: 3 }, 'hospital.approval-chain': { leadershipFrom: 500 } }, clock);
    expect(tuned.decide('deadlines', { complaint: view(), start: 'RECEIVED', departmentsInvolved: 1 })).toContainEqual({ stage: 'CLOSE', amount: 3, unit: 'workingDays' });
    expect(tuned.decide('approvalChain', { complaint: view(), resolution: { kind: 'REFUND', amount: 500, currency: 'CNY' } })).toHaveLength(3);
  });
});
