import { PRIORITY, type ClockStart, type ComplaintStatus, type DeadlineStage, type Priority } from '@redress/plugin-api';
import { Role } from '../identity/roles';
import type { ComplaintEventKind } from './complaint.enums';

/**
 * The complaint state machine (domain §1), as data: for each action, the statuses it may
 * start from, where it leads (a status, or a rule over the facts of the step when that
 * depends on them), who may take it, the stage clocks it starts, meets and ends, and the
 * event it records. Pure; ComplaintChanges applies it under a row lock.
 */

export const FINISHED_STATUSES: readonly ComplaintStatus[] = ['CLOSED', 'WITHDRAWN', 'REJECTED'];

const MANAGERS = [Role.TenantAdmin, Role.Supervisor];
const FRONT_DESK = [Role.TenantAdmin, Role.Supervisor, Role.Agent];
const STAFF = [Role.TenantAdmin, Role.Supervisor, Role.Agent, Role.Handler];

/** Where a step leads from `from`, given its facts; 'UNCHANGED' keeps the status. */
export type Target<Facts> = ComplaintStatus | 'UNCHANGED' | ((from: ComplaintStatus, facts: Facts) => ComplaintStatus);

export interface Step<Facts = void> {
  /** Statuses the action may start from; 'OPEN' is every status but the finished ones. */
  from: readonly ComplaintStatus[] | 'OPEN' | 'ANY';
  to: Target<Facts>;
  /** Roles that may take the action; 'PENDING_STEP' is the role the pending approval step names. */
  roles: readonly string[] | 'PENDING_STEP';
  /** The complaint's owner may take it whatever their roles. */
  ownerMayAct: boolean;
  /** The clocks the plugin sets for a start, started when the step moves the complaint into the status named. */
  starts?: Partial<Record<ComplaintStatus, ClockStart>>;
  /** The stage clocks the step completes. */
  meets?: readonly DeadlineStage[];
  /** Stops every clock still open: nothing is left to wait for. */
  endsClocks?: boolean;
  /** The event the step records. */
  event: ComplaintEventKind | ((facts: Facts) => ComplaintEventKind);
  /** Facts that tell the step's outcomes apart, one of each: a rule's every branch. */
  cases?: readonly Facts[];
  /** The state the complaint's clocks must be in for the step: paused, or running. */
  clocks?: 'PAUSED' | 'RUNNING';
  /** The GraphQL mutation that takes the step, and the input values that choose this step there. */
  mutation: { name: string; preset?: Readonly<Record<string, string>> };
}

const step = <Facts = void>(definition: Step<Facts>): Step<Facts> => definition;

export type ApprovalDecision = 'APPROVE' | 'REJECT' | 'SEND_BACK';

