import type { z } from 'zod';
import type {
  Channel,
  ComplaintStatus,
  DeadlineStage,
  Demand,
  Priority,
  ResolutionKind,
} from './complaint-vocabulary';
import type { LocalizedText } from './localized-text';

/** Time as the host gives it: rules never read the system clock themselves. */
export interface Clock {
  now(): Date;
}

/**
 * One decision a policy makes: data the API can list (code, description, arguments with
 * their defaults) plus one pure function. A tenant tunes `args`; the host validates them
 * with the schema and passes the parsed value in.
 */
export interface RuleDefinition<Args, In, Out> {
  /** Stable, dotted: `default.approval-chain`. */
  code: string;
  description: LocalizedText;
  /** Parses a tenant's arguments; `parse({})` must yield the defaults. */
  args: z.ZodType<Args>;
  evaluate(input: In, args: Args, clock: Clock): Out;
}

export interface CategoryDefinition {
  /** Dotted path: `product.quality`; its parent is `product`. */
  code: string;
  label: LocalizedText;
  /** Department code a complaint of this category is routed to, when the tenant has it. */
  defaultDepartment: string | null;
  defaultPriority: Priority;
}

export interface ReasonDefinition {
  code: string;
  label: LocalizedText;
}

/** What a rule may know of a complaint: no names, no free text beyond the description. */
export interface ComplaintView {
  channel: Channel;
  status: ComplaintStatus;
  demands: Demand[];
  description: string;
  categoryCode: string | null;
  priority: Priority;
  major: boolean;
  receivedAt: Date;
  fields: Record<string, unknown>;
  /** Other complaints of the same complainant within the last 30 days, this one excluded. */
  recentComplaintsOfComplainant: number;
}

export interface Assessment {
  priority: Priority;
  major: boolean;
}

/** The moment a set of clocks starts. */
export type ClockStart = 'RECEIVED' | 'ASSIGNED' | 'APPROVED' | 'EXECUTED';

export interface StageContext {
  complaint: ComplaintView;
  start: ClockStart;
}

export interface DeadlineDraft {
  stage: DeadlineStage;
  amount: number;
  /** Calendar hours, or calendar days counted from the day after the start. */
  unit: 'hours' | 'days';
}

export interface ResolutionContext {
  complaint: ComplaintView;
  resolution: { kind: ResolutionKind; amount: number | null; currency: string | null };
}

export interface ApprovalStepDraft {
  /** The tenant role whose holders may decide this step. */
  role: string;
  label: LocalizedText;
}

/**
 * The decisions an industry makes about its complaints. The core owns the lifecycle and
 * the records; everything that differs between a hospital and a car dealer is decided here.
 */
export interface ComplaintPolicy<Rules extends PolicyRules = PolicyRules> {
  id: string;
  /** Semver; a complaint records the version that governed it. */
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  categories: CategoryDefinition[];
  rejectionReasons: ReasonDefinition[];
  rules: Rules;
}

export interface PolicyRules {
  assess: RuleDefinition<any, ComplaintView, Assessment>;
  /** The department code to route to, or null to leave routing to a person. */
  route: RuleDefinition<any, ComplaintView, string | null>;
  deadlines: RuleDefinition<any, StageContext, DeadlineDraft[]>;
  approvalChain: RuleDefinition<any, ResolutionContext, ApprovalStepDraft[]>;
}

/** Declares a rule with its argument type inferred from the schema. */
export function defineRule<S extends z.ZodType, In, Out>(rule: {
  code: string;
  description: LocalizedText;
  args: S;
  evaluate(input: In, args: z.output<S>, clock: Clock): Out;
}): RuleDefinition<z.output<S>, In, Out> {
  return rule as RuleDefinition<z.output<S>, In, Out>;
}
