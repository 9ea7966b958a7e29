import {
  allRules,
  CHANNEL,
  DEADLINE_STAGE,
  PRIORITY,
  SATISFACTION_DIMENSION,
  validatePlugin,
  type ClockStart,
  type ComplaintPlugin,
  type ComplaintView,
  type PenaltyEvent,
} from '@redress/plugin-api';
import { tenantClock } from '../../server/src/plugins/plugin-host';

/**
 * The contract every plugin must pass: sound declarations, valid defaults, labels in both
 * languages, and decisions that are total (an answer for every input the host can give)
 * and deterministic (the same answer twice). Call it from a test file with the plugin.
 */
export function describePluginContract(plugin: ComplaintPlugin): void {
  const clock = tenantClock('Asia/Shanghai', () => new Date('2026-06-15T04:00:00Z'));
  const args = (code: string) => allRules(plugin).find((rule) => rule.code === code)!.args.parse({});
  const views: ComplaintView[] = [];
  for (const categoryCode of [null, ...plugin.categories.map((c) => c.code)]) {
    for (const major of [false, true]) {
      views.push({
        channel: CHANNEL.values[views.length % CHANNEL.values.length],
        status: 'ACKNOWLEDGED',
        demands: ['REFUND'],
        description: 'A complaint',
        categoryCode,
        priority: PRIORITY.values[views.length % PRIORITY.values.length],
        major,
        receivedAt: new Date('2026-06-12T09:30:00Z'),
        executedAt: null,
        closedAt: null,
        fields: {},
        recentComplaintsOfComplainant: views.length % 4,
        sameDayComplaintsOfComplainant: views.length % 3,
      });
    }
  }
  const twice = <T>(run: () => T): T => {
    const first = run();
    expect(run()).toEqual(first);
    return first;
  };

  describe(`plugin contract: ${plugin.id}@${plugin.version}`, () => {
    it('declares itself soundly', () => {
      expect(validatePlugin(plugin)).toEqual([]);
    });

    it('assesses every view with a known priority', () => {
      for (const view of views) {
        const assessment = twice(() => plugin.rules.assess.evaluate(view, args(plugin.rules.assess.code), clock));
        expect(PRIORITY.values).toContain(assessment.priority);
        expect(typeof assessment.major).toBe('boolean');
      }
    });

    it('routes only to departments it declares, or to nobody', () => {
      const declared = plugin.departments.map((d) => d.code);
      for (const view of views) {
        const department = twice(() => plugin.rules.route.evaluate(view, args(plugin.rules.route.code), clock));
        if (department !== null) expect(declared).toContain(department);
      }
    });

    it('sets positive deadlines on known stages for every clock start', () => {
      for (const start of ['RECEIVED', 'ASSIGNED', 'APPROVED', 'EXECUTED'] as ClockStart[]) {
        for (const view of views) {
          for (const departmentsInvolved of [1, 3]) {
            const drafts = twice(() =>
              plugin.rules.deadlines.evaluate({ complaint: view, start, departmentsInvolved }, args(plugin.rules.deadlines.code), clock),
            );
            for (const draft of drafts) {
              expect(DEADLINE_STAGE.values).toContain(draft.stage);
              expect(draft.amount).toBeGreaterThan(0);
              expect(['hours', 'days', 'workingDays']).toContain(draft.unit);
            }
          }
        }
      }
    });

    it('asks at least one declared or core role to approve every resolution', () => {
      const roles = new Set(['tenant-admin', 'supervisor', 'agent', 'handler', ...plugin.roles.map((r) => r.code)]);
      for (const view of views) {
        for (const amount of [null, 0, 499.99, 500, 1000, 5000, 100000]) {
          const chain = twice(() =>
            plugin.rules.approvalChain.evaluate(
              { complaint: view, resolution: { kind: 'COMPENSATION', amount, currency: amount === null ? null : 'CNY' } },
              args(plugin.rules.approvalChain.code),
              clock,
            ),
          );
          expect(chain.length).toBeGreaterThan(0);
          for (const step of chain) {
            expect(roles.has(step.role)).toBe(true);
            expect(step.label.en && step.label['zh-CN']).toBeTruthy();
          }
        }
      }
    });

    it('answers every kind of penalty event, with labelled, non-negative entries', () => {
      for (const view of views) {
        const events: PenaltyEvent[] = [
          { kind: 'DEADLINE_BREACH', complaint: view, stage: 'RESPOND', hoursLate: 30 },
          { kind: 'LOSS_AT_CLOSE', complaint: view, lossAmount: 2000, currency: 'CNY' },
          { kind: 'REFUSAL_TO_RECEIVE', complaint: view },
        ];
        for (const event of events) {
          const drafts = twice(() => plugin.rules.penalties.evaluate(event, args(plugin.rules.penalties.code), clock));
          for (const draft of drafts) {
            expect(draft.points).toBeGreaterThanOrEqual(0);
            if (draft.amount !== null) expect(draft.amount).toBeGreaterThanOrEqual(0);
            expect(draft.reason.en && draft.reason['zh-CN']).toBeTruthy();
          }
        }
      }
    });

    it('plans follow-ups and escalations for every view', () => {
      for (const view of views) {
        const plan = twice(() =>
          plugin.rules.followUps.evaluate({ complaint: view, executedAt: clock.now() }, args(plugin.rules.followUps.code), clock),
        );
        for (const visit of plan.visits) expect(visit.withinWorkingDays).toBeGreaterThan(0);
        const repeats = plugin.rules.repeats;
        if (repeats) {
          const candidates = [
            { match: 'COMPLAINANT' as const, categoryCode: view.categoryCode, hoursBefore: 1 },
            { match: 'PRODUCT' as const, categoryCode: null, hoursBefore: 2000 },
          ];
          const decision = twice(() => repeats.evaluate({ complaint: view, candidates }, args(repeats.code), clock));
          for (const index of decision.repeats) expect(index >= 0 && index < candidates.length).toBe(true);
          if (decision.raisePriorityTo !== null) expect(PRIORITY.values).toContain(decision.raisePriorityTo);
        }
        if (plan.lowSatisfaction) {
          expect(plan.lowSatisfaction.followUpWithinWorkingDays).toBeGreaterThan(0);
          for (const dimension of plan.lowSatisfaction.reopenWhenLow) expect(SATISFACTION_DIMENSION.values).toContain(dimension);
        }
        for (const reason of ['MAJOR', 'DEADLINE_BREACH', 'UNRESOLVED'] as const) {
          const notices = twice(() => plugin.rules.escalation.evaluate({ complaint: view, reason }, args(plugin.rules.escalation.code), clock));
          for (const notice of notices) expect(typeof notice.role).toBe('string');
        }
      }
    });

    it('computes findings without failing, each labelled and cited', () => {
      for (const finding of plugin.findings) {
        for (const view of views) {
          const result = twice(() => finding.evaluate(view, args(finding.code), clock));
          if (result) {
            expect(result.label.en && result.label['zh-CN']).toBeTruthy();
            expect(result.cites).toBeTruthy();
          }
        }
      }
    });
  });
}