const STEPS = {
  ACKNOWLEDGE: step({
    mutation: { name: 'acknowledgeComplaint' },
    from: ['RECEIVED'],
    to: 'ACKNOWLEDGED',
    roles: FRONT_DESK,
    ownerMayAct: false,
    meets: ['ACKNOWLEDGE'],
    event: 'ACKNOWLEDGED',
  }),
  ACCEPT: step({
    mutation: { name: 'assessComplaint', preset: { decision: 'ACCEPT' } },
    from: ['ACKNOWLEDGED'],
    to: 'ACCEPTED',
    roles: MANAGERS,
    ownerMayAct: false,
    meets: ['ASSESS'],
    event: 'ACCEPTED',
  }),
  REJECT: step({
    mutation: { name: 'assessComplaint', preset: { decision: 'REJECT' } },
    from: ['ACKNOWLEDGED'],
    to: 'REJECTED',
    roles: MANAGERS,
    ownerMayAct: false,
    meets: ['ASSESS', 'CLOSE'],
    endsClocks: true,
    event: 'REJECTED',
  }),
  // The first assignment; afterwards the hand-over between people and departments while the work goes on.
  ASSIGN: step({
    mutation: { name: 'assignComplaint' },
    from: ['ACCEPTED', 'ASSIGNED', 'INVESTIGATING', 'SENT_BACK', 'APPROVED'],
    to: (from) => (from === 'ACCEPTED' ? 'ASSIGNED' : from),
    roles: MANAGERS,
    ownerMayAct: true,
    starts: { ASSIGNED: 'ASSIGNED' },
    event: 'ASSIGNED',
  }),
  RECORD_INVESTIGATION: step({
    mutation: { name: 'recordInvestigation' },
    from: ['ASSIGNED', 'INVESTIGATING', 'SENT_BACK'],
    to: 'INVESTIGATING',
    roles: MANAGERS,
    ownerMayAct: true,
    meets: ['INVESTIGATE'],
    event: 'INVESTIGATION_RECORDED',
  }),
  // A resolution the plugin asks no approval for is approved as proposed.
  PROPOSE_RESOLUTION: step<{ approvalSteps: number }>({
    mutation: { name: 'proposeResolution' },
    from: ['INVESTIGATING', 'SENT_BACK'],
    to: (_, { approvalSteps }) => (approvalSteps > 0 ? 'RESOLUTION_PROPOSED' : 'APPROVED'),
    roles: MANAGERS,
    ownerMayAct: true,
    starts: { APPROVED: 'APPROVED' },
    meets: ['PROPOSE_RESOLUTION'],
    event: 'RESOLUTION_PROPOSED',
    cases: [{ approvalSteps: 0 }, { approvalSteps: 1 }],
  }),
  // A rejected resolution is void: the handler investigates again and proposes anew.
  DECIDE_APPROVAL: step<{ decision: ApprovalDecision; stepsStillPending: number }>({
    mutation: { name: 'decideApproval' },
    from: ['RESOLUTION_PROPOSED', 'IN_APPROVAL'],
    to: (_, { decision, stepsStillPending }) =>
      decision === 'SEND_BACK'
        ? 'SENT_BACK'
        : decision === 'REJECT'
          ? 'INVESTIGATING'
          : stepsStillPending === 0
            ? 'APPROVED'
            : 'IN_APPROVAL',
    roles: 'PENDING_STEP',
    ownerMayAct: false,
    starts: { APPROVED: 'APPROVED' },
    event: 'APPROVAL_DECIDED',
    cases: [
      { decision: 'APPROVE', stepsStillPending: 1 },
      { decision: 'APPROVE', stepsStillPending: 0 },
      { decision: 'SEND_BACK', stepsStillPending: 1 },
      { decision: 'REJECT', stepsStillPending: 1 },
    ],
  }),
  MARK_EXECUTED: step({
    mutation: { name: 'markResolutionExecuted' },
    from: ['APPROVED'],
    to: 'EXECUTED',
    roles: MANAGERS,
    ownerMayAct: true,
    starts: { EXECUTED: 'EXECUTED' },
    meets: ['EXECUTE'],
    event: 'EXECUTED',
  }),
  RESPOND: step({
    mutation: { name: 'respondToComplainant' },
    from: ['EXECUTED'],
    to: 'RESPONDED',
    roles: FRONT_DESK,
    ownerMayAct: true,
    meets: ['RESPOND'],
    event: 'RESPONDED',
  }),
  // Scores given by staff on a follow-up visit or call, or by the complainant through the tracking code.
  RECORD_FOLLOW_UP: step<{ answeredBy: 'STAFF' | 'COMPLAINANT' }>({
    mutation: { name: 'recordFollowUp' },
    from: ['RESPONDED', 'FOLLOW_UP'],
    to: 'FOLLOW_UP',
    roles: FRONT_DESK,
    ownerMayAct: true,
    event: ({ answeredBy }) => (answeredBy === 'STAFF' ? 'FOLLOW_UP_RECORDED' : 'SURVEY_ANSWERED'),
    cases: [{ answeredBy: 'STAFF' }, { answeredBy: 'COMPLAINANT' }],
  }),
  CLOSE: step({
    mutation: { name: 'closeComplaint' },
    from: ['RESPONDED', 'FOLLOW_UP'],
    to: 'CLOSED',
    roles: MANAGERS,
    ownerMayAct: false,
    meets: ['CLOSE'],
    endsClocks: true,
    event: 'CLOSED',
  }),
  // Back to the owner's investigation, or to assessment when it has none; also the plugin's
  // answer to a low satisfaction score.
  REOPEN: step<{ hasOwner: boolean }>({
    mutation: { name: 'reopenComplaint' },
    from: ['RESPONDED', 'FOLLOW_UP', 'CLOSED', 'REJECTED'],
    to: (_, { hasOwner }) => (hasOwner ? 'INVESTIGATING' : 'ACKNOWLEDGED'),
    roles: FRONT_DESK,
    ownerMayAct: false,
    starts: { INVESTIGATING: 'ASSIGNED' },
    event: 'REOPENED',
    cases: [{ hasOwner: true }, { hasOwner: false }],
  }),
  ESCALATE: step({
    mutation: { name: 'escalateComplaint' },
    from: 'OPEN',
    to: 'UNCHANGED',
    roles: STAFF,
    ownerMayAct: true,
    event: 'ESCALATED',
  }),
  WITHDRAW: step({
    mutation: { name: 'withdrawComplaint' },
    from: 'OPEN',
    to: 'WITHDRAWN',
    roles: FRONT_DESK,
    ownerMayAct: false,
    endsClocks: true,
    event: 'WITHDRAWN',
  }),
  ADD_NOTE: step({ mutation: { name: 'addNote' }, from: 'ANY', to: 'UNCHANGED', roles: STAFF, ownerMayAct: true, event: 'NOTE_ADDED' }),
  // Industry fields stay correctable after closing: new facts reopen a hospital complaint.
  UPDATE_FIELDS: step({
    mutation: { name: 'updateComplaintFields' },
    from: 'ANY',
    to: 'UNCHANGED',
    roles: STAFF,
    ownerMayAct: true,
    event: 'FIELDS_UPDATED',
  }),
  // While waiting on the complainant: one pause at a time, and a resume only after one.
  PAUSE_CLOCK: step({
    clocks: 'RUNNING',
    mutation: { name: 'pauseClock' },
    from: 'OPEN',
    to: 'UNCHANGED',
    roles: FRONT_DESK,
    ownerMayAct: true,
    event: 'CLOCK_PAUSED',
  }),
  RESUME_CLOCK: step({
    clocks: 'PAUSED',
    mutation: { name: 'resumeClock' },
    from: 'OPEN',
    to: 'UNCHANGED',
    roles: FRONT_DESK,
    ownerMayAct: true,
    event: 'CLOCK_RESUMED',
  }),
  // First-receiver responsibility: whoever learns that a colleague refused to receive the complaint records it.
  RECORD_REFUSAL: step({
    mutation: { name: 'recordRefusalToReceive' },
    from: 'ANY',
    to: 'UNCHANGED',
    roles: FRONT_DESK,
    ownerMayAct: true,
    event: 'REFUSAL_RECORDED',
  }),
};

