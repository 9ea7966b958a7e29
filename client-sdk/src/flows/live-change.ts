import { TransportError } from '../errors.js';
import type { LiveUpdateKind } from '../generated/graphql.js';

/** What every live payload carries: `kind`, and fields that are null when it is REFETCH. */
type LivePayload = { kind: LiveUpdateKind; __typename?: string };

/**
 * A live payload as its `kind` decides it: a CHANGE with every field present (non-null), or
 * a REFETCH (events may have been missed: reload what is shown).
 */
export type LiveChange<T extends LivePayload> =
  ({ kind: 'CHANGE' } & { [K in Exclude<keyof T, 'kind' | '__typename'>]: NonNullable<T[K]> }) | { kind: 'REFETCH' };

/**
 * Narrows a live payload (`complaintChanged`, `complaintEvents`, `deadlineAlerts`, …) to a
 * LiveChange. A CHANGE without one of its fields breaks the API's promise: TransportError.
 */
export function liveChange<T extends LivePayload>(payload: T): LiveChange<T> {
  if (payload.kind === 'REFETCH') return { kind: 'REFETCH' };
  const change: Record<string, unknown> = { kind: 'CHANGE' };
  for (const [field, value] of Object.entries(payload)) {
    if (field === 'kind' || field === '__typename') continue;
    if (value === null || value === undefined) throw new TransportError(`A live CHANGE arrived without its ${field}`);
    change[field] = value;
  }
  return change as LiveChange<T>;
}
