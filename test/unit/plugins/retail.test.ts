import type { ComplaintView, PenaltyEvent } from '@redress/plugin-api';
import { retailPlugin, retailSamples } from '@redress/plugin-retail';
import { BoundPlugin, defaultConfig, tenantClock } from '../../../server/src/plugins/plugin-host';
import { describePluginContract } from '../../contract/plugin-contract';

describePluginContract(retailPlugin, retailSamples);

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
  executedAt: null,
  closedAt: null,
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

// A finding is judged on the complaint's own dates: every case below runs on a clock months later.
const LATER = '2027-02-01T02:00:00Z';

describe('retail: 7-day no-reason return (art. 25)', () => {
  // Goods received on 1 May: the day of receipt is not counted, 2 May is day 1, 8 May day 7.
  const asked = (receivedAt: string, fields: Record<string, unknown> = {}) =>
    view({ receivedAt: new Date(receivedAt), fields: { distanceSale: true, goodsReceivedOn: '2026-05-01', ...fields } });
  it.each([
    ['2026-05-07T12:00:00Z', true, 6],
    ['2026-05-08T12:00:00Z', true, 7],
    ['2026-05-09T01:00:00Z', false, 8],
    // 00:30 on 9 May in Shanghai, still 8 May in UTC: the tenant's date counts.
    ['2026-05-08T16:30:00Z', false, 8],
  ])('asked at %s: eligible %s (day %s)', (receivedAt, eligible, day) => {
    expect(finding('retail.no-reason-return', asked(receivedAt), LATER).details).toMatchObject({ eligible, dayOfPeriod: day });
  });
  it('a letter that arrived on day 7 and is entered a month later is still eligible', () => {
    const letter = asked('2026-05-08T03:00:00Z');
    expect(finding('retail.no-reason-return', letter, '2026-06-08T02:00:00Z').details).toMatchObject({
      eligible: true,
      dayOfPeriod: 7,
      requestedOn: '2026-05-08',
    });
  });
  it('counts to the day the consumer asked the shop, when that came before the complaint', () => {
    const askedEarlier = asked('2026-05-20T02:00:00Z', { requestedOn: '2026-05-06' });
    expect(finding('retail.no-reason-return', askedEarlier, LATER).details).toMatchObject({ eligible: true, dayOfPeriod: 5 });
  });
  it('never for excluded goods, and not at all for a sale in the store', () => {
    expect(finding('retail.no-reason-return', asked('2026-05-02T02:00:00Z', { exclusion: 'perishable' }), LATER).details).toMatchObject({
      eligible: false,
      exclusion: 'perishable',
    });
    expect(finding('retail.no-reason-return', view({ fields: { goodsReceivedOn: '2026-05-01' } }))).toBeNull();
  });
});

describe('retail: quality defect (art. 24)', () => {
  const defect = (receivedAt: string) =>
    view({ categoryCode: 'product-quality', receivedAt: new Date(receivedAt), fields: { goodsReceivedOn: '2026-05-01' } });
  it('returnable when reported through day 7 (8 May), then repair or replace, however late it is judged', () => {
    expect(finding('retail.quality-return', defect('2026-05-08T10:00:00Z'), LATER).code).toBe('retail.quality-return.return');
    expect(finding('retail.quality-return', defect('2026-05-09T10:00:00Z'), LATER).code).toBe('retail.quality-return.repair-or-replace');
  });
});

