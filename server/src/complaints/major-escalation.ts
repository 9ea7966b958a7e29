import type { TenantTransaction } from '../db/tenant-transaction';
import type { BoundPlugin } from '../plugins/plugin-host';
import type { ChangeActor, ChangeResult } from './complaint-changes';
import { writeComplaintChange } from './complaint-journal';
import type { ComplaintRow } from './complaint-rows';
import { toComplaintView } from './complaint-view';
import { eventOf, highestPriority } from './lifecycle';
import { notifiedDepartments } from '../notifications/escalation-recipients';

/** What put the complaint on the major path. */
export type MajorPathTrigger = 'INTAKE' | 'ASSESSMENT' | 'HAND';

/** Whether the governing plugin's escalation rule was already applied to the complaint. */
export async function wasEscalated(tx: TenantTransaction, complaintId: string): Promise<boolean> {
  const [found] = await tx.query(`SELECT 1 FROM complaint_events WHERE complaint_id = $1 AND kind = 'ESCALATED' LIMIT 1`, [complaintId]);
  return found !== undefined;
}

/**
 * Puts a complaint on the major path (002 篇十一: a major complaint goes at once to the
 * department manager and the general manager), whatever put it there: intake, assessment or
 * a hand escalation. Applies the plugin's `escalation` rule (reason MAJOR) once per complaint:
 * marks it major, raises the priority as the rule says and writes one ESCALATED event naming
 * whom to tell. Returns null, changing nothing, when the rule was already applied, so a second
 * path never notifies twice.
 */
export async function escalateToMajor(
  tx: TenantTransaction,
  row: ComplaintRow,
  plugin: BoundPlugin,
  by: { actor: ChangeActor; trigger: MajorPathTrigger; reason: string | null },
): Promise<ChangeResult | null> {
  if (await wasEscalated(tx, row.id)) return null;
  const notices = plugin.decide('escalation', { complaint: toComplaintView({ ...row, major: true }), reason: 'MAJOR' });
  const priority = highestPriority([row.priority, ...notices.map((notice) => notice.raisePriorityTo)]);
  return writeComplaintChange(tx, row, {
    kind: eventOf('ESCALATE', undefined),
    set: { major: true, priority },
    actor: by.actor,
    changes: {
      trigger: by.trigger,
      reason: by.reason,
      priority: { from: row.priority, to: priority },
      notify: notices.map((notice) => notice.role),
      ...notifiedDepartments(notices),
    },
    decidedBy: plugin.decidedBy,
  });
}
