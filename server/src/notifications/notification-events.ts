import { registerEnumType } from 'type-graphql';
import { EVENT_KINDS, type ComplaintEventKind } from '../complaints/complaint.enums';

/**
 * What people are told of, and to whom each kind goes: staff (a member's inbox and mail) or
 * the complainant (mail, when they gave an address and consented).
 */
export const NOTIFICATION_EVENTS = {
  COMPLAINT_ASSIGNED: 'STAFF',
  APPROVAL_REQUESTED: 'STAFF',
  DEADLINE_DUE_SOON: 'STAFF',
  DEADLINE_BREACHED: 'STAFF',
  COMPLAINT_ESCALATED: 'STAFF',
  PENALTY_CHARGED: 'STAFF',
  MONTHLY_REPORT_READY: 'STAFF',
  COMPLAINT_RECEIVED: 'COMPLAINANT',
  COMPLAINT_ACKNOWLEDGED: 'COMPLAINANT',
  COMPLAINT_REJECTED: 'COMPLAINANT',
  COMPLAINT_ANSWERED: 'COMPLAINANT',
  SURVEY_INVITATION: 'COMPLAINANT',
} as const;

export type NotificationEvent = keyof typeof NOTIFICATION_EVENTS;
export const NOTIFICATION_EVENT_NAMES = Object.keys(NOTIFICATION_EVENTS) as NotificationEvent[];
export const STAFF_EVENTS = NOTIFICATION_EVENT_NAMES.filter((event) => NOTIFICATION_EVENTS[event] === 'STAFF');

export const NotificationEventEnum = Object.fromEntries(NOTIFICATION_EVENT_NAMES.map((name) => [name, name])) as {
  [K in NotificationEvent]: K;
};
registerEnumType(NotificationEventEnum, {
  name: 'NotificationEvent',
  description: 'What a notification tells of',
  valuesConfig: {
    COMPLAINT_ASSIGNED: { description: 'Staff: a complaint was assigned to the recipient' },
    APPROVAL_REQUESTED: { description: "Staff: an approval step waits on one of the recipient's roles" },
    DEADLINE_DUE_SOON: { description: "Staff: a clock of the recipient's complaint is about to run out" },
    DEADLINE_BREACHED: { description: "Staff: a clock of the recipient's complaint ran out" },
    COMPLAINT_ESCALATED: { description: "Staff: the plugin's escalation names the recipient's role" },
    PENALTY_CHARGED: { description: 'Staff: a penalty was charged to the recipient' },
    MONTHLY_REPORT_READY: { description: "Staff: a monthly report addressed to the recipient's role was made" },
    COMPLAINT_RECEIVED: { description: 'Complainant: receipt with the tracking code' },
    COMPLAINT_ACKNOWLEDGED: { description: 'Complainant: the complaint was acknowledged' },
    COMPLAINT_REJECTED: { description: 'Complainant: not accepted, with the reason and where to turn' },
    COMPLAINT_ANSWERED: { description: 'Complainant: the answer' },
    SURVEY_INVITATION: { description: 'Complainant: invitation to the satisfaction survey' },
  },
});

export type Audience = 'STAFF' | 'COMPLAINANT';

/** The variables each event's templates may use (Mustache names; sections over them allowed). */
const COMPLAINT_VARIABLES = ['organization', 'complaint.number', 'complaint.trackingCode', 'complaint.status', 'complaint.priority'];
export const TEMPLATE_VARIABLES: Record<NotificationEvent, string[]> = {
  COMPLAINT_ASSIGNED: [...COMPLAINT_VARIABLES, 'complaint.description', 'assignedBy'],
  APPROVAL_REQUESTED: [...COMPLAINT_VARIABLES, 'step', 'resolution.kind', 'resolution.amount', 'resolution.currency'],
  DEADLINE_DUE_SOON: [...COMPLAINT_VARIABLES, 'stage', 'dueAt'],
  DEADLINE_BREACHED: [...COMPLAINT_VARIABLES, 'stage', 'dueAt'],
  COMPLAINT_ESCALATED: [...COMPLAINT_VARIABLES, 'reason', 'role'],
  PENALTY_CHARGED: [...COMPLAINT_VARIABLES, 'penalty.reason', 'penalty.points', 'penalty.amount', 'penalty.currency'],
  MONTHLY_REPORT_READY: ['organization', 'report.month', 'report.dueAt'],
  COMPLAINT_RECEIVED: [...COMPLAINT_VARIABLES],
  COMPLAINT_ACKNOWLEDGED: [...COMPLAINT_VARIABLES],
  COMPLAINT_REJECTED: [...COMPLAINT_VARIABLES, 'rejection.reason', 'rejection.guidance'],
  COMPLAINT_ANSWERED: [...COMPLAINT_VARIABLES, 'answer'],
  SURVEY_INVITATION: [...COMPLAINT_VARIABLES],
};

/**
 * Webhook event types: `complaint.<kind>` for every timeline event (lower case, e.g.
 * `complaint.closed`), and the staff alerts a tenant's own systems may want. An endpoint
 * names exact types, `complaint.*`, or `*` for all.
 */
export const COMPLAINT_WEBHOOK_TYPES = (Object.keys(EVENT_KINDS) as ComplaintEventKind[]).map((kind) => complaintWebhookType(kind));
export const OTHER_WEBHOOK_TYPES = ['approval.requested', 'deadline.due_soon', 'penalty.charged', 'report.published'] as const;
export const WEBHOOK_EVENT_TYPES: string[] = [...COMPLAINT_WEBHOOK_TYPES, ...OTHER_WEBHOOK_TYPES];

export function complaintWebhookType(kind: ComplaintEventKind): string {
  return `complaint.${kind.toLowerCase()}`;
}

/** Whether an endpoint subscribed to `patterns` receives an event of `type`. */
export function webhookPatternMatches(pattern: string, type: string): boolean {
  if (pattern === '*' || pattern === type) return true;
  return pattern.endsWith('.*') && type.startsWith(pattern.slice(0, -1));
}

/** A pattern an endpoint may subscribe to: a known type, a known family with `.*`, or `*`. */
export function isWebhookPattern(pattern: string): boolean {
  if (pattern === '*' || WEBHOOK_EVENT_TYPES.includes(pattern)) return true;
  return pattern.endsWith('.*') && WEBHOOK_EVENT_TYPES.some((type) => type.startsWith(pattern.slice(0, -1)));
}
