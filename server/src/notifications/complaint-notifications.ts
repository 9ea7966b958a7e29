import { COMPLAINT_STATUS } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import { EVENT_KINDS, type ComplaintEventKind } from '../complaints/complaint.enums';
import type { ComplaintRow, EventRow } from '../complaints/complaint-rows';
import { toGlobalId } from '../graphql/relay';
import { Role } from '../identity/roles';
import { complaintWebhookType } from './notification-events';
import { escalationRecipients } from './escalation-recipients';
import { membersHolding, notifyComplainant, notifyStaff, publishWebhookEvent } from './outbox';

/** What the notifications of one complaint event need to know of the complaint and its tenant. */
export interface ComplaintFacts {
  id: string;
  tenant_id: string;
  number: string;
  tracking_code: string;
  status: string;
  priority: string;
  major: boolean;
  description: string;
  received_at: Date;
  owner_id: string | null;
  received_by: string | null;
  rejection_reason: string | null;
  plugin_id: string;
  plugin_version: string;
  notify_email: string | null;
  notify_locale: string | null;
  tenant_name: string;
  tenant_locale: string;
}

async function complaintFacts(tx: TenantTransaction, complaintId: string): Promise<ComplaintFacts> {
  const [row] = await tx.query<ComplaintFacts>(
    `SELECT c.id, c.tenant_id, c.number, c.tracking_code, c.status, c.priority, c.major, c.description, c.received_at, c.owner_id,
            c.received_by, c.rejection_reason, c.plugin_id, c.plugin_version, c.notify_email, c.notify_locale,
            t.name AS tenant_name, t.locale AS tenant_locale
       FROM complaints c JOIN tenants t ON t.id = c.tenant_id WHERE c.id = $1`,
    [complaintId],
  );
  return row;
}

/** The facts of a complaint row the caller holds (as it stands after the event), with its tenant's name and language. */
export function complaintFactsOf(row: ComplaintRow, tenant: { name: string; locale: string }): ComplaintFacts {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    number: row.number,
    tracking_code: row.trackingCode,
    status: row.status,
    priority: row.priority,
    major: row.major,
    description: row.description,
    received_at: row.receivedAt,
    owner_id: row.ownerId,
    received_by: row.receivedBy,
    rejection_reason: row.rejectionReason,
    plugin_id: row.pluginId,
    plugin_version: row.pluginVersion,
    notify_email: row.notifyEmail,
    notify_locale: row.notifyLocale,
    tenant_name: tenant.name,
    tenant_locale: tenant.locale,
  };
}

/** The facts every complaint template may show. */
function complaintData(facts: ComplaintFacts, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    organization: facts.tenant_name,
    complaint: { number: String(facts.number), trackingCode: facts.tracking_code, status: facts.status, priority: facts.priority },
    ...extra,
  };
}

/**
 * The one who answers for a complaint's clocks: its owner, else whoever received it, else the
 * supervisors (a complaint filed through the public form and not yet assigned).
 */
export async function clockHolders(
  tx: TenantTransaction,
  facts: { tenant_id: string; owner_id: string | null; received_by: string | null },
) {
  const person = facts.owner_id ?? facts.received_by;
  return person ? [person] : membersHolding(tx, facts.tenant_id, [Role.Supervisor]);
}

/**
 * Everyone a complaint event concerns, told in the event's transaction (recordEvent calls it):
 * staff by the rules of the event (the new owner, the roles an approval step or an escalation
 * names, the handler of a breached clock), the complainant for the public milestones when they
 * consented, and the tenant's webhook endpoints for every event.
 */
export async function notifyComplaintEvent(tx: TenantTransaction, event: EventRow, known?: KnownToNotifier): Promise<void> {
  const facts = known?.facts ?? (await complaintFacts(tx, event.complaintId));
  const tenantId = facts.tenant_id;
  const kind = event.kind as ComplaintEventKind;
  const changes = event.changes;
  const actor = event.actorUserId;
  const source = event.id;
  const staff = (notice: Omit<Parameters<typeof notifyStaff>[2], 'complaintId' | 'exclude' | 'source'> & { source?: string }) =>
    notifyStaff(tx, tenantId, { complaintId: facts.id, exclude: actor, source, ...notice });

  switch (kind) {
    case 'ASSIGNED': {
      const owner = changes.ownerId as { from: string | null; to: string | null } | undefined;
      if (owner?.to && owner.to !== owner.from) {
        const [by] = actor ? await tx.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [actor]) : [];
        await staff({
          event: 'COMPLAINT_ASSIGNED',
          userIds: [owner.to],
          data: complaintData(facts, {
            complaint: { ...complaintSummary(facts), description: facts.description },
            assignedBy: by?.display_name ?? null,
          }),
        });
      }
      break;
    }
    case 'RESOLUTION_PROPOSED':
    case 'APPROVAL_DECIDED':
      await notifyWaitingApproval(tx, facts, event);
      break;
    case 'ESCALATED':
    case 'DEADLINE_BREACHED': {
      const roles = Array.isArray(changes.notify) ? (changes.notify as string[]) : [];
      const departments = (changes.notifyDepartments ?? {}) as Record<string, string>;
      const reason = kind === 'ESCALATED' ? 'MAJOR' : changes.stage === 'CLOSE' ? 'UNRESOLVED' : 'DEADLINE_BREACH';
      if (kind === 'DEADLINE_BREACHED') {
        await staff({
          event: 'DEADLINE_BREACHED',
          userIds: await clockHolders(tx, facts),
          data: complaintData(facts, { stage: changes.stage, dueAt: changes.dueAt }),
        });
      }
      for (const role of roles) {
        await staff({
          event: 'COMPLAINT_ESCALATED',
          userIds: await escalationRecipients(tx, tenantId, role, departments[role] ?? null),
          data: complaintData(facts, { reason, role }),
          source: `${source}:${role}`,
        });
      }
      break;
    }
    default:
      break;
  }

  await notifyComplainantOf(tx, facts, kind, event);
  await publishWebhookEvent(
    tx,
    tenantId,
    complaintWebhookType(kind),
    event.createdAt,
    complaintWebhookData(facts, event),
    known?.webhookEvents,
  );
}

