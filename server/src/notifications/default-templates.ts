import type { Locale } from '@redress/plugin-api';
import type { NotificationEvent } from './notification-events';

/** One message's template: Mustache, escaped for HTML in `html` only. */
export interface MessageTemplate {
  subject: string;
  text: string;
  html: string;
}

type Written = Record<Locale, { subject: string; body: string }>;

/**
 * The messages as shipped, in both languages; a tenant administrator may replace any of them
 * (setNotificationTemplate). Bodies are plain text; the HTML part is made from the same
 * paragraphs, its variables escaped.
 */
const WRITTEN: Record<NotificationEvent, Written> = {
  COMPLAINT_ASSIGNED: {
    en: {
      subject: 'Complaint {{complaint.number}} assigned to you',
      body:
        'Complaint {{complaint.number}} of {{organization}} has been assigned to you{{#assignedBy}} by {{assignedBy}}{{/assignedBy}}.\n\n' +
        'Priority: {{complaint.priority}}\nStatus: {{complaint.status}}\n\n{{complaint.description}}',
    },
    'zh-CN': {
      subject: '投诉 {{complaint.number}} 已分派给您',
      body:
        '{{organization}} 的投诉 {{complaint.number}} 已分派给您{{#assignedBy}}（分派人：{{assignedBy}}）{{/assignedBy}}。\n\n' +
        '优先级：{{complaint.priority}}\n状态：{{complaint.status}}\n\n{{complaint.description}}',
    },
  },
  APPROVAL_REQUESTED: {
    en: {
      subject: 'Approval needed: complaint {{complaint.number}}',
      body:
        'A resolution of complaint {{complaint.number}} waits for your decision: {{step}}.\n\n' +
        'Resolution: {{resolution.kind}}{{#resolution.amount}} {{resolution.amount}} {{resolution.currency}}{{/resolution.amount}}',
    },
    'zh-CN': {
      subject: '待审批：投诉 {{complaint.number}}',
      body:
        '投诉 {{complaint.number}} 的处理方案等待您审批：{{step}}。\n\n' +
        '处理方案：{{resolution.kind}}{{#resolution.amount}} {{resolution.amount}} {{resolution.currency}}{{/resolution.amount}}',
    },
  },
  DEADLINE_DUE_SOON: {
    en: {
      subject: 'Due soon: {{stage}}, complaint {{complaint.number}}',
      body: 'The clock {{stage}} of complaint {{complaint.number}} runs out at {{dueAt}}.',
    },
    'zh-CN': {
      subject: '即将到期：投诉 {{complaint.number}} 的{{stage}}',
      body: '投诉 {{complaint.number}} 的时限「{{stage}}」将于 {{dueAt}} 到期。',
    },
  },
  DEADLINE_BREACHED: {
    en: {
      subject: 'Deadline passed: {{stage}}, complaint {{complaint.number}}',
      body: 'The clock {{stage}} of complaint {{complaint.number}} ran out at {{dueAt}}.',
    },
    'zh-CN': {
      subject: '已超时：投诉 {{complaint.number}} 的{{stage}}',
      body: '投诉 {{complaint.number}} 的时限「{{stage}}」已于 {{dueAt}} 到期未完成。',
    },
  },
  COMPLAINT_ESCALATED: {
    en: {
      subject: 'Escalated: complaint {{complaint.number}}',
      body:
        'Complaint {{complaint.number}} of {{organization}} is escalated to {{role}}: {{reason}}.\n\n' +
        'Priority: {{complaint.priority}}\nStatus: {{complaint.status}}',
    },
    'zh-CN': {
      subject: '投诉升级：{{complaint.number}}',
      body: '{{organization}} 的投诉 {{complaint.number}} 已上报{{role}}：{{reason}}。\n\n优先级：{{complaint.priority}}\n状态：{{complaint.status}}',
    },
  },
  PENALTY_CHARGED: {
    en: {
      subject: 'Penalty charged: complaint {{complaint.number}}',
      body:
        'A penalty was charged to you for complaint {{complaint.number}}: {{penalty.reason}}.\n\n' +
        'Points: {{penalty.points}}{{#penalty.amount}}\nAmount: {{penalty.amount}} {{penalty.currency}}{{/penalty.amount}}\n\n' +
        'A supervisor reviews it and confirms or waives it.',
    },
    'zh-CN': {
      subject: '处罚通知：投诉 {{complaint.number}}',
      body:
        '因投诉 {{complaint.number}} 对您记录一项处罚：{{penalty.reason}}。\n\n' +
        '扣分：{{penalty.points}}{{#penalty.amount}}\n金额：{{penalty.amount}} {{penalty.currency}}{{/penalty.amount}}\n\n主管复核后确认或免除。',
    },
  },
  MONTHLY_REPORT_READY: {
    en: {
      subject: 'Monthly complaint report {{report.month}}',
      body: 'The complaint report of {{organization}} for {{report.month}} is ready.{{#report.dueAt}} It is due by {{report.dueAt}}.{{/report.dueAt}}',
    },
    'zh-CN': {
      subject: '{{report.month}} 投诉月报',
      body: '{{organization}} {{report.month}} 投诉统计月报已生成。{{#report.dueAt}}报送期限：{{report.dueAt}}。{{/report.dueAt}}',
    },
  },
  COMPLAINT_RECEIVED: {
    en: {
      subject: 'We received your complaint: tracking code {{complaint.trackingCode}}',
      body:
        'Thank you. {{organization}} received your complaint.\n\n' +
        'Your tracking code is {{complaint.trackingCode}}. Keep it to follow your complaint on the status page.',
    },
    'zh-CN': {
      subject: '您的投诉已受理，查询码 {{complaint.trackingCode}}',
      body: '感谢您的反馈，{{organization}} 已收到您的投诉。\n\n您的查询码为 {{complaint.trackingCode}}，请妥善保存，可凭此在状态页查询处理进度。',
    },
  },
  COMPLAINT_ACKNOWLEDGED: {
    en: {
      subject: 'Your complaint {{complaint.trackingCode}} is being handled',
      body: '{{organization}} has acknowledged your complaint {{complaint.trackingCode}} and is assessing it.',
    },
    'zh-CN': {
      subject: '您的投诉 {{complaint.trackingCode}} 已确认受理',
      body: '{{organization}} 已确认受理您的投诉 {{complaint.trackingCode}}，正在判定处理。',
    },
  },
  COMPLAINT_REJECTED: {
    en: {
      subject: 'About your complaint {{complaint.trackingCode}}',
      body: '{{organization}} cannot accept your complaint {{complaint.trackingCode}}.\n\nReason: {{rejection.reason}}\n\n{{rejection.guidance}}',
    },
    'zh-CN': {
      subject: '关于您的投诉 {{complaint.trackingCode}}',
      body: '很抱歉，{{organization}} 不予受理您的投诉 {{complaint.trackingCode}}。\n\n原因：{{rejection.reason}}\n\n{{rejection.guidance}}',
    },
  },
  COMPLAINT_ANSWERED: {
    en: {
      subject: 'Our answer to your complaint {{complaint.trackingCode}}',
      body: '{{organization}} answers your complaint {{complaint.trackingCode}}:\n\n{{answer}}',
    },
    'zh-CN': {
      subject: '关于投诉 {{complaint.trackingCode}} 的答复',
      body: '{{organization}} 对您的投诉 {{complaint.trackingCode}} 答复如下：\n\n{{answer}}',
    },
  },
  SURVEY_INVITATION: {
    en: {
      subject: 'How did we do? Complaint {{complaint.trackingCode}}',
      body:
        'Please tell us how satisfied you are with the handling of your complaint {{complaint.trackingCode}}: ' +
        'open the status page with your tracking code and answer the short survey.',
    },
    'zh-CN': {
      subject: '满意度评价邀请：投诉 {{complaint.trackingCode}}',
      body: '请您对投诉 {{complaint.trackingCode}} 的处理进行满意度评价：在状态页输入查询码即可填写简短问卷。',
    },
  },
};

/** The HTML part of a plain-text body: a paragraph per blank-line block, lines kept. */
function htmlOf(body: string): string {
  const paragraphs = body.split('\n\n').map((block) => `<p>${block.split('\n').join('<br>\n')}</p>`);
  return `<!doctype html>\n<html><body style="font-family: sans-serif; line-height: 1.5">\n${paragraphs.join('\n')}\n</body></html>`;
}

export function defaultTemplate(event: NotificationEvent, locale: Locale): MessageTemplate {
  const written = WRITTEN[event][locale];
  return { subject: written.subject, text: written.body, html: htmlOf(written.body) };
}