describe('retail: fraud compensation (art. 55, Food Safety Law art. 148)', () => {
  const fraud = (price: number, isFood = false) =>
    finding('retail.fraud-compensation', view({ categoryCode: 'price.fraud', fields: { price, isFood } })).details.amount;
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
  it('for food, 10 × the price or 3 × the loss, whichever is larger, at least 1,000', () => {
    const food = (fields: Record<string, unknown>, categoryCode = 'product-quality') =>
      finding('retail.fraud-compensation', view({ categoryCode, fields: { isFood: true, ...fields } })).details;
    // 10 × 50 = 500, 3 × 800 = 2,400: the loss gives more.
    expect(food({ price: 50, loss: 800 })).toMatchObject({ amount: 2400, basis: 'loss' });
    // 10 × 200 = 2,000, 3 × 300 = 900: the price gives more.
    expect(food({ price: 200, loss: 300 })).toMatchObject({ amount: 2000, basis: 'price' });
    // 10 × 50 = 500, 3 × 200 = 600: both under 1,000.
    expect(food({ price: 50, loss: 200 })).toMatchObject({ amount: 1000, basis: 'minimum' });
    // 3 × 333.34 = 1,000.02 just over the minimum and over 10 × 80 = 800.
    expect(food({ price: 80, loss: 333.34 })).toMatchObject({ amount: 1000.02, basis: 'loss' });
    // Only the loss known: 3 × 400 = 1,200.
    expect(food({ loss: 400 })).toMatchObject({ amount: 1200, basis: 'loss' });
    // Also when the food was sold as price fraud.
    expect(food({ price: 50, loss: 800 }, 'price.fraud')).toMatchObject({ amount: 2400 });
  });
  it('only for price fraud, or food of a quality complaint, with a price or loss', () => {
    expect(finding('retail.fraud-compensation', view({ fields: { price: 10 } }))).toBeNull();
    expect(finding('retail.fraud-compensation', view({ categoryCode: 'product-quality', fields: { price: 10, loss: 500 } }))).toBeNull();
    expect(finding('retail.fraud-compensation', view({ categoryCode: 'price.fraud', fields: { loss: 500 } }))).toBeNull();
  });
});

describe('retail: deliberate delay after 15 days', () => {
  // Asked on 1 May (10:00 in Shanghai): 2 May is day 1, 16 May day 15, 17 May day 16.
  const refund = view({ demands: ['REFUND'], receivedAt: new Date('2026-05-01T02:00:00Z') });
  it('while undone: not on day 15, yes on day 16', () => {
    expect(finding('retail.deliberate-delay', refund, '2026-05-16T15:00:00Z')).toBeNull();
    expect(finding('retail.deliberate-delay', refund, '2026-05-17T01:00:00Z').details).toEqual({
      days: 16,
      limit: 15,
      requestedOn: '2026-05-01',
      until: '2026-05-17',
      running: true,
    });
  });
  it('once carried out, measured to the day it was done, however late it is judged', () => {
    const done = (executedAt: string) => ({
      ...refund,
      status: 'CLOSED' as const,
      executedAt: new Date(executedAt),
      closedAt: new Date('2026-06-01T02:00:00Z'),
    });
    // Done on 16 May at 18:00 in Shanghai: day 15, in time.
    expect(finding('retail.deliberate-delay', done('2026-05-16T10:00:00Z'), '2026-06-30T00:00:00Z')).toBeNull();
    // Done at 00:30 on 17 May in Shanghai: day 16.
    expect(finding('retail.deliberate-delay', done('2026-05-16T16:30:00Z'), '2026-06-30T00:00:00Z').details).toMatchObject({
      days: 16,
      until: '2026-05-17',
      running: false,
    });
    // Done on 20 May: day 19, a delay that stays one after closing.
    expect(finding('retail.deliberate-delay', done('2026-05-20T02:00:00Z'), '2026-06-30T00:00:00Z').details).toEqual({
      days: 19,
      limit: 15,
      requestedOn: '2026-05-01',
      until: '2026-05-20',
      running: false,
    });
  });
  it('counts from the day the consumer asked the shop, when that came before the complaint', () => {
    const earlier = view({ demands: ['REPAIR'], receivedAt: new Date('2026-05-01T02:00:00Z'), fields: { requestedOn: '2026-04-20' } });
    expect(finding('retail.deliberate-delay', earlier, '2026-05-06T02:00:00Z').details).toMatchObject({
      days: 16,
      requestedOn: '2026-04-20',
    });
  });
  it('not for a withdrawn or rejected request', () => {
    expect(finding('retail.deliberate-delay', { ...refund, status: 'WITHDRAWN' }, '2026-06-30T00:00:00Z')).toBeNull();
    expect(finding('retail.deliberate-delay', { ...refund, status: 'REJECTED' }, '2026-06-30T00:00:00Z')).toBeNull();
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
    const chain = plugin.decide('approvalChain', { complaint: view({ major }), resolution: { kind: 'REFUND', amount, currency: 'CNY' } });
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
    const rule = retailPlugin.rules.monthlyReport;
    expect(rule.args.safeParse({ dueByDay: 29 }).success).toBe(false);
    expect(rule.args.safeParse({ addressedTo: [] }).success).toBe(false);
  });
});
