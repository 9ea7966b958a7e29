import type { Demand, Priority } from './complaint-vocabulary';
import type { PenaltyDraft, PenaltyEvent, RepeatCandidate, RepeatContext, RepeatDecision } from './complaint-plugin';
import { PRIORITY } from './complaint-vocabulary';

/**
 * Small pure helpers that several plugins need, so that each states its numbers and
 * not the arithmetic.
 */

const DAY_MS = 86_400_000;

/** An ISO date (YYYY-MM-DD) or a Date as a UTC calendar day number. */
function dayNumber(date: string | Date): number {
  const iso = typeof date === 'string' ? date.slice(0, 10) : date.toISOString().slice(0, 10);
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}

/**
 * Whole calendar days from `from` to `to`, the day of `from` not counted (Civil Code
 * art. 201): the day after `from` is day 1. "Within N days" holds while the result is ≤ N.
 */
export function calendarDaysAfter(from: string | Date, to: string | Date): number {
  return dayNumber(to) - dayNumber(from);
}

/** The same calendar date `years` later (29 February becomes 28 February). */
export function addYears(isoDate: string, years: number): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-').map(Number);
  const leap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const day = m === 2 && d === 29 && !leap(y + years) ? 28 : d;
  return `${String(y + years).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** One priority step up (URGENT stays URGENT). */
export function raisePriority(priority: Priority): Priority {
  const index = PRIORITY.values.indexOf(priority);
  return PRIORITY.values[Math.min(index + 1, PRIORITY.values.length - 1)];
}

export function isPriorityAtLeast(priority: Priority, floor: Priority): boolean {
  return PRIORITY.values.indexOf(priority) >= PRIORITY.values.indexOf(floor);
}

export function hasDemand(demands: Demand[], ...wanted: Demand[]): boolean {
  return wanted.some((demand) => demands.includes(demand));
}

/** Rounds money to cents. */
export function cents(amount: number): number {
  return Math.round(amount * 100) / 100;
}

/**
 * The penalties of a loss at close, in proportion to the loss: one share for the
 * responsible person, one for the head of the responsible department (002 篇十一 第六条 1).
 */
export function lossPenalties(
  event: Extract<PenaltyEvent, { kind: 'LOSS_AT_CLOSE' }>,
  shares: { responsiblePersonShare: number; departmentHeadShare: number },
  rule: string,
): PenaltyDraft[] {
  if (event.lossAmount <= 0) return [];
  const drafts: PenaltyDraft[] = [];
  if (shares.responsiblePersonShare > 0) {
    drafts.push({
      subject: 'RESPONSIBLE_PERSON',
      rule,
      reason: { en: 'Share of the loss the complaint caused', 'zh-CN': '按投诉造成的损失承担责任' },
      points: 0,
      amount: cents(event.lossAmount * shares.responsiblePersonShare),
    });
  }
  if (shares.departmentHeadShare > 0) {
    drafts.push({
      subject: 'DEPARTMENT_HEAD',
      rule,
      reason: { en: "Department head's share of the loss", 'zh-CN': '部门负责人按损失承担连带责任' },
      points: 0,
      amount: cents(event.lossAmount * shares.departmentHeadShare),
    });
  }
  return drafts;
}

/**
 * The earlier complaints a complaint repeats: those within `windowHours` that match in one of
 * `matches` and, with `sameCategoryOnly`, share its category. When this complaint and its
 * repeats reach `minComplaints`, the priority goes one step above `basePriority`.
 */
export function findRepeats(
  context: RepeatContext,
  args: { windowHours: number; minComplaints: number; sameCategoryOnly: boolean; matches: RepeatCandidate['match'][] },
  basePriority: Priority,
): RepeatDecision {
  const { complaint, candidates } = context;
  const repeats = candidates
    .map((candidate, index) => ({ candidate, index }))
    .filter(
      ({ candidate }) =>
        candidate.hoursBefore <= args.windowHours &&
        args.matches.includes(candidate.match) &&
        (!args.sameCategoryOnly || (complaint.categoryCode !== null && candidate.categoryCode === complaint.categoryCode)),
    )
    .map(({ index }) => index);
  return { repeats, raisePriorityTo: repeats.length + 1 >= args.minComplaints ? raisePriority(basePriority) : null };
}
