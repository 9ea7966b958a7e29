import type { PenaltyDraft, PenaltyEvent } from '@redress/plugin-api';
import type { TenantTransaction } from '../db/tenant-transaction';
import type { ComplaintRow } from '../complaints/complaint-rows';
import type { BoundPlugin } from '../plugins/plugin-host';
import type { IdRow } from '../db/common-rows';
import { notifyPenaltyCharged } from '../notifications/staff-notifications';

/** Who a draft's subject is on this complaint: a person, or the department when no person answers for it. */
export interface PenaltySubjects {
  /** The handler: the owner, else the first receiver. */
  handler: string | null;
  /** The investigation's responsible person, else the owner. */
  responsiblePerson: string | null;
  /** The employee who refused to receive the complaint (refusals only). */
  receivingEmployee?: string | null;
}

export interface ChargedPenalty {
  id: string;
  subjectRole: PenaltyDraft['subject'];
  subjectUserId: string | null;
  subjectDepartmentId: string | null;
}

/**
 * Writes the ledger entries the governing plugin sets for an event. A department head's
 * share is charged to the responsible department (its head answers for it); a person's
 * share falls to the department when no person is known. A draft with no subject at all
 * (no person, no department) is not written, and the caller records that on the timeline.
 * A breach is charged once per deadline and subject, however often it is handled.
 */
export async function chargePenalties(
  tx: TenantTransaction,
  complaint: ComplaintRow,
  plugin: BoundPlugin,
  event: PenaltyEvent,
  subjects: PenaltySubjects,
  deadlineId: string | null = null,
): Promise<{ charged: ChargedPenalty[]; unassigned: PenaltyDraft[] }> {
  const drafts = plugin.decide('penalties', event);
  const charged: ChargedPenalty[] = [];
  const unassigned: PenaltyDraft[] = [];
  const currency = event.kind === 'LOSS_AT_CLOSE' ? event.currency : 'CNY';
  const person: Record<PenaltyDraft['subject'], string | null> = {
    HANDLER: subjects.handler,
    RESPONSIBLE_PERSON: subjects.responsiblePerson,
    RECEIVING_EMPLOYEE: subjects.receivingEmployee ?? null,
    DEPARTMENT_HEAD: null,
  };
  for (const draft of drafts) {
    if (draft.points <= 0 && (draft.amount ?? 0) <= 0) continue;
    const userId = person[draft.subject];
    const departmentId = userId ? null : complaint.departmentId;
    if (!userId && !departmentId) {
      unassigned.push(draft);
      continue;
    }
    const [row] = await tx.query<IdRow>(
      `INSERT INTO penalties (tenant_id, complaint_id, trigger, deadline_id, subject_role, subject_user_id, subject_department_id,
         rule, reason, points, amount, currency, decided_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (tenant_id, deadline_id, subject_role) WHERE deadline_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        complaint.tenantId,
        complaint.id,
        event.kind,
        deadlineId,
        draft.subject,
        userId,
        departmentId,
        draft.rule,
        JSON.stringify(draft.reason),
        draft.points,
        draft.amount,
        draft.amount === null ? null : currency,
        plugin.decidedBy,
      ],
    );
    if (!row) continue;
    charged.push({ id: row.id, subjectRole: draft.subject, subjectUserId: userId, subjectDepartmentId: departmentId });
    await notifyPenaltyCharged(tx, complaint, { id: row.id, userId, draft, currency: draft.amount === null ? null : currency });
  }
  return { charged, unassigned };
}

/** The people a complaint's penalties fall on, read in one statement. */
export async function penaltySubjects(tx: TenantTransaction, complaint: ComplaintRow): Promise<PenaltySubjects> {
  const [investigation] = await tx.query<{ responsible_user_id: string | null }>(
    'SELECT responsible_user_id FROM complaint_investigations WHERE complaint_id = $1',
    [complaint.id],
  );
  const handler = complaint.ownerId ?? complaint.receivedBy;
  return { handler, responsiblePerson: investigation?.responsible_user_id ?? complaint.ownerId };
}
