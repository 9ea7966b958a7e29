import type { ComplaintView } from '@redress/plugin-api';
import { automotiveDealerPlugin, automotiveDealerSamples } from '@redress/plugin-automotive-dealer';
import { BoundPlugin, defaultConfig, tenantClock } from '../../../server/src/plugins/plugin-host';
import { describePluginContract } from '../../contract/plugin-contract';

describePluginContract(automotiveDealerPlugin, automotiveDealerSamples);

const at = (iso = '2026-06-01T02:00:00Z') => tenantClock('Asia/Shanghai', () => new Date(iso));
const plugin = new BoundPlugin(automotiveDealerPlugin, defaultConfig(automotiveDealerPlugin), at());
const view = (fields: Record<string, unknown> = {}, over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'VISIT',
  status: 'INVESTIGATING',
  demands: [],
  description: 'x',
  categoryCode: 'product-quality',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-06-01T02:00:00Z'),
  executedAt: null,
  closedAt: null,
  fields,
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
  ...over,
});
const finding = (code: string, v: ComplaintView, now?: string, config = plugin.config) =>
  new BoundPlugin(automotiveDealerPlugin, config, at(now)).run(
    automotiveDealerPlugin.findings.find((f) => f.code === code)!,
    v,
  ) as any;
const delivered = '2026-01-01';

describe('automotive dealer: free assembly replacement (art. 20: 60 days or 3,000 km)', () => {
  const fault = (faultFoundOn: string, mileageKm: number) =>
    finding('automotive-dealer.assembly-replacement', view({ deliveryDate: delivered, faultFoundOn, mileageKm, failedAssembly: 'engine' }))
      .details.eligible;
  it.each([
    ['2026-02-28', 2999, true], // day 58
    ['2026-03-01', 3000, true], // day 59, exactly 3,000 km
    ['2026-03-02', 100, true], // day 60
    ['2026-03-03', 100, false], // day 61
    ['2026-01-10', 3001, false], // the kilometres come first
  ])('found %s at %s km: %s', (foundOn, km, eligible) => {
    expect(fault(foundOn, km)).toBe(eligible);
  });
  it('without a date the fault was found, counts to the day the complaint was received, however late it is judged', () => {
    const received = (receivedAt: string) =>
      finding(
        'automotive-dealer.assembly-replacement',
        view({ deliveryDate: delivered, mileageKm: 100, failedAssembly: 'engine' }, { receivedAt: new Date(receivedAt) }),
        '2026-11-25T02:00:00Z',
      ).details;
    // 23:30 on 2 March in Shanghai: day 60; 00:30 on 3 March: day 61.
    expect(received('2026-03-02T15:30:00Z')).toMatchObject({ eligible: true, day: 60 });
    expect(received('2026-03-02T16:30:00Z')).toMatchObject({ eligible: false, day: 61 });
  });
});

describe('automotive dealer: early new car or return (arts. 22, 23)', () => {
  const early = (fields: Record<string, unknown>) =>
    finding('automotive-dealer.new-car-or-return-early', view({ deliveryDate: delivered, mileageKm: 500, ...fields })).details;
  it('an assembly within 7 days', () => {
    expect(early({ faultFoundOn: '2026-01-08', failedAssembly: 'transmission' })).toMatchObject({ eligible: true, byAssembly: true });
    expect(early({ faultFoundOn: '2026-01-09', failedAssembly: 'transmission' })).toMatchObject({ eligible: false });
  });
  it('a serious safety fault within 60 days and 3,000 km', () => {
    expect(early({ faultFoundOn: '2026-03-02', seriousSafetyFault: 'brakes' })).toMatchObject({ eligible: true, bySafety: true });
    expect(early({ faultFoundOn: '2026-03-03', seriousSafetyFault: 'brakes' })).toMatchObject({ eligible: false });
    expect(early({ faultFoundOn: '2026-01-05', seriousSafetyFault: 'battery-fire', mileageKm: 3001 })).toMatchObject({ eligible: false });
  });
});

describe('automotive dealer: new car or return within 2 years / 50,000 km (art. 24)', () => {
  const base = { deliveryDate: '2025-03-01', faultFoundOn: '2026-06-01', mileageKm: 20000 };
  const decide = (fields: Record<string, unknown>) => finding('automotive-dealer.new-car-or-return', view({ ...base, ...fields })).details;
  it.each([
    [{ cumulativeRepairDays: 30 }, []],
    [{ cumulativeRepairDays: 30.5 }, ['repair-days-over-limit']],
    [{ sameProblemRepairs: 4 }, []],
    [{ sameProblemRepairs: 5 }, ['same-problem-over-limit']],
    [{ assemblyReplacements: 1 }, []],
    [{ assemblyReplacements: 2 }, ['assembly-replaced-twice']],
    [{ safetyRepairs: 2 }, ['safety-fault-repaired-twice']],
  ])('%j → %j', (fields, reasons) => {
    expect(decide(fields)).toMatchObject({ reasons, eligible: reasons.length > 0, inPeriod: true });
  });
  it('ends after 2 years or 50,000 km', () => {
    expect(decide({ faultFoundOn: '2027-03-01', sameProblemRepairs: 9 }).eligible).toBe(true);
    expect(decide({ faultFoundOn: '2027-03-02', sameProblemRepairs: 9 }).eligible).toBe(false);
    expect(decide({ mileageKm: 50001, sameProblemRepairs: 9 }).inPeriod).toBe(false);
  });
});

