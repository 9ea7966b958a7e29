import type { ComplaintView } from '@redress/plugin-api';
import { z } from 'zod';
import { defaultPlugin, defaultSamples } from '@redress/plugin-default';
import { BoundPlugin, defaultConfig, countDue, dueAt, PluginHost, tenantClock } from '../../../server/src/plugins/plugin-host';
import { systemClock } from '../../../server/src/time/clock';
import { tenantCalendar } from '../../../server/src/plugins/working-calendar';
import { shippedCalendar } from '../../support/shipped-calendar';
import { describePluginContract } from '../../contract/plugin-contract';

const SHANGHAI = shippedCalendar('Asia/Shanghai');

describePluginContract(defaultPlugin, defaultSamples);

const clock = tenantClock('Asia/Shanghai', () => new Date('2026-03-01T00:00:00Z'));
const view = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'PHONE',
  status: 'ACKNOWLEDGED',
  demands: [],
  description: 'x',
  categoryCode: 'product.quality',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-03-01T00:00:00Z'),
  executedAt: null,
  closedAt: null,
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
  ...over,
});
const bound = new BoundPlugin(defaultPlugin, defaultConfig(defaultPlugin), clock);

describe('the default plugin', () => {
  it('holds the source numbers as argument defaults', () => {
    expect(defaultConfig(defaultPlugin)).toEqual({
      'default.assess': { majorCategories: ['product.safety'], repeatComplaintsForHigherPriority: 3 },
      'default.route': {},
      'default.deadlines': {
        acknowledgeHours: 1,
        assessHours: 4,
        investigateHours: 24,
        proposeResolutionHours: 48,
        executeHours: 72,
        respondHours: 24,
        closeDays: 7,
      },
      'default.approval-chain': { secondApprovalFromAmount: 1000 },
      'default.penalties': { pointsPerBreach: 1, pointsForRefusal: 2 },
      'default.follow-ups': {
        firstWithinWorkingDays: 5,
        qualityCategories: ['product'],
        qualityVisits: 2,
        thenWithinWorkingDays: 5,
        reopenWhenLow: ['RESOLUTION'],
        lowScoreFollowUpWithinWorkingDays: 2,
      },
      'default.escalation': {},
      'default.repeats': { windowHours: 720, minComplaints: 2, sameCategoryOnly: true, matches: ['COMPLAINANT', 'ASSET', 'PRODUCT'] },
    });
  });

  it('assesses priority from the category, safety as major, repeat complainants one step higher', () => {
    expect(bound.decide('assess', view())).toEqual({ priority: 'NORMAL', major: false });
    expect(bound.decide('assess', view({ categoryCode: 'other' }))).toEqual({ priority: 'LOW', major: false });
    expect(bound.decide('assess', view({ categoryCode: 'product.safety' }))).toEqual({ priority: 'URGENT', major: true });
    expect(bound.decide('assess', view({ recentComplaintsOfComplainant: 1 })).priority).toBe('NORMAL');
    expect(bound.decide('assess', view({ recentComplaintsOfComplainant: 2 })).priority).toBe('HIGH');
  });

  it("uses a tenant's tuned arguments", () => {
    const tuned = new BoundPlugin(defaultPlugin, { 'default.assess': { repeatComplaintsForHigherPriority: 5 } }, clock);
    expect(tuned.decide('assess', view({ recentComplaintsOfComplainant: 2 })).priority).toBe('NORMAL');
    expect(tuned.decide('assess', view({ recentComplaintsOfComplainant: 4 })).priority).toBe('HIGH');
  });

  it('plans two follow-ups for a quality complaint and one for a service complaint (003 篇12 九)', () => {
    const plan = (categoryCode: string | null) =>
      bound.decide('followUps', { complaint: view({ categoryCode }), executedAt: clock.now() }).visits;
    expect(plan('product.quality')).toEqual([{ withinWorkingDays: 5 }, { withinWorkingDays: 5 }]);
    expect(plan('product')).toEqual([{ withinWorkingDays: 5 }, { withinWorkingDays: 5 }]);
    expect(plan('service.attitude')).toEqual([{ withinWorkingDays: 5 }]);
    expect(plan('productive')).toEqual([{ withinWorkingDays: 5 }]);
    expect(plan(null)).toEqual([{ withinWorkingDays: 5 }]);
    const tuned = new BoundPlugin(defaultPlugin, { 'default.follow-ups': { qualityVisits: 3, thenWithinWorkingDays: 2 } }, clock);
    expect(tuned.decide('followUps', { complaint: view(), executedAt: clock.now() }).visits).toEqual([
      { withinWorkingDays: 5 },
      { withinWorkingDays: 2 },
      { withinWorkingDays: 2 },
    ]);
  });

  it('reopens on a low degree of resolution and asks for another follow-up on any other low score', () => {
    const plan = bound.decide('followUps', { complaint: view(), executedAt: clock.now() });
    expect(plan.lowSatisfaction).toEqual({ reopenWhenLow: ['RESOLUTION'], followUpWithinWorkingDays: 2 });
    const tuned = new BoundPlugin(defaultPlugin, { 'default.follow-ups': { reopenWhenLow: ['RESOLUTION', 'PRICE'] } }, clock);
    expect(tuned.decide('followUps', { complaint: view(), executedAt: clock.now() }).lowSatisfaction?.reopenWhenLow).toEqual([
      'RESOLUTION',
      'PRICE',
    ]);
  });

  it('links same-category repeats within 30 days, the edge included, and raises one step above the category default', () => {
    const candidates = [
      { match: 'COMPLAINANT' as const, categoryCode: 'product.quality', hoursBefore: 720 },
      { match: 'ASSET' as const, categoryCode: 'product.quality', hoursBefore: 720.01 },
      { match: 'PRODUCT' as const, categoryCode: 'service', hoursBefore: 1 },
    ];
    expect(bound.decideIfDefined('repeats', { complaint: view(), candidates })).toEqual({ repeats: [0], raisePriorityTo: 'HIGH' });
    expect(bound.decideIfDefined('repeats', { complaint: view(), candidates: candidates.slice(1) })).toEqual({
      repeats: [],
      raisePriorityTo: null,
    });
  });

  it("routes to the category's department, or to nobody", () => {
    expect(bound.decide('route', view({ categoryCode: 'price' }))).toBe('sales');
    expect(bound.decide('route', view({ categoryCode: 'other' }))).toBeNull();
  });

  it('starts the clocks of each stage', () => {
    const stages = (start: 'RECEIVED' | 'ASSIGNED' | 'APPROVED' | 'EXECUTED') =>
      bound.decide('deadlines', { complaint: view(), start, departmentsInvolved: 1 });
    expect(stages('RECEIVED')).toEqual([
      { stage: 'ACKNOWLEDGE', amount: 1, unit: 'hours' },
      { stage: 'ASSESS', amount: 4, unit: 'hours' },
      { stage: 'CLOSE', amount: 7, unit: 'days' },
    ]);
    expect(stages('ASSIGNED')).toEqual([
      { stage: 'INVESTIGATE', amount: 24, unit: 'hours' },
      { stage: 'PROPOSE_RESOLUTION', amount: 48, unit: 'hours' },
    ]);
    expect(stages('APPROVED')).toEqual([{ stage: 'EXECUTE', amount: 72, unit: 'hours' }]);
    expect(stages('EXECUTED')).toEqual([{ stage: 'RESPOND', amount: 24, unit: 'hours' }]);
  });

  it('asks management too from 1000 up and for major complaints', () => {
    const chain = (amount: number | null, major = false) =>
      bound
        .decide('approvalChain', { complaint: view({ major }), resolution: { kind: 'REFUND', amount, currency: 'CNY' } })
        .map((step) => step.role);
    expect(chain(999.99)).toEqual(['supervisor']);
    expect(chain(1000)).toEqual(['supervisor', 'tenant-admin']);
    expect(chain(null)).toEqual(['supervisor']);
    expect(chain(null, true)).toEqual(['supervisor', 'tenant-admin']);
  });

  it('labels every category and reason in both languages; every dotted parent exists', () => {
    const codes = defaultPlugin.categories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of [...defaultPlugin.categories, ...defaultPlugin.rejectionReasons]) {
      expect(item.label.en.trim()).not.toBe('');
      expect(item.label['zh-CN'].trim()).not.toBe('');
    }
    for (const code of codes.filter((c) => c.includes('.'))) expect(codes).toContain(code.split('.')[0]);
  });
});

