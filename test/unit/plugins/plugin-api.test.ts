import {
  categoryDepartment,
  categoryPriority,
  defineCategoryRoute,
  definePenalties,
  defineRepeats,
  defineSingleFollowUp,
  findCategory,
  intakeField,
  raisePriority,
  REFUSAL_TO_RECEIVE_REASON,
  validatePlugin,
  type CategoryDefinition,
  type ComplaintView,
  type PenaltyEvent,
} from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { tenantClock } from '../../../server/src/plugins/plugin-host';

const clock = tenantClock('Asia/Shanghai', () => new Date('2026-06-15T04:00:00Z'));
const view: ComplaintView = {
  channel: 'PHONE',
  status: 'CLOSED',
  demands: [],
  description: 'x',
  categoryCode: null,
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-06-01T02:00:00Z'),
  executedAt: null,
  closedAt: null,
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
};

describe('penalties made by definePenalties', () => {
  // The hospital's numbers: a refusal to receive 3 points, a late stage 1 point, a loss at close
  // 10 % on the responsible person and 5 % on the department head (002 篇二十 item 3, 002 篇十一 第六条).
  const withLoss = definePenalties({
    code: 'example.penalties',
    description: { en: 'Example', 'zh-CN': '示例' },
    defaults: { pointsPerBreach: 1, pointsForRefusal: 3, lossShares: { responsiblePersonShare: 0.1, departmentHeadShare: 0.05 } },
    reasons: { breach: (stage) => ({ en: `Late: ${stage}`, 'zh-CN': `${stage}超时` }) },
  });
  // Without loss shares (the default plugin): points only.
  const pointsOnly = definePenalties({
    code: 'example.points',
    description: { en: 'Example', 'zh-CN': '示例' },
    defaults: { pointsPerBreach: 1, pointsForRefusal: 2 },
    reasons: { breach: () => ({ en: 'Late', 'zh-CN': '超时' }), refusal: { en: 'Refused', 'zh-CN': '拒绝' } },
  });
  const charge = (rule: typeof withLoss, event: PenaltyEvent, args: object = {}) => rule.evaluate(event, rule.args.parse(args), clock);
  const loss = (lossAmount: number): PenaltyEvent => ({ kind: 'LOSS_AT_CLOSE', complaint: view, lossAmount, currency: 'CNY' });

  it('holds the numbers it is given as argument defaults, with share arguments only where a loss is charged', () => {
    expect(withLoss.args.parse({})).toEqual({
      pointsPerBreach: 1,
      pointsForRefusal: 3,
      responsiblePersonShare: 0.1,
      departmentHeadShare: 0.05,
    });
    expect(pointsOnly.args.parse({})).toEqual({ pointsPerBreach: 1, pointsForRefusal: 2 });
  });

  it('charges the handler of a late stage, with the reason naming the stage', () => {
    expect(charge(withLoss, { kind: 'DEADLINE_BREACH', complaint: view, stage: 'CLOSE', hoursLate: 5 })).toEqual([
      { subject: 'HANDLER', rule: 'example.penalties', reason: { en: 'Late: CLOSE', 'zh-CN': 'CLOSE超时' }, points: 1, amount: null },
    ]);
  });

  it('charges the employee who refused to receive a complaint, in the standard words unless the plugin gives its own', () => {
    expect(charge(withLoss, { kind: 'REFUSAL_TO_RECEIVE', complaint: view })).toEqual([
      { subject: 'RECEIVING_EMPLOYEE', rule: 'example.penalties', reason: REFUSAL_TO_RECEIVE_REASON, points: 3, amount: null },
    ]);
    expect(REFUSAL_TO_RECEIVE_REASON).toEqual({ en: 'Refused to receive a complaint', 'zh-CN': '拒绝受理投诉' });
    expect(charge(pointsOnly, { kind: 'REFUSAL_TO_RECEIVE', complaint: view })).toEqual([
      { subject: 'RECEIVING_EMPLOYEE', rule: 'example.points', reason: { en: 'Refused', 'zh-CN': '拒绝' }, points: 2, amount: null },
    ]);
  });

  it('shares a loss at close: 10 % and 5 % of 2,000 are 200 and 100; of 1,234.56 they are 123.46 and 61.73', () => {
    const amounts = (lossAmount: number) => charge(withLoss, loss(lossAmount)).map((p) => [p.subject, p.amount, p.points]);
    expect(amounts(2000)).toEqual([
      ['RESPONSIBLE_PERSON', 200, 0],
      ['DEPARTMENT_HEAD', 100, 0],
    ]);
    expect(amounts(1234.56)).toEqual([
      ['RESPONSIBLE_PERSON', 123.46, 0],
      ['DEPARTMENT_HEAD', 61.73, 0],
    ]);
    expect(amounts(0)).toEqual([]);
    expect(charge(pointsOnly, loss(2000))).toEqual([]);
  });

  it("follows a tenant's numbers: 0 points or a 0 share charges nobody", () => {
    const tuned = { pointsPerBreach: 0, pointsForRefusal: 0, responsiblePersonShare: 0.2, departmentHeadShare: 0 };
    expect(charge(withLoss, { kind: 'DEADLINE_BREACH', complaint: view, stage: 'RESPOND', hoursLate: 1 }, tuned)).toEqual([]);
    expect(charge(withLoss, { kind: 'REFUSAL_TO_RECEIVE', complaint: view }, tuned)).toEqual([]);
    expect(charge(withLoss, loss(3000), tuned).map((p) => [p.subject, p.amount])).toEqual([['RESPONSIBLE_PERSON', 600]]);
  });

  it('refuses points outside 0–100 and shares outside 0–1', () => {
    expect(withLoss.args.safeParse({ pointsPerBreach: 101 }).success).toBe(false);
    expect(withLoss.args.safeParse({ pointsForRefusal: -1 }).success).toBe(false);
    expect(withLoss.args.safeParse({ pointsPerBreach: 1.5 }).success).toBe(false);
    expect(withLoss.args.safeParse({ responsiblePersonShare: 1.1 }).success).toBe(false);
    expect(withLoss.args.safeParse({ departmentHeadShare: -0.01 }).success).toBe(false);
    expect(withLoss.args.safeParse({ pointsPerBreach: 100, responsiblePersonShare: 1 }).success).toBe(true);
  });
});

