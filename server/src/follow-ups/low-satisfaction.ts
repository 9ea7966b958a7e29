import type { ChangeResult, ComplaintChanges, InTransaction, LockedComplaint } from '../complaints/complaint-changes';
import { toComplaintView } from '../complaints/complaint-view';
import type { SurveySettings } from '../surveys/survey.types';
import { loadTenantCalendar } from '../calendar/tenant-calendar.loader';
import { cancelOpenFollowUps, followUpDueAt } from './follow-up-plan';

/**
 * A recorded follow-up with a score below the tenant's threshold: the governing plugin's
 * follow-up plan says what follows. A low score on one of its `reopenWhenLow` dimensions
 * reopens the complaint (an event decided by the plugin); any other low score opens another
 * follow-up task, due in the plan's working days and scheduled on the job queue. A plan
 * that says nothing asks for another follow-up within its first visit's period.
 */
export async function actOnLowSatisfaction(
  ctx: InTransaction,
  changes: ComplaintChanges,
  locked: LockedComplaint,
  recorded: ChangeResult,
  scores: { dimension: string; score: number }[],
  survey: SurveySettings,
): Promise<ChangeResult> {
  const low = scores.filter((s) => s.score < survey.threshold);
  if (low.length === 0) return recorded;
  const complaint = recorded.row;
  const now = ctx.db.clock.now();
  const plan = locked.plugin.decide('followUps', { complaint: toComplaintView(complaint), executedAt: now });
  const rule = plan.lowSatisfaction ?? { reopenWhenLow: [], followUpWithinWorkingDays: plan.visits[0]?.withinWorkingDays ?? 5 };
  const reopenOn = low.filter((s) => (rule.reopenWhenLow as string[]).includes(s.dimension));
  const lowScores = Object.fromEntries(low.map((s) => [s.dimension, s.score]));
  if (reopenOn.length > 0) {
    const result = await changes.apply(
      ctx,
      { ...locked, row: complaint },
      {
        action: 'REOPEN',
        facts: { hasOwner: complaint.ownerId !== null },
        set: { closed_at: null },
        changes: { reason: 'LOW_SATISFACTION', lowScores, threshold: survey.threshold, scaleMax: survey.scaleMax },
        decidedByPlugin: true,
      },
    );
    await cancelOpenFollowUps(ctx.db, complaint.id);
    return result;
  }
  const due = followUpDueAt(now, rule.followUpWithinWorkingDays, await loadTenantCalendar(ctx.db, complaint.tenantId, now));
  const [task] = await ctx.db.query(
    `INSERT INTO follow_up_tasks (tenant_id, complaint_id, sequence, assignee_id, due_at, decided_by, reason,
                                  counted_from, working_days, provisional, provisional_reason)
     SELECT $1, $2, coalesce(max(sequence), 0) + 1, $3, $4, $5, 'LOW_SATISFACTION', $6, $7, $8, $9
       FROM follow_up_tasks WHERE complaint_id = $2
     RETURNING id`,
    [
      complaint.tenantId,
      complaint.id,
      complaint.ownerId ?? complaint.receivedBy,
      due.dueAt,
      locked.plugin.decidedBy,
      now,
      rule.followUpWithinWorkingDays,
      due.provisional !== null,
      due.provisional && JSON.stringify(due.provisional),
    ],
  );
  await ctx.db.query('SELECT schedule_follow_up_job($1)', [task.id]);
  return recorded;
}
