import type { ComplaintView, PenaltyEvent } from '@redress/plugin-api';
import { retailPlugin } from '@redress/plugin-retail';
import { BoundPlugin, defaultConfig, tenantClock } from '../../../server/src/plugins/plugin-host';
import { describePluginContract } from '../../contract/plugin-contract';

describePluginContract(retailPlugin);

const at = (iso: string) => tenantClock('Asia/Shanghai', () => new Date(iso));
const view = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'VISIT',
  status: 'INVESTIGATING',
  demands: [],
  description: 'x',
  categoryCode: 'price.difference',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-05-01T02:00:00Z'),
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
  ...over,
});
const plugin = new BoundPlugin(retailPlugin, defaultConfig(retailPlugin), at('2026-05-01T00:00:00Z'));
const finding = (code: string, v: ComplaintView, now = '2026-05-01T02:00:00Z', config = plugin.config) => {
  const rule = retailPlugin.findings.find((f) => f.code === code)!;
  return new BoundPlugin(retailPlugin, config, at(now)).run(rule, v) as any;
};

describe('retail: 7-day no-reason return (art. 25)', () => {
  const bought = (exclusion?: string) => view({ fields: { distanceSale: true, goodsReceivedOn: '2026-05-01', ...(exclusion ? { exclusion } : {}) } });
  it.each([
    ['2026-05-07T12:00:00Z', true],
    ['2026-05-08T12:00:00Z', true],
    ['2026-05-09T01:00:00Z', false],
    // 00:30 on 9 May in Shanghai, still 8 May in UTC: the tenant's date counts.
    ['2026-05-08T16:30:00Z', false],
  ])('on %s eligible: %s', (now, eligible) => {
    expect(finding('retail.no-reason-return', bought(), now).details.eligible).toBe(eligible);
  });
  it('never for excluded goods, and not at all for a sale in the store', () => {
    expect(finding('retail.no-reason-return', bought('perishable'), '2026-05-02T00:00:00Z').details).toMatchObject({ eligible: false, exclusion: 'perishable' });
    expect(finding('retail.no-reason-return', view({ fields: { goodsReceivedOn: '2026-05-01' } }))).toBeNull();
  });
});

describe('retail: quality defect (art. 24)', () => {
  const defect = view({ categoryCode: 'product-quality', fields: { goodsReceivedOn: '2026-05-01' } });
  it('returnable through day 7, then repair or replace', () => {
    expect(finding('retail.quality-return', defect, '2026-05-08T10:00:00Z').code).toBe('retail.quality-return.return');
    expect(finding('retail.quality-return', defect, '2026-05-09T10:00:00Z').code).toBe('retail.quality-return.repair-or-replace');
  });
});

describe('retail: fraud compensation (art. 55, Food Safety Law art. 148)', () => {
  const fraud = (price: number, isFood = false) => finding('retail.fraud-compensation', view({ categoryCode: 'price.fraud', fields: { price, isFood } })).details.amount;
  it('is 3 × the price, at least 500', () => {
    expect(fraud(166.66)).toBe(500);
    expect(fraud(166.67)).toBe(500.01);
    expect(fraud(200)).toBe(600);
  });
  it('for food, 10 × the price, at least 1,000', () => {
    expect(fraud(99.99, true)).toBe(1000);
    expect(fraud(100, true)).toBe(1000);
    expect(fraud(101, true)).toBe(1010);
  });
  it('only for price fraud with a price', () => {
    expect(finding('retail.fraud-compensation', view({ fields: { price: 10 } }))).toBeNull();
  });
});

describe('retail: deliberate delay after 15 days', () => {
  const refund = view({ demands: ['REFUND'], receivedAt: new Date('2026-05-01T02:00:00Z') });
  it('not on day 15, yes on day 16', () => {
    expect(finding('retail.deliberate-delay', refund, '2026-05-16T15:00:00Z')).toBeNull();
    expect(finding('retail.deliberate-delay', refund, '2026-05-17T01:00:00Z').details).toEqual({ days: 16, limit: 15 });
  });
  it('not once the resolution is carried out', () => {
    expect(finding('retail.deliberate-delay', { ...refund, status: 'EXECUTED' }, '2026-06-30T00:00:00Z')).toBeNull();
  });
});

