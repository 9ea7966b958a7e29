import type { ComplaintFilter, ComplaintOrder, ComplaintSummaryFragment, DeadlineFieldsFragment } from '../generated/graphql.js';

/** true or false when the complaint's fields decide it; undefined when only the server can. */
export type Decision = boolean | undefined;

/** Every condition must hold: false wins, then "unknown", then true. */
function all(decisions: Decision[]): Decision {
  if (decisions.includes(false)) return false;
  return decisions.includes(undefined) ? undefined : true;
}

/**
 * Whether a complaint, as a live change delivered it, matches a `complaints` filter, by the
 * filter's documented meaning. `text` (description, the complainant's name, tracking code,
 * number, as the server matches words) is never decided here.
 */
export function matchesFilter(filter: ComplaintFilter | null | undefined, complaint: ComplaintSummaryFragment): Decision {
  if (!filter) return true;
  const decisions: Decision[] = [];
  if (filter.status?.length) decisions.push(filter.status.includes(complaint.status));
  if (filter.priority?.length) decisions.push(filter.priority.includes(complaint.priority));
  if (filter.categoryCode) {
    const wanted = filter.categoryCode;
    const code = complaint.category?.code;
    // No category shown: none set, or a code its plugin no longer knows; the server decides.
    decisions.push(code === undefined ? undefined : code === wanted || code.startsWith(`${wanted}.`));
  }
  // Ids are compared as the API hands them out (one opaque id per object).
  if (filter.departmentId) decisions.push(complaint.department?.id === String(filter.departmentId));
  if (filter.ownerId) decisions.push(complaint.owner?.id === String(filter.ownerId));
  const received = Date.parse(complaint.receivedAt);
  if (filter.receivedFrom) decisions.push(received >= Date.parse(filter.receivedFrom));
  if (filter.receivedTo) decisions.push(received < Date.parse(filter.receivedTo));
  if (filter.overdue !== null && filter.overdue !== undefined) {
    const overdue = isOverdue(complaint.deadlines);
    decisions.push(overdue === undefined ? undefined : overdue === filter.overdue);
  }
  if (filter.text?.trim()) decisions.push(undefined);
  return all(decisions);
}

/**
 * "A stage clock ran out and is still open": an open (not met, not cancelled), running (not
 * paused) deadline past due. For an open running deadline never recorded as breached,
 * `breached` says exactly that, as of the server's clock when the change was read.
 */
function isOverdue(deadlines: ReadonlyArray<DeadlineFieldsFragment>): Decision {
  const running = deadlines.filter((deadline) => !deadline.metAt && !deadline.cancelledAt && !deadline.paused);
  if (running.some((deadline) => !deadline.breachedAt && deadline.breached)) return true;
  // A recorded breach stays `breached` even when a resumed clock moved the due time on.
  if (running.some((deadline) => deadline.breachedAt)) return undefined;
  return false;
}

/** The order of `complaints` when none is given: newest received first. */
export const DEFAULT_ORDER: ComplaintOrder = { field: 'RECEIVED_AT', direction: 'DESC' };

/** A position in a list: the complaint's id and its value of the ordered field. */
export interface ListPosition {
  id: string;
  key: number;
}

export function positionOf(complaint: ComplaintSummaryFragment, order: ComplaintOrder): ListPosition {
  const key =
    order.field === 'NUMBER' ? complaint.number : Date.parse(order.field === 'UPDATED_AT' ? complaint.updatedAt : complaint.receivedAt);
  return { id: complaint.id, key };
}

/**
 * Negative when `a` comes first under the order, positive when `b` does, 0 for the same
 * complaint; undefined when the values shown cannot tell (equal times to the millisecond:
 * the server orders those by a finer time and an internal id).
 */
export function comparePositions(a: ListPosition, b: ListPosition, order: ComplaintOrder): number | undefined {
  if (a.id === b.id) return 0;
  if (a.key === b.key) return undefined;
  const ascending = a.key < b.key ? -1 : 1;
  return order.direction === 'ASC' ? ascending : -ascending;
}
