import { PRIORITY, type ComplaintStatus, type Priority } from '@redress/plugin-api';
import { Role } from '../identity/roles';

/**
 * The complaint state machine (domain §1), as data: which action may start from which
 * status, who may take it, and where it leads. Pure; the service applies it under a row lock.
 */
export type LifecycleAction =
  | 'ACKNOWLEDGE'
  | 'ACCEPT'
  | 'REJECT'
  | 'ASSIGN'
  | 'RECORD_INVESTIGATION'
  | 'PROPOSE_RESOLUTION'
  | 'DECIDE_APPROVAL'
  | 'MARK_EXECUTED'
  | 'RESPOND'
  | 'RECORD_FOLLOW_UP'
  | 'CLOSE'
  | 'REOPEN'
  | 'ESCALATE'
  | 'WITHDRAW'
  | 'ADD_NOTE'
  | 'UPDATE_FIELDS'
  | 'PAUSE_CLOCK'
  | 'RESUME_CLOCK'
  | 'RECORD_REFUSAL';

export const FINISHED_STATUSES: readonly ComplaintStatus[] = ['CLOSED', 'WITHDRAWN', 'REJECTED'];

const MANAGERS = [Role.TenantAdmin, Role.Supervisor];
const FRONT_DESK = [Role.TenantAdmin, Role.Supervisor, Role.Agent];
const STAFF = [Role.TenantAdmin, Role.Supervisor, Role.Agent, Role.Handler];

interface TransitionRule {
  /** Statuses the action may start from; 'OPEN' is every status but the finished ones. */
  from: readonly ComplaintStatus[] | 'OPEN' | 'ANY';
  /** Roles that may take the action; for DECIDE_APPROVAL the pending step names the role. */
  roles: readonly string[];
  /** The complaint's owner may take it whatever their roles. */
  ownerMayAct: boolean;
}

export const TRANSITIONS: Record<LifecycleAction, TransitionRule> = {
  ACKNOWLEDGE: { from: ['RECEIVED'], roles: FRONT_DESK, ownerMayAct: false },
  ACCEPT: { from: ['ACKNOWLEDGED'], roles: MANAGERS, ownerMayAct: false },
  REJECT: { from: ['ACKNOWLEDGED'], roles: MANAGERS, ownerMayAct: false },
  // Also the hand-over between people and departments while the work goes on.
  ASSIGN: { from: ['ACCEPTED', 'ASSIGNED', 'INVESTIGATING', 'SENT_BACK', 'APPROVED'], roles: MANAGERS, ownerMayAct: true },
  RECORD_INVESTIGATION: { from: ['ASSIGNED', 'INVESTIGATING', 'SENT_BACK'], roles: MANAGERS, ownerMayAct: true },
  PROPOSE_RESOLUTION: { from: ['INVESTIGATING', 'SENT_BACK'], roles: MANAGERS, ownerMayAct: true },
  DECIDE_APPROVAL: { from: ['RESOLUTION_PROPOSED', 'IN_APPROVAL'], roles: [], ownerMayAct: false },
  MARK_EXECUTED: { from: ['APPROVED'], roles: MANAGERS, ownerMayAct: true },
  RESPOND: { from: ['EXECUTED'], roles: FRONT_DESK, ownerMayAct: true },
  RECORD_FOLLOW_UP: { from: ['RESPONDED', 'FOLLOW_UP'], roles: FRONT_DESK, ownerMayAct: true },
  CLOSE: { from: ['RESPONDED', 'FOLLOW_UP'], roles: MANAGERS, ownerMayAct: false },
  REOPEN: { from: ['RESPONDED', 'FOLLOW_UP', 'CLOSED', 'REJECTED'], roles: FRONT_DESK, ownerMayAct: false },
  ESCALATE: { from: 'OPEN', roles: STAFF, ownerMayAct: true },
  WITHDRAW: { from: 'OPEN', roles: FRONT_DESK, ownerMayAct: false },
  ADD_NOTE: { from: 'ANY', roles: STAFF, ownerMayAct: true },
  // Industry fields stay correctable after closing: new facts reopen a hospital complaint.
  UPDATE_FIELDS: { from: 'ANY', roles: STAFF, ownerMayAct: true },
  // While waiting on the complainant; the service refuses a second pause or a resume without one.
  PAUSE_CLOCK: { from: 'OPEN', roles: FRONT_DESK, ownerMayAct: true },
  RESUME_CLOCK: { from: 'OPEN', roles: FRONT_DESK, ownerMayAct: true },
  // First-receiver responsibility: whoever learns that a colleague refused to receive the complaint records it.
  RECORD_REFUSAL: { from: 'ANY', roles: FRONT_DESK, ownerMayAct: true },
};

