import { COMPLAINT_STATUS, DEADLINE_STAGE, PRIORITY, RESOLUTION_KIND, type Locale, type LocalizedText } from '@redress/plugin-api';
import { DateTime } from 'luxon';
import Mustache from 'mustache';
import type { MessageTemplate } from './default-templates';
import { TEMPLATE_VARIABLES, type NotificationEvent } from './notification-events';

/**
 * Templates are logic-less Mustache: a tenant administrator's template can only place the
 * event's variables, never run code. Unescaped tags (`{{{…}}}`, `{{&…}}`), partials and
 * delimiter changes are refused, so in the HTML part every value, complaint text included, is
 * HTML-escaped; the subject and the text part take values as they are.
 */

type Token = [string, string, number, number, Token[]?];

/** Problems of one template part, empty when it may be stored. */
export function templateProblems(event: NotificationEvent, source: string): string[] {
  let tokens: Token[];
  try {
    tokens = Mustache.parse(source) as unknown as Token[];
  } catch (error) {
    return [`Not a valid template: ${(error as Error).message}`];
  }
  const known = TEMPLATE_VARIABLES[event];
  const problems: string[] = [];
  const visit = (list: Token[]) => {
    for (const [type, value, , , children] of list) {
      if (type === '&' || type === '{') problems.push(`Unescaped values are not allowed: {{${value}}} must use two braces`);
      else if (type === '>') problems.push('Partials are not allowed');
      else if (type === '=') problems.push('Changing the delimiters is not allowed');
      else if (type === 'name' || type === '#' || type === '^') {
        const name = value.trim();
        const fits =
          name === '.' || known.some((variable) => variable === name || variable.startsWith(`${name}.`) || variable.endsWith(`.${name}`));
        if (!fits) problems.push(`Unknown variable ${name}; this event has: ${known.join(', ')}`);
      }
      if (children) visit(children);
    }
  };
  visit(tokens);
  return [...new Set(problems)];
}

const asIs = (value: unknown) => String(value);

/** Renders the three parts; the subject is one line. */
export function renderMessage(template: MessageTemplate, view: Record<string, unknown>): MessageTemplate {
  const subject = Mustache.render(template.subject, view, {}, { escape: asIs })
    .replace(/[\r\n]+/g, ' ')
    .trim();
  return {
    subject,
    text: Mustache.render(template.text, view, {}, { escape: asIs }),
    html: Mustache.render(template.html, view),
  };
}

const ESCALATION_REASONS: Record<string, LocalizedText> = {
  MAJOR: { en: 'a major complaint', 'zh-CN': '重大投诉' },
  DEADLINE_BREACH: { en: 'a deadline passed', 'zh-CN': '处理超时' },
  UNRESOLVED: { en: 'left unresolved', 'zh-CN': '久拖未决' },
};

/** Labels the view needs that only the plugins know. */
export interface ViewLabels {
  role(code: string): LocalizedText | null;
  rejection(pluginId: string, version: string, code: string): { reason: LocalizedText; guidance: LocalizedText } | null;
}

function pick(text: unknown, locale: Locale): string | null {
  if (text && typeof text === 'object' && locale in text) return (text as LocalizedText)[locale];
  return typeof text === 'string' ? text : null;
}

function labelOf<T extends string>(vocabulary: { labels: Record<T, LocalizedText> }, code: unknown, locale: Locale): string | null {
  return typeof code === 'string' && code in vocabulary.labels ? vocabulary.labels[code as T][locale] : null;
}

/** A time as people of the tenant read it: its local date and time. */
function localTime(iso: unknown, timeZone: string): string | null {
  if (typeof iso !== 'string') return null;
  return DateTime.fromISO(iso, { zone: timeZone }).toFormat('yyyy-MM-dd HH:mm');
}

/**
 * The values a template sees, in one language, from the facts stored with a notification:
 * codes become labels, times the tenant's local time, `{ en, zh-CN }` texts one language.
 */
export function templateView(data: Record<string, unknown>, locale: Locale, timeZone: string, labels: ViewLabels): Record<string, unknown> {
  const complaint = (data.complaint ?? null) as Record<string, unknown> | null;
  const resolution = (data.resolution ?? null) as Record<string, unknown> | null;
  const penalty = (data.penalty ?? null) as Record<string, unknown> | null;
  const report = (data.report ?? null) as Record<string, unknown> | null;
  const rejection: { code?: string; pluginId?: string; pluginVersion?: string } | null = data.rejection ?? null;
  const rejected =
    rejection?.code && rejection.pluginId && rejection.pluginVersion
      ? labels.rejection(rejection.pluginId, rejection.pluginVersion, rejection.code)
      : null;
  const role = typeof data.role === 'string' ? (labels.role(data.role)?.[locale] ?? data.role) : null;
  return {
    organization: data.organization ?? null,
    complaint: complaint && {
      number: complaint.number,
      trackingCode: complaint.trackingCode,
      status: labelOf(COMPLAINT_STATUS, complaint.status, locale),
      priority: labelOf(PRIORITY, complaint.priority, locale),
      description: complaint.description ?? null,
    },
    assignedBy: data.assignedBy ?? null,
    step: pick(data.step, locale),
    role,
    reason: typeof data.reason === 'string' ? (pick(ESCALATION_REASONS[data.reason], locale) ?? data.reason) : null,
    stage: labelOf(DEADLINE_STAGE, data.stage, locale),
    dueAt: localTime(data.dueAt, timeZone),
    resolution: resolution && {
      kind: labelOf(RESOLUTION_KIND, resolution.kind, locale),
      amount: resolution.amount ?? null,
      currency: resolution.currency ?? null,
    },
    penalty: penalty && {
      reason: pick(penalty.reason, locale),
      points: penalty.points,
      amount: penalty.amount ?? null,
      currency: penalty.currency ?? null,
    },
    report: report && { month: report.month, dueAt: localTime(report.dueAt, timeZone) },
    rejection: rejected ? { reason: rejected.reason[locale], guidance: rejected.guidance[locale] } : null,
    answer: data.answer ?? null,
  };
}
