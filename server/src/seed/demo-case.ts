import type { Channel, Demand, ResolutionKind, SatisfactionDimension } from '@redress/plugin-api';
import type { RequestContext } from '../context/request-context';
import { toGlobalId } from '../graphql/relay';
import type { DemoDesk, DemoMember } from './demo-desk';
import type { DemoMoment } from './demo-timeline';

/** How far a demo complaint has come when the demo starts. */
export type DemoMilestone =
  | 'RECEIVED'
  | 'ACKNOWLEDGED'
  | 'ASSIGNED'
  | 'INVESTIGATING'
  | 'IN_APPROVAL'
  | 'APPROVED'
  | 'EXECUTED'
  | 'RESPONDED'
  | 'SURVEYED'
  | 'CLOSED';

const ORDER: DemoMilestone[] = [
  'RECEIVED',
  'ACKNOWLEDGED',
  'ASSIGNED',
  'INVESTIGATING',
  'IN_APPROVAL',
  'APPROVED',
  'EXECUTED',
  'RESPONDED',
  'SURVEYED',
  'CLOSED',
];

type Scores = { dimension: SatisfactionDimension; score: number }[];

/** One demo complaint: what was received, and how far, by whom, it was handled. */
export interface DemoCase {
  /** What the case shows (the scenario list the README and tests name). */
  scenario: string;
  received: DemoMoment;
  /** Filed by the complainant on the public form rather than by the agent. */
  viaForm?: boolean;
  channel?: Channel;
  description: string;
  demands: Demand[];
  complainant: { name: string; phone: string };
  fields?: Record<string, unknown>;
  asset?: { name: string; serialNumber?: string; model?: string; warrantyEndsOn?: string };
  category: string;
  /** Who owns it after assignment (a member's local part); the handler unless named. */
  owner?: string;
  /** Escalated by hand after assessment, with this reason. */
  escalate?: string;
  investigation?: { cause: string; course: string; conclusion: string; countermeasures: string; prevention: string };
  resolution?: { kind: ResolutionKind; amount?: number; description: string };
  /** Approval steps decided (approved) before the demo starts; the rest wait. All of them unless given. */
  approved?: number;
  until: DemoMilestone;
  /** The clocks paused after the last step, waiting on the complainant for this. */
  pause?: string;
  survey?: { scores: Scores; comment?: string };
  closingSummary?: string;
  /** Hours between steps are multiplied by this (1: a brisk desk). */
  pace?: number;
}

/** A step of a case at its instant; steps of all cases of a tenant run in the order of their instants. */
export interface DemoStep {
  at: Date;
  run(): Promise<void>;
}

/** Hours after the previous step a step usually comes. */
const GAP = {
  acknowledge: 0.5,
  assess: 2,
  assign: 1,
  investigate: 18,
  propose: 3,
  approve: 3,
  execute: 20,
  respond: 2,
  survey: 26,
  close: 3,
};

const reached = (c: DemoCase, milestone: DemoMilestone) => ORDER.indexOf(c.until) >= ORDER.indexOf(milestone);