describe('a follow-up rule made by defineSingleFollowUp', () => {
  // The first follow-up within 5 working days of carrying out the resolution (003 篇12 九).
  const rule = defineSingleFollowUp({ code: 'example.follow-ups', description: { en: 'Example', 'zh-CN': '示例' }, withinWorkingDays: 5 });
  const plan = (args: object = {}) =>
    rule.evaluate({ complaint: view, executedAt: new Date('2026-06-10T02:00:00Z') }, rule.args.parse(args), clock);

  it('plans one visit within 5 working days, or within the days a tenant sets', () => {
    expect(plan()).toEqual({ visits: [{ withinWorkingDays: 5 }] });
    expect(plan({ withinWorkingDays: 2 })).toEqual({ visits: [{ withinWorkingDays: 2 }] });
  });

  it('refuses a period outside 1–60 working days', () => {
    expect(rule.args.safeParse({ withinWorkingDays: 0 }).success).toBe(false);
    expect(rule.args.safeParse({ withinWorkingDays: 61 }).success).toBe(false);
    expect(rule.args.safeParse({ withinWorkingDays: 60 }).success).toBe(true);
  });
});

describe('category lookups', () => {
  // Hospital routing (002 篇二十): medical complaints to medical affairs, fees to finance.
  const categories: CategoryDefinition[] = [
    { code: 'medical', label: { en: 'Medical care', 'zh-CN': '医疗' }, defaultDepartment: 'medical-affairs', defaultPriority: 'HIGH' },
    { code: 'fees', label: { en: 'Fees', 'zh-CN': '收费' }, defaultDepartment: 'finance', defaultPriority: 'NORMAL' },
    { code: 'other', label: { en: 'Other', 'zh-CN': '其他' }, defaultDepartment: null, defaultPriority: 'LOW' },
  ];

  it('finds a declared category by its code, and nothing for an unknown code or none', () => {
    expect(findCategory(categories, 'fees')?.label.en).toBe('Fees');
    expect(findCategory(categories, 'medical.surgery')).toBeNull();
    expect(findCategory(categories, null)).toBeNull();
  });

  it("routes to the category's department, or to nobody", () => {
    expect(categoryDepartment(categories, { categoryCode: 'medical' })).toBe('medical-affairs');
    expect(categoryDepartment(categories, { categoryCode: 'fees' })).toBe('finance');
    expect(categoryDepartment(categories, { categoryCode: 'other' })).toBeNull();
    expect(categoryDepartment(categories, { categoryCode: null })).toBeNull();
  });

  it("takes the category's priority, or keeps the complaint's own without a declared category", () => {
    expect(categoryPriority(categories, { categoryCode: 'medical', priority: 'LOW' })).toBe('HIGH');
    expect(categoryPriority(categories, { categoryCode: 'other', priority: 'URGENT' })).toBe('LOW');
    expect(categoryPriority(categories, { categoryCode: 'unknown', priority: 'URGENT' })).toBe('URGENT');
    expect(categoryPriority(categories, { categoryCode: null, priority: 'NORMAL' })).toBe('NORMAL');
  });
});

describe('raisePriority', () => {
  it('goes one step up, and urgent stays urgent', () => {
    expect(raisePriority('LOW')).toBe('NORMAL');
    expect(raisePriority('NORMAL')).toBe('HIGH');
    expect(raisePriority('HIGH')).toBe('URGENT');
    expect(raisePriority('URGENT')).toBe('URGENT');
  });
});

