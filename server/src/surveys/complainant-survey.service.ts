import type { ComplaintChanges } from '../complaints/complaint-changes';
import { trackedTenant } from '../complaints/tracking-code';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { validateInput } from '../graphql/validate';
import { complainantSurveyState, recordSatisfaction } from './satisfaction-answers';
import { AnswerSatisfactionSurveyInput } from './survey.types';

/**
 * The complainant's side of the satisfaction survey: no account, the complaint named by its
 * organisation and tracking code. The answer is recorded as the complainant's (no actor on
 * the timeline) and a low score leads where the governing plugin says, as a staff
 * follow-up's would.
 */
export class ComplainantSurveyService {
  constructor(private readonly changes: ComplaintChanges) {}

  /** Runs on the operation's transaction `tx`, scoped to the complaint's tenant meanwhile. */
  async answer(tx: TenantTransaction, input: AnswerSatisfactionSurveyInput): Promise<void> {
    const data = validateInput(AnswerSatisfactionSurveyInput.schema, input);
    const tracked = await trackedTenant(tx, input.tenantSlug, input.trackingCode);
    // One answer for an unknown organisation and an unknown code: neither is confirmed to exist.
    if (!tracked) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this tracking code', 'trackingCode');
    const { tenant, code } = tracked;
    await tx.inScope({ tenantId: tenant.id, userId: null }, async (tx) => {
      const locked = await this.changes.lockByTrackingCode(tx, tenant, code);
      // Open only where the state machine lets a follow-up be recorded (RESPONDED, FOLLOW_UP).
      const state = await complainantSurveyState(tx, locked.row);
      if (!state.open) {
        throw state.awaitingFeedback
          ? new UserFailure(UserErrorCode.ALREADY_EXISTS, 'You have scored this answer already')
          : new UserFailure(
              UserErrorCode.ILLEGAL_TRANSITION,
              'The survey is open from the answer you are given until the complaint is closed',
            );
      }
      await recordSatisfaction({ db: tx }, this.changes, locked, { scores: data.scores, comment: data.comment, answeredBy: 'COMPLAINANT' });
    });
  }
}
