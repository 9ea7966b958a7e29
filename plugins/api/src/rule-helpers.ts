import { z } from 'zod';
import type { DeadlineStage, Demand, Priority } from './complaint-vocabulary';
import {
  defineRule,
  type CategoryDefinition,
  type ComplaintView,
  type FollowUpContext,
  type FollowUpPlan,
  type PenaltyDraft,
  type PenaltyEvent,
  type RepeatCandidate,
  type RepeatContext,
  type RepeatDecision,
  type RuleDefinition,
} from './complaint-plugin';
import type { LocalizedText } from './localized-text';
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

/** The category of that code among a plugin's categories, or null (no category, or one the plugin does not declare). */
export function findCategory(categories: readonly CategoryDefinition[], code: string | null): CategoryDefinition | null {
  return code === null ? null : (categories.find((category) => category.code === code) ?? null);
}

/** The department a complaint of its category goes to by default, or null to leave routing to a person. */
export function categoryDepartment(categories: readonly CategoryDefinition[], view: Pick<ComplaintView, 'categoryCode'>): string | null {
  return findCategory(categories, view.categoryCode)?.defaultDepartment ?? null;
}

/** The default priority of the complaint's category, or the complaint's own priority when it has no declared category. */
export function categoryPriority(
  categories: readonly CategoryDefinition[],
  view: Pick<ComplaintView, 'categoryCode' | 'priority'>,
): Priority {
  return findCategory(categories, view.categoryCode)?.defaultPriority ?? view.priority;
}

export function isPriorityAtLeast(priority: Priority, floor: Priority): boolean {
  return PRIORITY.values.indexOf(priority) >= PRIORITY.values.indexOf(floor);
}