describe('the plugin host', () => {
  it('refuses a plugin registered twice, a malformed one, or none to fall back on, at start', () => {
    expect(() => new PluginHost([defaultPlugin, defaultPlugin], systemClock)).toThrow(/registered twice/);
    const unlabelled = { ...defaultPlugin, version: '1.0.1', title: { en: 'General', 'zh-CN': '' } };
    expect(() => new PluginHost([defaultPlugin, unlabelled], systemClock)).toThrow(/title has no zh-CN text/);
    const brokenDefaults = {
      ...defaultPlugin,
      version: '1.0.2',
      rules: { ...defaultPlugin.rules, route: { ...defaultPlugin.rules.route, args: z.object({ x: z.number() }) } },
    };
    expect(() => new PluginHost([defaultPlugin, brokenDefaults], systemClock)).toThrow(/rejects its own default arguments/);
    expect(() => new PluginHost([], systemClock)).toThrow(/default plugin must be registered/);
  });

  it('counts working days on the mainland calendar, across the Spring Festival and a make-up Saturday', () => {
    const oneDay = { stage: 'RESPOND' as const, amount: 1, unit: 'workingDays' as const };
    // Friday 13 Feb 2026, 10:00 Shanghai: Saturday 14 Feb is a make-up working day.
    expect(dueAt(new Date('2026-02-13T02:00:00Z'), oneDay, SHANGHAI).toISOString()).toBe('2026-02-14T16:00:00.000Z');
    // From Saturday 14 Feb the holiday runs 15–23 Feb; Tuesday 24 Feb is the next working day.
    expect(dueAt(new Date('2026-02-14T02:00:00Z'), oneDay, SHANGHAI).toISOString()).toBe('2026-02-24T16:00:00.000Z');
  });

  it('counts working days into a year without a holiday schedule on weekends alone, and says so', () => {
    const fiveDays = { stage: 'RESPOND' as const, amount: 5, unit: 'workingDays' as const };
    // Monday 2 March 2099, 10:00 Shanghai: 3, 4, 5, 6 and Monday 9 March.
    const counted = countDue(new Date('2099-03-02T02:00:00Z'), fiveDays, SHANGHAI);
    expect({ dueAt: counted.dueAt.toISOString(), uncoveredYears: counted.uncoveredYears }).toEqual({
      dueAt: '2099-03-09T16:00:00.000Z',
      uncoveredYears: [2099],
    });
  });

  it('counts hours on the clock', () => {
    expect(
      dueAt(new Date('2026-03-02T10:00:00Z'), { stage: 'ACKNOWLEDGE', amount: 1, unit: 'hours' }, tenantCalendar('UTC')).toISOString(),
    ).toBe('2026-03-02T11:00:00.000Z');
  });

  it('counts days without the day of receipt, to the end of the last day in the tenant time zone', () => {
    const close = { stage: 'CLOSE' as const, amount: 7, unit: 'days' as const };
    // 23:59 on 2 March in Shanghai: day 1 is 3 March, the period ends with 9 March (16:00 UTC).
    expect(dueAt(new Date('2026-03-02T15:59:00Z'), close, SHANGHAI).toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // One minute later it is already 3 March there: the period ends a day later.
    expect(dueAt(new Date('2026-03-02T16:00:00Z'), close, SHANGHAI).toISOString()).toBe('2026-03-10T16:00:00.000Z');
  });
});
