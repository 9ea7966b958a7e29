import type { z } from 'zod';
import type {
  Channel,
  ComplaintStatus,
  DeadlineStage,
  Demand,
  Priority,
  ResolutionKind,
  SatisfactionDimension,
} from './complaint-vocabulary';
import type { LocalizedText } from './localized-text';

/**
 * Time as the host gives it: rules never read the system clock themselves.
 *
 * Which instant a rule may use for what:
 * - A period the law or a regulation measures (a return within 7 days of receipt, a repair
 *   over 5 days, a delay over 15 days) runs between the dates it names, and both ends come
 *   from the complaint: `receivedAt` (the day the request or complaint was made, which staff
 *   may date back when they enter a letter late), an intake field (the day the goods
 *   arrived, the fault was found, a repair started or ended) or a lifecycle instant the view
 *   carries (`executedAt`, `closedAt`). A finding gives the same answer whenever it runs.
 * - `now()` and `today()` only for the end of something that is still going on while the
 *   rule runs (a repair not yet finished, a request not yet carried out), and never in place
 *   of a date the complaint records.
 * - `dateOf(instant)` turns a recorded instant into the tenant's calendar date, so that a
 *   period counts days as the tenant's calendar does (00:30 in Shanghai is the next day).
 */
export interface Clock {
  /** The current instant: only for the end of a period still running (see above). */
  now(): Date;
  /** Today's date (YYYY-MM-DD) in the tenant's time zone: only for a period still running. */
  today(): string;
  /** The date (YYYY-MM-DD) of an instant in the tenant's time zone, e.g. of `receivedAt`. */
  dateOf(instant: Date): string;
}

/**
 * One decision a plugin makes: data the API can list (code, description, arguments with
 * their defaults) plus one pure function. A tenant tunes `args`; the host validates them
 * with the schema and passes the parsed value in.
 */
export interface RuleDefinition<Args, In, Out> {
  /** Stable, dotted, prefixed with the plugin id: `retail.approval-chain`. */
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
  /** As staff see it when they decide. */
  label: LocalizedText;
  /** As the complainant is told it: the reason a complaint is not accepted (003 篇12 四; 医疗机构投诉管理办法). */
  publicLabel: LocalizedText;
  /** Where the complainant may turn instead, or what would let the complaint be accepted. */
  guidance: LocalizedText;
}

export interface RoleDeclaration {
  code: string;
  label: LocalizedText;
}

export interface DepartmentDeclaration {
  code: string;
  name: LocalizedText;
}

/** An industry field recorded at intake (licence plate, VIN, patient id, order number). */
export interface IntakeFieldDefinition {
  key: string;
  label: LocalizedText;
  /** Validates the value; the host reports its issues under `fields.<key>`. */
  schema: z.ZodType;
  required: boolean;
}

/** What a rule may know of a complaint: no names, no contact details. */
export interface ComplaintView {
  channel: Channel;
  status: ComplaintStatus;
  demands: Demand[];
  description: string;
  categoryCode: string | null;
  priority: Priority;
  major: boolean;
  /** When the complaint was received: the day the complainant made it, even when entered later. */
  receivedAt: Date;
  /** When the resolution was carried out, or null. */
  executedAt: Date | null;
  /** When the complaint was closed, rejected or withdrawn, or null while it is open. */
  closedAt: Date | null;
  /** Intake fields, already validated by the plugin's schemas. */
  fields: Record<string, unknown>;
  /** Other complaints of the same complainant within the 30 days up to this one. */
  recentComplaintsOfComplainant: number;
  /** Other complaints of the same complainant within the 24 hours up to this one. */
  sameDayComplaintsOfComplainant: number;
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
  /** Departments involved so far (hospital: 10 working days when several are). */
  departmentsInvolved: number;
}