describe('retail: repeat complaints within a day', () => {
  it('flags the third complaint, and raises its priority', () => {
    expect(finding('retail.repeat-complaint', view({ sameDayComplaintsOfComplainant: 1 }))).toBeNull();
    expect(finding('retail.repeat-complaint', view({ sameDayComplaintsOfComplainant: 2 })).details).toEqual({ count: 3, perDay: 3 });
    expect(plugin.decide('assess', view({ sameDayComplaintsOfComplainant: 1 })).priority).toBe('NORMAL');
    expect(plugin.decide('assess', view({ sameDayComplaintsOfComplainant: 2 })).priority).toBe('HIGH');
  });
});

describe('retail: decisions', () => {
  const clock = at('2026-05-01T00:00:00Z');
  it('treats price fraud as major and routes by category', () => {
    expect(plugin.decide('assess', view({ categoryCode: 'price.fraud' }))).toEqual({ priority: 'URGENT', major: true });
    expect(plugin.decide('route', view({ categoryCode: 'after-sales.attitude' }))).toBe('customer-service');
    expect(plugin.decide('route', view({ categoryCode: 'logistics' }))).toBe('logistics');
  });

  it('closes within 7 days of receipt', () => {
    expect(plugin.decide('deadlines', { complaint: view(), start: 'RECEIVED', departmentsInvolved: 1 })).toContainEqual({
      stage: 'CLOSE',
      amount: 7,
      unit: 'days',
    });
  });

  it.each([
    [499.99, false, ['supervisor']],
    [500, false, ['supervisor', 'administration']],
    [4999.99, false, ['supervisor', 'administration']],
    [5000, false, ['supervisor', 'administration', 'general-manager']],
    [0, true, ['supervisor', 'administration', 'general-manager']],
  ])('asks for approval of %s (major %s) by %j', (amount, major, roles) => {
    const chain = plugin.decide(
      'approvalChain',
      { complaint: view({ major }), resolution: { kind: 'REFUND', amount, currency: 'CNY' } },
    );
    expect(chain.map((step) => step.role)).toEqual(roles);
  });

  it('charges the loss in proportion: 10 % to the responsible person, 5 % to the department head', () => {
    const event: PenaltyEvent = { kind: 'LOSS_AT_CLOSE', complaint: view(), lossAmount: 1234.5, currency: 'CNY' };
    expect(plugin.decide('penalties', event).map((p) => [p.subject, p.amount])).toEqual([
      ['RESPONSIBLE_PERSON', 123.45],
      ['DEPARTMENT_HEAD', 61.73],
    ]);
    expect(plugin.decide('penalties', { kind: 'DEADLINE_BREACH', complaint: view(), stage: 'CLOSE', hoursLate: 3 })).toEqual([
      expect.objectContaining({ subject: 'HANDLER', points: 1 }),
    ]);
  });

  it("follows a tenant's tuned thresholds", () => {
    const tuned = new BoundPlugin(retailPlugin, { 'retail.approval-chain': { administrationFrom: 100, generalManagerFrom: 200 } }, clock);
    const roles = tuned
      .decide('approvalChain', { complaint: view(), resolution: { kind: 'REFUND', amount: 150, currency: 'CNY' } })
      .map((s) => s.role);
    expect(roles).toEqual(['supervisor', 'administration']);
    const longer = { ...plugin.config, 'retail.deliberate-delay': { days: 30 } };
    expect(finding('retail.deliberate-delay', view({ demands: ['REPAIR'] }), '2026-05-20T00:00:00Z', longer)).toBeNull();
  });
});

describe('retail: the monthly report (002 篇二十一 第二十七条)', () => {
  it('is due by the 10th of the next month, prepared by administration for the general manager', () => {
    expect(plugin.decideIfDefined('monthlyReport', { month: '2026-10' })).toEqual({
      dueByDayOfNextMonth: 10,
      preparedBy: 'administration',
      addressedTo: ['general-manager'],
    });
  });

  it('takes a tenant’s own day and addressees, and refuses a day some month lacks', () => {
    const tuned = new BoundPlugin(
      retailPlugin,
      { ...plugin.config, 'retail.monthly-report': { dueByDay: 5, addressedTo: ['general-manager', 'store-manager'] } },
      at('2026-05-01T00:00:00Z'),
    );
    expect(tuned.decideIfDefined('monthlyReport', { month: '2026-10' })).toEqual({
      dueByDayOfNextMonth: 5,
      preparedBy: 'administration',
      addressedTo: ['general-manager', 'store-manager'],
    });
    const rule = retailPlugin.rules.monthlyReport!;
    expect(rule.args.safeParse({ dueByDay: 29 }).success).toBe(false);
    expect(rule.args.safeParse({ addressedTo: [] }).success).toBe(false);
  });
});
