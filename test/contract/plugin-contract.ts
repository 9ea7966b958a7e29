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
  type PluginSamples,
  type SampleView,
} from '@redress/plugin-api';
import { tenantClock } from '../../server/src/plugins/plugin-host';

/**
 * The contract every plugin must pass: sound declarations, valid defaults, labels in both
 * languages, and decisions that are total (an answer for every input the host can give)
 * and deterministic (the same answer twice); and, over the sample complaints the plugin
 * declares, every finding applies at least once, labelled and cited, and every rule has
 * something to decide. Call it from a test file with the plugin and its samples.
 */
export function describePluginContract(plugin: ComplaintPlugin, samples: PluginSamples): void {
  const clock = tenantClock('Asia/Shanghai', () => new Date('2026-06-15T04:00:00Z'));
  const args = (code: string) =>
    allRules(plugin)
      .find((rule) => rule.code === code)!
      .args.parse({});
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
          const notices = twice(() =>
            plugin.rules.escalation.evaluate({ complaint: view, reason }, args(plugin.rules.escalation.code), clock),
          );
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

  describeSamples(plugin, samples, args, twice);
}

const BASE_SAMPLE: ComplaintView = {
  channel: 'PHONE',
  status: 'INVESTIGATING',
  demands: [],
  description: 'A sample complaint',
  categoryCode: null,
  priority: 'NORMAL',
  major: false,
  receivedAt: new Date('2026-06-12T02:00:00Z'),
  executedAt: null,
  closedAt: null,
  fields: {},
  recentComplaintsOfComplainant: 0,
  sameDayComplaintsOfComplainant: 0,
};

function sampleView({ name: _name, settled: _settled, ...view }: SampleView): ComplaintView {
  return { ...BASE_SAMPLE, ...view };
}