export type LifecycleAction = keyof typeof STEPS;

/** The facts a step's rules read; void for a step that needs none. */
export type FactsOf<A extends LifecycleAction> = (typeof STEPS)[A] extends Step<infer Facts> ? Facts : never;

/** The table, each step seen through its own facts. */
export const LIFECYCLE: { readonly [A in LifecycleAction]: Step<FactsOf<A>> } = STEPS;
export const LIFECYCLE_ACTIONS = Object.keys(LIFECYCLE) as LifecycleAction[];

/** How a caller hands an action its facts: only the steps whose rules read some take them. */
export type StepFacts<A extends LifecycleAction> = [FactsOf<A>] extends [void] ? { facts?: undefined } : { facts: FactsOf<A> };

export interface Actor {
  roles: ReadonlySet<string>;
  isOwner: boolean;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'STATE' | 'ROLE'; message: string };

export function mayStartFrom(action: LifecycleAction, status: ComplaintStatus): boolean {
  const { from } = LIFECYCLE[action];
  if (from === 'ANY') return true;
  if (from === 'OPEN') return !FINISHED_STATUSES.includes(status);
  return from.includes(status);
}

/**
 * Checks an action against the complaint's status, the actor, then the clocks; `stepRole`
 * only for approvals, `clockPaused` where known (a step that names a clock state needs it).
 */
export function checkTransition(
  action: LifecycleAction,
  status: ComplaintStatus,
  actor: Actor,
  stepRole?: string,
  clockPaused?: boolean,
): TransitionCheck {
  if (!mayStartFrom(action, status)) {
    return { ok: false, reason: 'STATE', message: `A complaint in status ${status} cannot take the action ${action}` };
  }
  const rule = LIFECYCLE[action];
  const roles = rule.roles === 'PENDING_STEP' ? (stepRole ? [stepRole] : []) : rule.roles;
  if (!(rule.ownerMayAct && actor.isOwner) && !roles.some((role) => actor.roles.has(role))) {
    return { ok: false, reason: 'ROLE', message: `${action} needs one of the roles: ${roles.join(', ') || '(none)'}` };
  }
  if (rule.clocks && clockPaused !== undefined && clockPaused !== (rule.clocks === 'PAUSED')) {
    const message = clockPaused ? 'The clocks of this complaint are already paused' : 'The clocks of this complaint are not paused';
    return { ok: false, reason: 'STATE', message };
  }
  return { ok: true };
}

/** The status an action leads to from `from`, given its facts. */
export function leadsTo<A extends LifecycleAction>(action: A, from: ComplaintStatus, facts: FactsOf<A>): ComplaintStatus {
  const { to } = LIFECYCLE[action];
  if (to === 'UNCHANGED') return from;
  return typeof to === 'function' ? to(from, facts) : to;
}

/** The event kind an action records, given its facts. */
export function eventOf<A extends LifecycleAction>(action: A, facts: FactsOf<A>): ComplaintEventKind {
  const { event } = LIFECYCLE[action];
  return typeof event === 'function' ? event(facts) : event;
}

/** The clocks to start when the action moved the complaint from `from` to `to`, if any. */
export function clocksStarted(action: LifecycleAction, from: ComplaintStatus, to: ComplaintStatus): ClockStart | null {
  if (from === to) return null;
  return LIFECYCLE[action].starts?.[to] ?? null;
}

/** The most urgent of the given priorities (PRIORITY lists them from low to urgent). */
export function highestPriority(priorities: (Priority | null)[]): Priority {
  return priorities.filter((p) => p !== null).reduce((a, b) => (PRIORITY.values.indexOf(a) >= PRIORITY.values.indexOf(b) ? a : b));
}

/** What a viewer may do with a complaint now, beyond its status and their roles. */
export interface ActionState {
  /** The role the waiting approval step names, when a resolution waits for approval. */
  stepRole?: string;
  /** Whether the complaint's clocks are paused. */
  clockPaused: boolean;
}

/**
 * The actions `actor` may take on a complaint in `status` now, in the table's order: the
 * checks the mutations make before they change anything (status, roles or ownership, clocks).
 */
export function availableActions(status: ComplaintStatus, actor: Actor, state: ActionState): LifecycleAction[] {
  return LIFECYCLE_ACTIONS.filter((action) => checkTransition(action, status, actor, state.stepRole, state.clockPaused).ok);
}
