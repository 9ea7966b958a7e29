import type { ChangeResult, ComplaintChanges, InTransaction, LockedComplaint } from '../complaints/complaint-changes';
import type { ComplaintRow } from '../complaints/complaint-rows';
import { mayStartFrom } from '../complaints/lifecycle';
import { completeNextFollowUp } from '../follow-ups/follow-up-plan';
import { actOnLowSatisfaction } from '../follow-ups/low-satisfaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { surveySettingsOf } from './survey-settings.service';
import type { IdRow } from '../db/common-rows';

/** Staff recording a follow-up visit or call, or the complainant answering through the tracking code. */
export type AnsweredBy = 'STAFF' | 'COMPLAINANT';

export interface SatisfactionAnswer {
  scores: { dimension: string; score: number }[];
  comment: string | null;
  answeredBy: AnsweredBy;
}

/**
 * Records satisfaction scores on a locked complaint, whoever gives them: checks them against
 * the tenant's scale, stores them with that scale, moves the complaint to FOLLOW_UP and lets
 * the governing plugin act on a low score. A staff follow-up also completes the next
 * follow-up task; a complainant's answer does not replace the visits the plan asks for.
 */
export async function recordSatisfaction(
  ctx: InTransaction,
  changes: ComplaintChanges,
  locked: LockedComplaint,
  answer: SatisfactionAnswer,
): Promise<ChangeResult> {
  const survey = await surveySettingsOf(ctx.db, locked.row.tenantId);
  const beyond = answer.scores.findIndex((s) => s.score > survey.scaleMax);
  if (beyond >= 0) {
    throw new UserFailure(UserErrorCode.INVALID_INPUT, `Scores run from 1 to ${survey.scaleMax}`, `scores.${beyond}.score`);
  }
  const scores = Object.fromEntries(answer.scores.map((s) => [s.dimension, s.score]));
  const [followUp] = await ctx.db.query<IdRow>(
    `INSERT INTO complaint_follow_ups (tenant_id, complaint_id, scores, comment, recorded_by, scale_max, answered_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      locked.row.tenantId,
      locked.row.id,
      JSON.stringify(scores),
      answer.comment,
      locked.actor?.userId ?? null,
      survey.scaleMax,
      answer.answeredBy,
    ],
  );
  if (answer.answeredBy === 'STAFF') await completeNextFollowUp(ctx.db, locked.row.id, followUp.id);
  const recorded = await changes.apply(ctx, locked, {
    action: 'RECORD_FOLLOW_UP',
    facts: { answeredBy: answer.answeredBy },
    changes: { scores, comment: answer.comment, scaleMax: survey.scaleMax },
  });
  return actOnLowSatisfaction(ctx, changes, locked, recorded, answer.scores, survey);
}

export interface ComplainantSurveyState {
  /** The complainant has been answered and has not scored that answer yet. */
  open: boolean;
  /** The complaint waits for the complainant's feedback on an answer (open, or answered already). */
  awaitingFeedback: boolean;
  answeredAt: Date | null;
}

/**
 * Whether the complainant may answer the survey now: once the organisation has answered
 * them (RESPONDED, or FOLLOW_UP after a staff follow-up), once per answer they were given.
 */
export async function complainantSurveyState(
  tx: InTransaction['db'],
  complaint: Pick<ComplaintRow, 'id' | 'tenantId' | 'status'>,
): Promise<ComplainantSurveyState> {
  const [row] = await tx.query<{ responded_at: Date | null; answered_at: Date | null }>(
    `SELECT (SELECT max(created_at) FROM complaint_responses WHERE tenant_id = $1 AND complaint_id = $2) AS responded_at,
            (SELECT max(created_at) FROM complaint_follow_ups
              WHERE tenant_id = $1 AND complaint_id = $2 AND answered_by = 'COMPLAINANT') AS answered_at`,
    [complaint.tenantId, complaint.id],
  );
  const respondedAt: Date | null = row.responded_at;
  const answeredAt: Date | null = row.answered_at;
  const awaitingFeedback = mayStartFrom('RECORD_FOLLOW_UP', complaint.status) && respondedAt !== null;
  return { open: awaitingFeedback && (answeredAt === null || answeredAt < respondedAt), awaitingFeedback, answeredAt };
}