/** The steps of a case, each at its instant, sharing the complaint they make. */
export function caseSteps(desk: DemoDesk, c: DemoCase): DemoStep[] {
  const state = { id: '', trackingCode: '' };
  const receivedAt = desk.timeline.instant(c.received);
  let cursor = receivedAt.getTime();
  const steps: DemoStep[] = [];
  const latest = desk.timeline.now.getTime() - 60_000;
  const add = (gapHours: number, run: (at: Date) => Promise<void>) => {
    cursor = Math.min(Math.max(cursor + gapHours * (c.pace ?? 1) * 3_600_000, cursor + 1000), latest);
    const at = new Date(cursor);
    steps.push({ at, run: () => run(at) });
  };
  const change =
    (who: () => DemoMember, work: (ctx: RequestContext, ref: { complaintId: string; expectedVersion: number }) => Promise<unknown>) =>
    async (at: Date) => {
      await desk.as(who(), at, async (ctx) => {
        const [row] = await ctx.db.query<{ version: number }>('SELECT version FROM complaints WHERE id = $1', [state.id]);
        await work(ctx, { complaintId: toGlobalId('Complaint', state.id), expectedVersion: row.version });
      });
    };
  const agent = () => desk.member('agent');
  const supervisor = () => desk.member('supervisor');
  const owner = () => desk.member(c.owner ?? 'handler');
  const { services } = desk;

  steps.push({
    at: receivedAt,
    run: async () => {
      const intake = {
        description: c.description,
        demands: c.demands,
        complainant: c.complainant,
        fields: c.fields ?? {},
        asset: c.asset ?? null,
      };
      if (c.viaForm) {
        const [tenant] = await desk.read((tx) => tx.query<{ slug: string }>('SELECT slug FROM tenants WHERE id = $1', [desk.tenantId]));
        const code = await desk.anonymously(receivedAt, (tx) =>
          services.complaintIntake.submit(tx, { ...intake, tenantSlug: tenant.slug }),
        );
        const [row] = await desk.read((tx) => tx.query<{ id: string }>('SELECT id FROM complaints WHERE tracking_code = $1', [code]));
        Object.assign(state, { id: row.id, trackingCode: code });
      } else {
        const { row } = await desk.as(agent(), receivedAt, (ctx) =>
          services.complaintIntake.file(ctx, { ...intake, channel: c.channel ?? 'PHONE' }),
        );
        Object.assign(state, { id: row.id, trackingCode: row.trackingCode });
      }
    },
  });
  if (!reached(c, 'ACKNOWLEDGED')) return withPause();
  add(
    GAP.acknowledge,
    change(agent, (ctx, ref) => services.complaintLifecycle.acknowledge(ctx, ref)),
  );
  if (c.until === 'ACKNOWLEDGED') return withPause();
  add(
    GAP.assess,
    change(supervisor, (ctx, ref) => services.complaintLifecycle.assess(ctx, { ...ref, decision: 'ACCEPT', categoryCode: c.category })),
  );
  if (c.escalate) {
    const reason = c.escalate;
    add(
      0.5,
      change(supervisor, (ctx, ref) => services.complaintLifecycle.escalate(ctx, { ...ref, reason })),
    );
  }
  if (!reached(c, 'ASSIGNED')) return withPause();
  add(
    GAP.assign,
    change(supervisor, (ctx, ref) => services.complaintLifecycle.assign(ctx, { ...ref, ownerId: toGlobalId('User', owner().userId) })),
  );
  if (!reached(c, 'INVESTIGATING')) return withPause();
  add(
    GAP.investigate,
    change(owner, (ctx, ref) =>
      services.complaintLifecycle.recordInvestigation(ctx, {
        ...ref,
        ...c.investigation!,
        responsibleUserId: toGlobalId('User', owner().userId),
      }),
    ),
  );
  if (!reached(c, 'IN_APPROVAL')) return withPause();
  const resolution = c.resolution!;
  add(
    GAP.propose,
    change(owner, (ctx, ref) =>
      services.complaintLifecycle.proposeResolution(ctx, {
        ...ref,
        kind: resolution.kind,
        amount: resolution.amount ?? null,
        currency: resolution.amount ? 'CNY' : null,
        description: resolution.description,
      }),
    ),
  );
  // Each decision two hours after the one before, by the member holding the role the pending step names.
  const toApprove = c.approved ?? (reached(c, 'APPROVED') ? Number.POSITIVE_INFINITY : 0);
  if (toApprove > 0) {
    add(GAP.approve, async (at) => {
      for (let decided = 0; decided < toApprove; decided++) {
        const role = await pendingRole(desk, state.id);
        if (!role) return;
        const when = new Date(Math.min(at.getTime() + decided * 2 * 3_600_000, latest));
        await change(
          () => desk.holderOf(role),
          (ctx, ref) => services.complaintLifecycle.decideApproval(ctx, { ...ref, decision: 'APPROVE', comment: '同意' }),
        )(when);
      }
    });
    // The chain takes up to three steps: what follows comes after the last decision.
    cursor = Math.min(cursor + 2 * 2 * 3_600_000, latest);
  }
  if (!reached(c, 'EXECUTED')) return withPause();
  add(
    GAP.execute,
    change(owner, (ctx, ref) => services.complaintLifecycle.markExecuted(ctx, ref)),
  );
  if (!reached(c, 'RESPONDED')) return withPause();
  add(
    GAP.respond,
    change(agent, (ctx, ref) =>
      services.complaintLifecycle.respond(ctx, {
        ...ref,
        channel: 'PHONE',
        message: resolution.description,
        customerReaction: '表示认可',
      }),
    ),
  );
  if (reached(c, 'SURVEYED') && c.survey) {
    const survey = c.survey;
    add(GAP.survey, async (at) => {
      const [tenant] = await desk.read((tx) => tx.query<{ slug: string }>('SELECT slug FROM tenants WHERE id = $1', [desk.tenantId]));
      await desk.anonymously(at, (tx) =>
        services.complainantSurveys.answer(tx, {
          tenantSlug: tenant.slug,
          trackingCode: state.trackingCode,
          scores: survey.scores,
          comment: survey.comment ?? null,
        }),
      );
    });
  }
  if (!reached(c, 'CLOSED')) return withPause();
  add(
    GAP.close,
    change(supervisor, (ctx, ref) =>
      services.complaintLifecycle.close(ctx, { ...ref, summary: c.closingSummary ?? resolution.description }),
    ),
  );
  return steps;

  function withPause(): DemoStep[] {
    if (c.pause) {
      const reason = c.pause;
      add(
        1,
        change(agent, (ctx, ref) => services.clocks.pause(ctx, { ...ref, reason })),
      );
    }
    return steps;
  }
}

async function pendingRole(desk: DemoDesk, complaintId: string): Promise<string | null> {
  const [step] = await desk.read((tx) =>
    tx.query<{ role: string }>(
      `SELECT s.role FROM approval_steps s JOIN complaint_resolutions r ON r.tenant_id = s.tenant_id AND r.id = s.resolution_id
        WHERE r.complaint_id = $1 AND r.status = 'PENDING' AND s.decision IS NULL ORDER BY s.position LIMIT 1`,
      [complaintId],
    ),
  );
  return step?.role ?? null;
}