/**
 * What a caller that just wrote the event may already hold, sparing the notifier its reads:
 * the complaint's facts, and the event types the tenant's webhook endpoints subscribe to,
 * read in the event's own statement (see publishWebhookEvent).
 */
export interface KnownToNotifier {
  facts?: ComplaintFacts;
  webhookEvents?: readonly string[];
}

function complaintSummary(facts: ComplaintFacts) {
  return { number: String(facts.number), trackingCode: facts.tracking_code, status: facts.status, priority: facts.priority };
}

/** The step that waits now, after a resolution was proposed or a step decided: its role's holders are asked. */
async function notifyWaitingApproval(tx: TenantTransaction, facts: ComplaintFacts, event: EventRow): Promise<void> {
  const [step] = await tx.query<{ id: string; role: string; label: unknown; kind: string; amount: string | null; currency: string | null }>(
    `SELECT s.id, s.role, s.label, r.kind, r.amount, r.currency FROM approval_steps s JOIN complaint_resolutions r ON r.id = s.resolution_id
      WHERE r.complaint_id = $1 AND r.status = 'PENDING' AND s.decision IS NULL ORDER BY s.position LIMIT 1`,
    [facts.id],
  );
  if (!step) return;
  const holders = await membersHolding(tx, facts.tenant_id, [step.role]);
  const data = complaintData(facts, {
    step: step.label,
    role: step.role,
    resolution: { kind: step.kind, amount: step.amount, currency: step.currency },
  });
  await notifyStaff(tx, facts.tenant_id, {
    event: 'APPROVAL_REQUESTED',
    userIds: holders,
    complaintId: facts.id,
    data,
    source: step.id,
    exclude: event.actorUserId,
  });
  await publishWebhookEvent(tx, facts.tenant_id, 'approval.requested', event.createdAt, {
    complaint: webhookComplaint(facts),
    step: { role: step.role, label: step.label },
  });
}

/** The public milestones a consenting complainant is written about. */
async function notifyComplainantOf(tx: TenantTransaction, facts: ComplaintFacts, kind: ComplaintEventKind, event: EventRow): Promise<void> {
  if (!facts.notify_email) return;
  const tell = (notificationEvent: Parameters<typeof notifyComplainant>[2]['event'], extra: Record<string, unknown> = {}) =>
    notifyComplainant(tx, facts.tenant_id, {
      event: notificationEvent,
      complaintId: facts.id,
      email: facts.notify_email!,
      locale: facts.notify_locale ?? facts.tenant_locale,
      data: complaintData(facts, extra),
      source: event.id,
    });
  switch (kind) {
    case 'FILED':
      return tell('COMPLAINT_RECEIVED');
    case 'ACKNOWLEDGED':
      return tell('COMPLAINT_ACKNOWLEDGED');
    case 'REJECTED':
      return tell('COMPLAINT_REJECTED', {
        rejection: { code: facts.rejection_reason, pluginId: facts.plugin_id, pluginVersion: facts.plugin_version },
      });
    case 'RESPONDED': {
      const [response] = await tx.query<{ message: string }>(
        'SELECT message FROM complaint_responses WHERE complaint_id = $1 ORDER BY created_at DESC LIMIT 1',
        [facts.id],
      );
      await tell('COMPLAINT_ANSWERED', { answer: response?.message ?? '' });
      // The survey opens with the answer (see complainantSurveyState).
      await tell('SURVEY_INVITATION');
      return;
    }
    default:
      return;
  }
}

function webhookComplaint(facts: ComplaintFacts) {
  return {
    id: toGlobalId('Complaint', facts.id),
    number: Number(facts.number),
    trackingCode: facts.tracking_code,
    status: facts.status,
    statusLabel: COMPLAINT_STATUS.labels[facts.status as keyof typeof COMPLAINT_STATUS.labels],
    priority: facts.priority,
    major: facts.major,
    receivedAt: facts.received_at.toISOString(),
  };
}

/**
 * A complaint event as its webhook carries it: the complaint as it stands after the event, the
 * event, and, for a public event, the entry the complainant's status page shows for it, so a
 * receiver can rebuild the public history in order (`event.sequence`).
 */
function complaintWebhookData(facts: ComplaintFacts, event: EventRow): Record<string, unknown> {
  const label = EVENT_KINDS[event.kind as ComplaintEventKind].label;
  return {
    complaint: webhookComplaint(facts),
    event: {
      id: toGlobalId('ComplaintEvent', event.id),
      sequence: Number(event.seq),
      kind: event.kind,
      public: event.isPublic,
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      at: event.createdAt.toISOString(),
      label,
    },
    publicHistoryEntry: event.isPublic ? { label, status: event.toStatus, at: event.createdAt.toISOString() } : null,
  };
}
