import type { ComplaintView } from '@redress/plugin-api';
import { defaultPolicy } from '../../server/src/policies/default-policy';
import { BoundPolicy, defaultArgs, dueAt, PolicyHost } from '../../server/src/policies/policy-host';

const clock = { now: () => new Date('2026-03-01T00:00:00Z') };
const view = (over: Partial<ComplaintView> = {}): ComplaintView => ({
  channel: 'PHONE',
  status: 'ACKNOWLEDGED',
  demands: [],
  description: 'x',
  categoryCode: 'product.quality',
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-03-01T00:00:00Z'),
  fields: {},
  recentComplaintsOfComplainant: 0,
  ...over,
});
const bound = new BoundPolicy(defaultPolicy, defaultArgs(defaultPolicy));

describe('the default policy', () => {
  it('holds the source numbers as argument defaults', () => {
    expect(defaultArgs(defaultPolicy)).toEqual({
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
    });
  });

  it('assesses priority from the category, safety as major, repeat complainants one step higher', () => {
    expect(bound.decide('assess', view(), clock)).toEqual({ priority: 'NORMAL', major: false });
    expect(bound.decide('assess', view({ categoryCode: 'other' }), clock)).toEqual({ priority: 'LOW', major: false });
    expect(bound.decide('assess', view({ categoryCode: 'product.safety' }), clock)).toEqual({ priority: 'URGENT', major: true });
    expect(bound.decide('assess', view({ recentComplaintsOfComplainant: 1 }), clock).priority).toBe('NORMAL');
    expect(bound.decide('assess', view({ recentComplaintsOfComplainant: 2 }), clock).priority).toBe('HIGH');
  });

  it("uses a tenant's tuned arguments", () => {
    const tuned = new BoundPolicy(defaultPolicy, { 'default.assess': { repeatComplaintsForHigherPriority: 5 } });
    expect(tuned.decide('assess', view({ recentComplaintsOfComplainant: 2 }), clock).priority).toBe('NORMAL');
    expect(tuned.decide('assess', view({ recentComplaintsOfComplainant: 4 }), clock).priority).toBe('HIGH');
  });

  it("routes to the category's department, or to nobody", () => {
    expect(bound.decide('route', view({ categoryCode: 'price' }), clock)).toBe('sales');
    expect(bound.decide('route', view({ categoryCode: 'other' }), clock)).toBeNull();
  });

  it('starts the clocks of each stage', () => {
    const stages = (start: 'RECEIVED' | 'ASSIGNED' | 'APPROVED' | 'EXECUTED') =>
      bound.decide('deadlines', { complaint: view(), start }, clock);
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
        .decide('approvalChain', { complaint: view({ major }), resolution: { kind: 'REFUND', amount, currency: 'CNY' } }, clock)
        .map((step) => step.role);
    expect(chain(999.99)).toEqual(['supervisor']);
    expect(chain(1000)).toEqual(['supervisor', 'tenant-admin']);
    expect(chain(null)).toEqual(['supervisor']);
    expect(chain(null, true)).toEqual(['supervisor', 'tenant-admin']);
  });

  it('labels every category and reason in both languages; every dotted parent exists', () => {
    const codes = defaultPolicy.categories.map((c) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const item of [...defaultPolicy.categories, ...defaultPolicy.rejectionReasons]) {
      expect(item.label.en.trim()).not.toBe('');
      expect(item.label['zh-CN'].trim()).not.toBe('');
    }
    for (const code of codes.filter((c) => c.includes('.'))) expect(codes).toContain(code.split('.')[0]);
  });
});

describe('the policy host', () => {
  it('refuses a policy registered twice, at start', () => {
    expect(() => new PolicyHost([defaultPolicy, defaultPolicy])).toThrow(/registered twice/);
  });

  it('counts hours on the clock', () => {
    expect(dueAt(new Date('2026-03-02T10:00:00Z'), { stage: 'ACKNOWLEDGE', amount: 1, unit: 'hours' }, 'UTC').toISOString()).toBe(
      '2026-03-02T11:00:00.000Z',
    );
  });

  it('counts days without the day of receipt, to the end of the last day in the tenant time zone', () => {
    const close = { stage: 'CLOSE' as const, amount: 7, unit: 'days' as const };
    // 23:59 on 2 March in Shanghai: day 1 is 3 March, the period ends with 9 March (16:00 UTC).
    expect(dueAt(new Date('2026-03-02T15:59:00Z'), close, 'Asia/Shanghai').toISOString()).toBe('2026-03-09T16:00:00.000Z');
    // One minute later it is already 3 March there: the period ends a day later.
    expect(dueAt(new Date('2026-03-02T16:00:00Z'), close, 'Asia/Shanghai').toISOString()).toBe('2026-03-10T16:00:00.000Z');
  });
});