export interface DeadlineDraft {
  stage: DeadlineStage;
  amount: number;
  /**
   * Calendar hours; calendar days or working days counted from the day after the start
   * (Civil Code art. 201), ending with the last day in the tenant's time zone.
   */
  unit: 'hours' | 'days' | 'workingDays';
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

/** Something that happened for which a plugin may set penalties. */
export type PenaltyEvent =
  | { kind: 'DEADLINE_BREACH'; complaint: ComplaintView; stage: DeadlineStage; hoursLate: number }
  | { kind: 'LOSS_AT_CLOSE'; complaint: ComplaintView; lossAmount: number; currency: string }
  | { kind: 'REFUSAL_TO_RECEIVE'; complaint: ComplaintView };

export interface PenaltyDraft {
  /** Who bears it: a person in a role on the complaint, or the responsible department's head. */
  subject: 'HANDLER' | 'RESPONSIBLE_PERSON' | 'DEPARTMENT_HEAD' | 'RECEIVING_EMPLOYEE';
  rule: string;
  reason: LocalizedText;
  points: number;
  /** In the currency of the loss, when the rule charges money. */
  amount: number | null;
}

export interface FollowUpContext {
  complaint: ComplaintView;
  executedAt: Date;
}

export interface FollowUpPlan {
  /** Follow-ups to make; each is due `withinWorkingDays` after the previous one (the first: after execution). */
  visits: { withinWorkingDays: number }[];
  /**
   * What a follow-up scoring below the tenant's threshold leads to: the complaint is reopened
   * when one of `reopenWhenLow` is low, otherwise another follow-up is due within
   * `followUpWithinWorkingDays`. Without it, a low score asks for another follow-up within the
   * first visit's period.
   */
  lowSatisfaction?: { reopenWhenLow: SatisfactionDimension[]; followUpWithinWorkingDays: number };
}

/** An earlier complaint of the same complainant, asset or product (asset model), found by the core. */
export interface RepeatCandidate {
  match: 'COMPLAINANT' | 'ASSET' | 'PRODUCT';
  categoryCode: string | null;
  /** Hours from its receipt to this complaint's; 0 or more. */
  hoursBefore: number;
}

export interface RepeatContext {
  complaint: ComplaintView;
  /** Earlier complaints of the last 90 days that share the complainant, the asset or its model, newest first. */
  candidates: RepeatCandidate[];
}

export interface RepeatDecision {
  /** Indices into `candidates` of the complaints this one repeats: the core links them. */
  repeats: number[];
  /** The priority the complaint should have at least, or null to leave it. */
  raisePriorityTo: Priority | null;
}

export interface MonthlyReportContext {
  /** YYYY-MM in the tenant's time zone: the month the report covers. */
  month: string;
}

/** Who prepares a month's report, for whom, and by when; the host generates it when the month ends. */
export interface MonthlyReportPlan {
  /** Due by the end of this day of the following month, in the tenant's time zone (1–28). */
  dueByDayOfNextMonth: number;
  /** The role that fills it in and may generate it again; its holders may open it. */
  preparedBy: string | null;
  /** The roles it is submitted to; their holders may open it. */
  addressedTo: string[];
}

export interface EscalationContext {
  complaint: ComplaintView;
  reason: 'MAJOR' | 'DEADLINE_BREACH' | 'UNRESOLVED';
}

export interface EscalationNotice {
  /** The role to tell at once. */
  role: string;
  /**
   * A department code: only the holders of `role` who belong to that department are told
   * (e.g. the manager of the store concerned); every holder of the role when the tenant has
   * no such department or none of its members holds the role. Absent: every holder.
   */
  department?: string | null;
  raisePriorityTo: Priority | null;
}

/** A computed assessment a handler sees beside the complaint: an eligibility, a suggested amount. */
export interface Finding {
  code: string;
  label: LocalizedText;
  /** The legal source, e.g. "家用汽车三包规定 art. 20". */
  cites: string;
  details: Record<string, unknown>;
}

/* eslint-disable @typescript-eslint/no-explicit-any -- a rule's argument type is its own: the
   host reads rules through their schemas, so the collection erases it. */
export interface PluginRules {
  assess: RuleDefinition<any, ComplaintView, Assessment>;
  /** The department code to route to, or null to leave routing to a person. */
  route: RuleDefinition<any, ComplaintView, string | null>;
  deadlines: RuleDefinition<any, StageContext, DeadlineDraft[]>;
  approvalChain: RuleDefinition<any, ResolutionContext, ApprovalStepDraft[]>;
  penalties: RuleDefinition<any, PenaltyEvent, PenaltyDraft[]>;
  followUps: RuleDefinition<any, FollowUpContext, FollowUpPlan>;
  escalation: RuleDefinition<any, EscalationContext, EscalationNotice[]>;
  /** Which earlier complaints this one repeats, and how far that raises its priority; none without it. */
  repeats?: RuleDefinition<any, RepeatContext, RepeatDecision>;
  /** The monthly report the industry asks for; without it, reports are made on demand only. */
  monthlyReport?: RuleDefinition<any, MonthlyReportContext, MonthlyReportPlan>;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

/**
 * An industry rule plugin. The core owns the lifecycle and the records; everything that
 * differs between a hospital and a car dealer is declared or decided here. A tenant runs one
 * plugin at a time: its installed industry plugin, or the default plugin.
 */
export interface ComplaintPlugin {
  /** Lower-case with dashes: `automotive-dealer`. */
  id: string;
  /** Semver; a complaint records the version that governed it. */
  version: string;
  title: LocalizedText;
  description: LocalizedText;
  categories: CategoryDefinition[];
  intakeFields: IntakeFieldDefinition[];
  roles: RoleDeclaration[];
  departments: DepartmentDeclaration[];
  rejectionReasons: ReasonDefinition[];
  rules: PluginRules;
  /** Assessments shown to handlers, each null when it does not apply. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in PluginRules
  findings: RuleDefinition<any, ComplaintView, Finding | null>[];
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

/** Declares a finding: a rule over a complaint view that yields a Finding, or null when it does not apply. */
export function defineFinding<S extends z.ZodType>(rule: {
  code: string;
  description: LocalizedText;
  args: S;
  evaluate(view: ComplaintView, args: z.output<S>, clock: Clock): Finding | null;
}): RuleDefinition<z.output<S>, ComplaintView, Finding | null> {
  return defineRule(rule);
}

/** Declares a plugin; the host validates it again when it registers it. */
export function definePlugin<P extends ComplaintPlugin>(plugin: P): P {
  return plugin;
}

/** Every rule of a plugin, decisions and findings, in a stable order. */
export function allRules(plugin: ComplaintPlugin): RuleDefinition<unknown, unknown, unknown>[] {
  return [...Object.values(plugin.rules).filter(Boolean), ...plugin.findings] as RuleDefinition<unknown, unknown, unknown>[];
}