describe('intakeField', () => {
  it('reads a recorded intake field, and nothing for one the complaint does not record', () => {
    const recorded = { fields: { mileageKm: 1200, deliveryDate: '2026-05-01' } };
    expect(intakeField<number>(recorded, 'mileageKm')).toBe(1200);
    expect(intakeField<string>(recorded, 'deliveryDate')).toBe('2026-05-01');
    expect(intakeField<string>(recorded, 'faultFoundOn')).toBeUndefined();
  });
});

describe('rules made by defineRepeats and defineCategoryRoute', () => {
  const categories: CategoryDefinition[] = [
    { code: 'logistics', label: { en: 'Delivery', 'zh-CN': '物流配送' }, defaultDepartment: 'logistics', defaultPriority: 'NORMAL' },
    {
      code: 'price.fraud',
      label: { en: 'Price fraud', 'zh-CN': '价格欺诈' },
      defaultDepartment: 'administration',
      defaultPriority: 'HIGH',
    },
    { code: 'suggestion', label: { en: 'Suggestions', 'zh-CN': '批评建议' }, defaultDepartment: null, defaultPriority: 'LOW' },
  ];
  // Retail (003 篇2 item 7–8): three or more complaints within a day are linked and go one step higher.
  const repeats = defineRepeats({
    code: 'example.repeats',
    description: { en: 'Example', 'zh-CN': '示例' },
    categories,
    defaults: { windowHours: 24, minComplaints: 3 },
  });
  const decide = (categoryCode: string | null, candidates: Parameters<typeof repeats.evaluate>[0]['candidates'], args: object = {}) =>
    repeats.evaluate({ complaint: { ...view, categoryCode, priority: 'LOW' }, candidates }, repeats.args.parse(args), clock);

  it('holds the numbers it is given as argument defaults', () => {
    expect(repeats.args.parse({})).toEqual({
      windowHours: 24,
      minComplaints: 3,
      sameCategoryOnly: true,
      matches: ['COMPLAINANT', 'ASSET', 'PRODUCT'],
    });
  });

  it('links same-category complaints within 24 hours, the 24th hour included, and raises the third one step above the category default', () => {
    const earlier = [
      { match: 'COMPLAINANT' as const, categoryCode: 'logistics', hoursBefore: 2 },
      { match: 'PRODUCT' as const, categoryCode: 'logistics', hoursBefore: 24 },
      { match: 'ASSET' as const, categoryCode: 'logistics', hoursBefore: 24.01 },
      { match: 'COMPLAINANT' as const, categoryCode: 'suggestion', hoursBefore: 1 },
    ];
    expect(decide('logistics', earlier)).toEqual({ repeats: [0, 1], raisePriorityTo: 'HIGH' });
    expect(decide('logistics', earlier.slice(0, 1))).toEqual({ repeats: [0], raisePriorityTo: null });
    expect(
      decide('price.fraud', [
        { match: 'COMPLAINANT', categoryCode: 'price.fraud', hoursBefore: 1 },
        { match: 'ASSET', categoryCode: 'price.fraud', hoursBefore: 3 },
      ]),
    ).toEqual({
      repeats: [0, 1],
      raisePriorityTo: 'URGENT',
    });
    // Without a category nothing shares it; a tenant may count every category.
    expect(decide(null, earlier)).toEqual({ repeats: [], raisePriorityTo: null });
    expect(decide(null, earlier, { sameCategoryOnly: false, matches: ['COMPLAINANT'] })).toEqual({
      repeats: [0, 3],
      raisePriorityTo: 'NORMAL',
    });
  });

  it("routes to the category's department, or to nobody", () => {
    const route = defineCategoryRoute({ code: 'example.route', description: { en: 'Example', 'zh-CN': '示例' }, categories });
    const routed = (categoryCode: string | null) => route.evaluate({ ...view, categoryCode }, route.args.parse({}), clock);
    expect(routed('price.fraud')).toBe('administration');
    expect(routed('suggestion')).toBeNull();
    expect(routed(null)).toBeNull();
  });
});

describe('plugin versions', () => {
  const problemsOf = (version: string) =>
    validatePlugin({ ...defaultPlugin, version }).filter((problem) => problem.includes('version must be semver'));

  it.each(['1.0.0', '0.1.0', '1.1.0-beta.2', '1.10.0-rc.1', '2.0.0-0', '1.0.0-x-y.7'])('accepts %s', (version) => {
    expect(problemsOf(version)).toEqual([]);
  });

  // Each one either breaks the grammar of semver.org or cannot be ordered against the others.
  it.each(['1.0', '01.0.0', '1.0.0-01', '1.0.0-beta..1', '1.0.0+build.5', 'v1.0.0', '1.0.0-'])('refuses %s', (version) => {
    expect(problemsOf(version)).toHaveLength(1);
  });
});