/** An intake field's value, read as the type its schema gives it; undefined when the complaint does not record it. */
export function intakeField<T>(view: Pick<ComplaintView, 'fields'>, key: string): T | undefined {
  return view.fields[key] as T | undefined;
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

/** The arguments of a penalties rule made by `definePenalties`, as a tenant tunes them. */
export interface PenaltyArgs {
  /** Points for the handler of a stage that ran late (002 篇十一 第六条 2). */
  pointsPerBreach: number;
  /** Points for an employee who refused to receive a complaint. */
  pointsForRefusal: number;
  /** Share of a loss at close borne by the responsible person (002 篇十一 第六条 1); absent when the plugin charges no loss. */
  responsiblePersonShare?: number;
  /** Share of a loss at close borne by the head of the responsible department; absent when the plugin charges no loss. */
  departmentHeadShare?: number;
}

/** The reason the ledger gives for refusing to receive a complaint, unless a plugin words it otherwise. */
export const REFUSAL_TO_RECEIVE_REASON: LocalizedText = { en: 'Refused to receive a complaint', 'zh-CN': '拒绝受理投诉' };

/**
 * A penalties rule: `pointsPerBreach` points for the handler of a late stage, `pointsForRefusal`
 * for an employee who refused to receive a complaint (0 charges nobody), and, when the plugin
 * gives `lossShares`, a loss at close shared as `lossPenalties` does. The defaults are the
 * plugin's numbers; a tenant may tune each of them.
 */
export function definePenalties(rule: {
  code: string;
  description: LocalizedText;
  defaults: {
    pointsPerBreach: number;
    pointsForRefusal: number;
    /** Without them a loss at close charges nobody and the rule has no share arguments. */
    lossShares?: { responsiblePersonShare: number; departmentHeadShare: number };
  };
  reasons: {
    /** Why the handler of the late stage is charged. */
    breach(stage: DeadlineStage): LocalizedText;
    /** Why the employee who refused is charged; `REFUSAL_TO_RECEIVE_REASON` when left out. */
    refusal?: LocalizedText;
  };
}): RuleDefinition<PenaltyArgs, PenaltyEvent, PenaltyDraft[]> {
  const points = (fallback: number) => z.number().int().min(0).max(100).default(fallback);
  const share = (fallback: number) => z.number().min(0).max(1).default(fallback);
  const { defaults, reasons } = rule;
  const pointArgs = { pointsPerBreach: points(defaults.pointsPerBreach), pointsForRefusal: points(defaults.pointsForRefusal) };
  const args: z.ZodType<PenaltyArgs> = defaults.lossShares
    ? z.object({
        ...pointArgs,
        responsiblePersonShare: share(defaults.lossShares.responsiblePersonShare),
        departmentHeadShare: share(defaults.lossShares.departmentHeadShare),
      })
    : z.object(pointArgs);
  return defineRule({
    code: rule.code,
    description: rule.description,
    args,
    evaluate(event, args): PenaltyDraft[] {
      switch (event.kind) {
        case 'DEADLINE_BREACH':
          if (args.pointsPerBreach === 0) return [];
          return [{ subject: 'HANDLER', rule: rule.code, reason: reasons.breach(event.stage), points: args.pointsPerBreach, amount: null }];
        case 'REFUSAL_TO_RECEIVE':
          if (args.pointsForRefusal === 0) return [];
          return [
            {
              subject: 'RECEIVING_EMPLOYEE',
              rule: rule.code,
              reason: reasons.refusal ?? REFUSAL_TO_RECEIVE_REASON,
              points: args.pointsForRefusal,
              amount: null,
            },
          ];
        case 'LOSS_AT_CLOSE':
          if (args.responsiblePersonShare === undefined || args.departmentHeadShare === undefined) return [];
          return lossPenalties(
            event,
            { responsiblePersonShare: args.responsiblePersonShare, departmentHeadShare: args.departmentHeadShare },
            rule.code,
          );
      }
    },
  });
}

/**
 * A follow-up rule of one visit, due within `withinWorkingDays` working days of carrying out
 * the resolution; a low score asks for another follow-up within the same period.
 */
export function defineSingleFollowUp(rule: {
  code: string;
  description: LocalizedText;
  withinWorkingDays: number;
}): RuleDefinition<{ withinWorkingDays: number }, FollowUpContext, FollowUpPlan> {
  return defineRule({
    code: rule.code,
    description: rule.description,
    args: z.object({ withinWorkingDays: z.number().int().min(1).max(60).default(rule.withinWorkingDays) }),
    evaluate: (_context, args): FollowUpPlan => ({ visits: [{ withinWorkingDays: args.withinWorkingDays }] }),
  });
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

/** The arguments of a repeats rule made by `defineRepeats`, as a tenant tunes them. */
export interface RepeatArgs {
  /** How far back an earlier complaint may lie, in hours. */
  windowHours: number;
  /** How many complaints, this one included, raise the priority. */
  minComplaints: number;
  sameCategoryOnly: boolean;
  matches: RepeatCandidate['match'][];
}

/**
 * A repeats rule (see `findRepeats`): earlier complaints of the same category, from the same
 * complainant or about the same asset or product, within `windowHours`; from `minComplaints`
 * on, one step above the category's default priority.
 */
export function defineRepeats(rule: {
  code: string;
  description: LocalizedText;
  categories: readonly CategoryDefinition[];
  defaults: { windowHours: number; minComplaints: number };
}): RuleDefinition<RepeatArgs, RepeatContext, RepeatDecision> {
  return defineRule({
    code: rule.code,
    description: rule.description,
    args: z.object({
      windowHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 90)
        .default(rule.defaults.windowHours),
      minComplaints: z.number().int().min(2).max(50).default(rule.defaults.minComplaints),
      sameCategoryOnly: z.boolean().default(true),
      matches: z.array(z.enum(['COMPLAINANT', 'ASSET', 'PRODUCT'])).default(['COMPLAINANT', 'ASSET', 'PRODUCT']),
    }),
    evaluate: (context, args) => findRepeats(context, args, categoryPriority(rule.categories, context.complaint)),
  });
}

/** A route rule that sends a complaint to its category's default department, or to nobody (a person routes it). */
export function defineCategoryRoute(rule: {
  code: string;
  description: LocalizedText;
  categories: readonly CategoryDefinition[];
}): RuleDefinition<Record<string, never>, ComplaintView, string | null> {
  return defineRule({
    code: rule.code,
    description: rule.description,
    args: z.object({}),
    evaluate: (view) => categoryDepartment(rule.categories, view),
  });
}
