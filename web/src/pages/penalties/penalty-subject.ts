import type { PenaltyFieldsFragment } from '@redress/client-sdk';

/** The person's or the department's name a penalty is borne by. */
export function subjectName(penalty: Pick<PenaltyFieldsFragment, 'subject'>): string {
  return penalty.subject.name;
}