describe('automotive dealer: warranty, backup car, answer periods, usage fee', () => {
  it('warranty of 3 years or 60,000 km', () => {
    const warranty = (faultFoundOn: string, mileageKm: number) =>
      finding('automotive-dealer.warranty-period', view({ deliveryDate: '2024-02-29', faultFoundOn, mileageKm })).details.inWarranty;
    expect(warranty('2027-02-28', 60000)).toBe(true);
    expect(warranty('2027-03-01', 100)).toBe(false);
    expect(warranty('2026-01-01', 60001)).toBe(false);
  });

  it('a replacement car after 5 repair days, every started 24 hours counting, while the car is in the workshop', () => {
    const started = '2026-06-01T00:00:00.000Z';
    const car = (now: string) => finding('automotive-dealer.backup-car', view({ currentRepairStartedAt: started }), now);
    expect(car('2026-06-06T00:00:00.000Z')).toBeNull(); // exactly 5 × 24 h
    expect(car('2026-06-06T00:00:00.001Z').details).toEqual({ repairDays: 6, fromDay: 6, daysOwed: 1, finished: false });
  });

  it('a finished repair is measured to the hand-back, however late it is judged', () => {
    const repaired = (finishedAt: string) =>
      finding(
        'automotive-dealer.backup-car',
        view({ currentRepairStartedAt: '2026-06-01T00:00:00.000Z', currentRepairFinishedAt: finishedAt }),
        '2026-07-01T00:00:00Z',
      );
    expect(repaired('2026-06-06T00:00:00.000Z')).toBeNull(); // 5 × 24 h: in time
    expect(repaired('2026-06-06T00:00:00.001Z').details).toEqual({ repairDays: 6, fromDay: 6, daysOwed: 1, finished: true });
    // 8 days and 2 hours: 9 started days, a car owed for days 6 to 9.
    expect(repaired('2026-06-09T02:00:00.000Z').details).toEqual({ repairDays: 9, fromDay: 6, daysOwed: 4, finished: true });
  });

  it('answers a replace/return request within 10 working days and completes it within 20', () => {
    const request = view({ deliveryDate: delivered }, { demands: ['EXCHANGE'] });
    expect(finding('automotive-dealer.answer-periods', request).details).toEqual({
      answerWithinWorkingDays: 10,
      completeWithinWorkingDays: 20,
    });
    expect(plugin.decide('deadlines', { complaint: request, start: 'RECEIVED', departmentsInvolved: 1 })).toEqual([
      { stage: 'ACKNOWLEDGE', amount: 4, unit: 'hours' },
      { stage: 'ASSESS', amount: 10, unit: 'workingDays' },
      { stage: 'CLOSE', amount: 20, unit: 'workingDays' },
    ]);
    expect(finding('automotive-dealer.answer-periods', view({ deliveryDate: delivered }, { demands: ['REPAIR'] }))).toBeNull();
  });

  it('finds the solution within 1 working day', () => {
    expect(plugin.decide('deadlines', { complaint: view(), start: 'ASSIGNED', departmentsInvolved: 1 })).toContainEqual({
      stage: 'PROPOSE_RESOLUTION',
      amount: 1,
      unit: 'workingDays',
    });
  });

  it('charges a usage fee of price × km / 1,000 × 0.5 % at most', () => {
    const refund = view({ price: 200000, returnKm: 1500 }, { demands: ['REFUND'] });
    expect(finding('automotive-dealer.usage-fee', refund).details.fee).toBe(1500);
    expect(finding('automotive-dealer.usage-fee', refund, undefined, { 'automotive-dealer.usage-fee': { rate: 0.003 } }).details.fee).toBe(
      900,
    );
    expect(() => finding('automotive-dealer.usage-fee', refund, undefined, { 'automotive-dealer.usage-fee': { rate: 0.006 } })).toThrow(
      /0.5 %/,
    );
  });
});

describe('automotive dealer: approval, major path, penalties', () => {
  it('the general manager approves every solution; a major one goes through the department manager first', () => {
    const chain = (categoryCode: string, major: boolean) =>
      plugin
        .decide('approvalChain', {
          complaint: view({}, { categoryCode, major }),
          resolution: { kind: 'REPAIR', amount: null, currency: null },
        })
        .map((s) => s.role);
    expect(chain('repair-quality', false)).toEqual(['general-manager']);
    expect(chain('repair-quality', true)).toEqual(['service-manager', 'general-manager']);
    expect(chain('sales-contract', true)).toEqual(['sales-manager', 'general-manager']);
    expect(chain('service-quality', true)).toEqual(['customer-relations-manager', 'general-manager']);
  });

  it('a serious safety fault is major; the department manager and the general manager are told at once', () => {
    const major = view({ seriousSafetyFault: 'steering' });
    expect(plugin.decide('assess', major)).toEqual({ priority: 'URGENT', major: true });
    expect(plugin.decide('escalation', { complaint: major, reason: 'MAJOR' }).map((n) => n.role)).toEqual([
      'service-manager',
      'general-manager',
    ]);
    const tuned = new BoundPlugin(automotiveDealerPlugin, { 'automotive-dealer.assess': { majorOnSafetyFault: false } }, at());
    expect(tuned.decide('assess', major).major).toBe(false);
  });

  it('charges the loss in proportion and the late handler', () => {
    expect(
      plugin
        .decide('penalties', { kind: 'LOSS_AT_CLOSE', complaint: view(), lossAmount: 8000, currency: 'CNY' })
        .map((p) => [p.subject, p.amount]),
    ).toEqual([
      ['RESPONSIBLE_PERSON', 800],
      ['DEPARTMENT_HEAD', 400],
    ]);
    expect(plugin.decide('penalties', { kind: 'DEADLINE_BREACH', complaint: view(), stage: 'PROPOSE_RESOLUTION', hoursLate: 5 })).toEqual([
      expect.objectContaining({ subject: 'HANDLER', points: 2 }),
    ]);
  });
});