export interface Actor {
  roles: ReadonlySet<string>;
  isOwner: boolean;
}

export type TransitionCheck = { ok: true } | { ok: false; reason: 'STATE' | 'ROLE'; message: string };

export function mayStartFrom(action: LifecycleAction, status: ComplaintStatus): boolean {
  const { from } = TRANSITIONS[action];
  if (from === 'ANY') return true;
  if (from === 'OPEN') return !FINISHED_STATUSES.includes(status);
  return from.includes(status);
}

/** Checks an action against the complaint's status and the actor; `stepRole` only for approvals. */
export function checkTransition(
  action: LifecycleAction,
  status: ComplaintStatus,
  actor: Actor,
  stepRole?: string,
): TransitionCheck {
  if (!mayStartFrom(action, status)) {
    return { ok: false, reason: 'STATE', message: `A complaint in status ${status} cannot take the action ${action}` };
  }
  const rule = TRANSITIONS[action];
  const roles = action === 'DECIDE_APPROVAL' ? (stepRole ? [stepRole] : []) : rule.roles;
  if ((rule.ownerMayAct && actor.isOwner) || roles.some((role) => actor.roles.has(role))) return { ok: true };
  return { ok: false, reason: 'ROLE', message: `${action} needs one of the roles: ${roles.join(', ') || '(none)'}` };
}

export type ApprovalDecision = 'APPROVE' | 'REJECT' | 'SEND_BACK';

/** Where a decision on an approval step leads. */
export function statusAfterDecision(decision: ApprovalDecision, stepsStillPending: number): ComplaintStatus {
  if (decision === 'SEND_BACK') return 'SENT_BACK';
  // A rejected resolution is void: the handler investigates again and proposes anew.
  if (decision === 'REJECT') return 'INVESTIGATING';
  return stepsStillPending === 0 ? 'APPROVED' : 'IN_APPROVAL';
}

/** A reopened complaint goes back to its owner's investigation, or to assessment when it has none. */
export function statusAfterReopen(hasOwner: boolean): ComplaintStatus {
  return hasOwner ? 'INVESTIGATING' : 'ACKNOWLEDGED';
}

/** The stage clocks an action completes. */
export const DEADLINES_MET_BY: Partial<Record<LifecycleAction, readonly string[]>> = {
  ACKNOWLEDGE: ['ACKNOWLEDGE'],
  ACCEPT: ['ASSESS'],
  REJECT: ['ASSESS', 'CLOSE'],
  RECORD_INVESTIGATION: ['INVESTIGATE'],
  PROPOSE_RESOLUTION: ['PROPOSE_RESOLUTION'],
  MARK_EXECUTED: ['EXECUTE'],
  RESPOND: ['RESPOND'],
  CLOSE: ['CLOSE'],
};

/** The most urgent of the given priorities (PRIORITY lists them from low to urgent). */
export function highestPriority(priorities: (Priority | null)[]): Priority {
  return priorities.filter((p) => p !== null).reduce((a, b) => (PRIORITY.values.indexOf(a) >= PRIORITY.values.indexOf(b) ? a : b));
}