/** The plugin's own samples: each finding must apply under one, each rule must decide something. */
function describeSamples(
  plugin: ComplaintPlugin,
  samples: PluginSamples,
  args: (code: string) => unknown,
  twice: <T>(run: () => T) => T,
): void {
  const clock = tenantClock(samples.timeZone, () => new Date(samples.now));
  // A year and a half later: a settled sample's findings must read the same.
  const later = tenantClock(samples.timeZone, () => new Date(Date.parse(samples.now) + 550 * 86_400_000));
  const views = samples.views.map((sample) => ({ sample, view: sampleView(sample) }));
  const declaredRoles = new Set(['tenant-admin', 'supervisor', 'agent', 'handler', ...plugin.roles.map((r) => r.code)]);

  describe(`plugin samples: ${plugin.id}@${plugin.version}`, () => {
    it('declares samples that are valid complaints of the plugin', () => {
      expect(samples.views.length).toBeGreaterThan(0);
      for (const { sample, view } of views) {
        if (view.categoryCode !== null)
          expect({ sample: sample.name, known: plugin.categories.some((c) => c.code === view.categoryCode) }).toEqual({
            sample: sample.name,
            known: true,
          });
        for (const [key, value] of Object.entries(view.fields)) {
          const field = plugin.intakeFields.find((f) => f.key === key);
          expect({ sample: sample.name, key, declared: field !== undefined }).toEqual({ sample: sample.name, key, declared: true });
          expect({ sample: sample.name, key, valid: field!.schema.safeParse(value).success }).toEqual({
            sample: sample.name,
            key,
            valid: true,
          });
        }
      }
    });

    const findings = plugin.findings.map((finding) => [finding.code, finding] as const);
    if (findings.length === 0) it('has no findings to sample', () => expect(plugin.findings).toEqual([]));
    else
      it.each(findings)('finding %s applies under a sample, labelled and cited', (_code, finding) => {
        let applied = 0;
        for (const { sample, view } of views) {
          const result = twice(() => finding.evaluate(view, args(finding.code), clock));
          if (!result) continue;
          applied += 1;
          expect(result.code.startsWith(finding.code)).toBe(true);
          expect(result.label.en.trim() && result.label['zh-CN'].trim()).toBeTruthy();
          expect(result.cites.trim()).toBeTruthy();
          expect(typeof result.details).toBe('object');
          // Periods are measured to the complaint's own dates, not to the day the rule runs.
          if (sample.settled)
            expect({ sample: sample.name, later: finding.evaluate(view, args(finding.code), later) }).toEqual({
              sample: sample.name,
              later: result,
            });
        }
        expect({ finding: finding.code, applied: applied > 0 }).toEqual({ finding: finding.code, applied: true });
      });

    it('assesses, routes and sets clocks for every sample', () => {
      const routed = new Set<string>();
      let major = false;
      for (const { view } of views) {
        const assessment = twice(() => plugin.rules.assess.evaluate(view, args(plugin.rules.assess.code), clock));
        expect(PRIORITY.values).toContain(assessment.priority);
        major ||= assessment.major;
        const department = twice(() => plugin.rules.route.evaluate(view, args(plugin.rules.route.code), clock));
        if (department !== null) {
          expect(plugin.departments.map((d) => d.code)).toContain(department);
          routed.add(department);
        }
        const received = plugin.rules.deadlines.evaluate(
          { complaint: view, start: 'RECEIVED', departmentsInvolved: 1 },
          args(plugin.rules.deadlines.code),
          clock,
        );
        expect(received.length).toBeGreaterThan(0);
      }
      expect(routed.size).toBeGreaterThan(0);
      // Every plugin knows the major path: some sample, or a view marked major, is major.
      const marked = plugin.rules.assess.evaluate({ ...views[0].view, major: true }, args(plugin.rules.assess.code), clock);
      expect(major || marked.major).toBe(true);
    });

    it('names declared roles to approve, to tell on escalation, and to charge', () => {
      for (const { view } of views) {
        const chain = plugin.rules.approvalChain.evaluate(
          { complaint: view, resolution: { kind: 'COMPENSATION', amount: 1000, currency: 'CNY' } },
          args(plugin.rules.approvalChain.code),
          clock,
        );
        expect(chain.length).toBeGreaterThan(0);
        for (const step of chain) expect(declaredRoles.has(step.role)).toBe(true);
        const major = plugin.rules.escalation.evaluate(
          { complaint: { ...view, major: true }, reason: 'MAJOR' },
          args(plugin.rules.escalation.code),
          clock,
        );
        expect(major.length).toBeGreaterThan(0);
        for (const notice of major) {
          expect(declaredRoles.has(notice.role)).toBe(true);
          if (notice.raisePriorityTo !== null) expect(PRIORITY.values).toContain(notice.raisePriorityTo);
          // A department the notice narrows it to is one the plugin declares (seeded on install).
          if (notice.department) expect(plugin.departments.map((d) => d.code)).toContain(notice.department);
        }
      }
      const charged = views.flatMap(({ view }) =>
        (['breach', 'loss', 'refusal'] as const).flatMap((kind) => {
          const event: PenaltyEvent =
            kind === 'breach'
              ? { kind: 'DEADLINE_BREACH', complaint: view, stage: 'CLOSE', hoursLate: 5 }
              : kind === 'loss'
                ? { kind: 'LOSS_AT_CLOSE', complaint: view, lossAmount: 1000, currency: 'CNY' }
                : { kind: 'REFUSAL_TO_RECEIVE', complaint: view };
          return plugin.rules.penalties.evaluate(event, args(plugin.rules.penalties.code), clock);
        }),
      );
      expect(charged.length).toBeGreaterThan(0);
    });

    it('plans follow-up visits for every sample', () => {
      for (const { view } of views) {
        const plan = plugin.rules.followUps.evaluate(
          { complaint: view, executedAt: new Date(samples.now) },
          args(plugin.rules.followUps.code),
          clock,
        );
        expect(plan.visits.length).toBeGreaterThan(0);
      }
    });

    const repeats = plugin.rules.repeats;
    if (repeats) {
      it(`rule ${repeats.code} finds a repeat among the sample candidates`, () => {
        const candidates = samples.repeatCandidates ?? [];
        let found = 0;
        for (const { view } of views) {
          const decision = twice(() => repeats.evaluate({ complaint: view, candidates }, args(repeats.code), clock));
          for (const index of decision.repeats) expect(index >= 0 && index < candidates.length).toBe(true);
          if (decision.raisePriorityTo !== null) expect(PRIORITY.values).toContain(decision.raisePriorityTo);
          found += decision.repeats.length;
        }
        expect(found).toBeGreaterThan(0);
      });
    }

    const monthlyReport = plugin.rules.monthlyReport;
    if (monthlyReport) {
      it(`rule ${monthlyReport.code} plans a report with declared roles, due on a day every month has`, () => {
        const months = samples.months ?? [];
        expect(months.length).toBeGreaterThan(0);
        for (const month of months) {
          const plan = twice(() => monthlyReport.evaluate({ month }, args(monthlyReport.code), clock));
          expect(Number.isInteger(plan.dueByDayOfNextMonth) && plan.dueByDayOfNextMonth >= 1 && plan.dueByDayOfNextMonth <= 28).toBe(true);
          if (plan.preparedBy !== null) expect(declaredRoles.has(plan.preparedBy)).toBe(true);
          expect(plan.addressedTo.length).toBeGreaterThan(0);
          for (const role of plan.addressedTo) expect(declaredRoles.has(role)).toBe(true);
        }
      });
    }
  });
}
