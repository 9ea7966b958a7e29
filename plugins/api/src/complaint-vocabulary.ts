import type { LocalizedText } from './localized-text';

/**
 * The words every complaint is described in, shared by the core and every plugin. Each
 * list is the set of values the API accepts, with its label in every language.
 */
function vocabulary<const T extends string>(labels: Record<T, LocalizedText>) {
  return { values: Object.keys(labels) as T[], labels };
}

/** Where a complaint came in (domain §1 receive: 001 §1.1.1, 003 篇1). */
export const CHANNEL = vocabulary({
  PHONE: { en: 'Phone', 'zh-CN': '电话' },
  LETTER: { en: 'Letter', 'zh-CN': '信函' },
  VISIT: { en: 'Visit in person', 'zh-CN': '来访' },
  EMAIL: { en: 'Email', 'zh-CN': '电子邮件' },
  WEB: { en: 'Website', 'zh-CN': '网站' },
  SOCIAL_MEDIA: { en: 'Social media', 'zh-CN': '社交媒体' },
  SERVICE_DESK: { en: 'Service desk', 'zh-CN': '服务台' },
  FAX: { en: 'Fax', 'zh-CN': '传真' },
});
export type Channel = (typeof CHANNEL.values)[number];

/** What the complainant asks for. */
export const DEMAND = vocabulary({
  REFUND: { en: 'Refund', 'zh-CN': '退款' },
  EXCHANGE: { en: 'Exchange', 'zh-CN': '换货' },
  REPAIR: { en: 'Repair', 'zh-CN': '维修' },
  COMPENSATION: { en: 'Compensation', 'zh-CN': '赔偿' },
  PRICE_REDUCTION: { en: 'Price reduction', 'zh-CN': '减价' },
  APOLOGY: { en: 'Apology', 'zh-CN': '道歉' },
  EXPLANATION: { en: 'Explanation', 'zh-CN': '解释说明' },
  SUGGESTION: { en: 'Suggestion', 'zh-CN': '意见建议' },
});
export type Demand = (typeof DEMAND.values)[number];

/** The stages of domain §1, as statuses. */
export const COMPLAINT_STATUS = vocabulary({
  RECEIVED: { en: 'Received', 'zh-CN': '已受理' },
  ACKNOWLEDGED: { en: 'Acknowledged', 'zh-CN': '已确认' },
  ACCEPTED: { en: 'Accepted', 'zh-CN': '已立案' },
  REJECTED: { en: 'Not accepted', 'zh-CN': '不予受理' },
  ASSIGNED: { en: 'Assigned', 'zh-CN': '已分派' },
  INVESTIGATING: { en: 'Under investigation', 'zh-CN': '调查核实中' },
  RESOLUTION_PROPOSED: { en: 'Resolution proposed', 'zh-CN': '已制定方案' },
  IN_APPROVAL: { en: 'In approval', 'zh-CN': '审批中' },
  SENT_BACK: { en: 'Sent back for revision', 'zh-CN': '退回修改' },
  APPROVED: { en: 'Approved', 'zh-CN': '已批准' },
  EXECUTED: { en: 'Resolution carried out', 'zh-CN': '已执行' },
  RESPONDED: { en: 'Answered', 'zh-CN': '已反馈' },
  FOLLOW_UP: { en: 'Follow-up', 'zh-CN': '回访中' },
  CLOSED: { en: 'Closed', 'zh-CN': '已结案' },
  WITHDRAWN: { en: 'Withdrawn', 'zh-CN': '已撤回' },
});
export type ComplaintStatus = (typeof COMPLAINT_STATUS.values)[number];

export const PRIORITY = vocabulary({
  LOW: { en: 'Low', 'zh-CN': '低' },
  NORMAL: { en: 'Normal', 'zh-CN': '普通' },
  HIGH: { en: 'High', 'zh-CN': '高' },
  URGENT: { en: 'Urgent', 'zh-CN': '紧急' },
});
export type Priority = (typeof PRIORITY.values)[number];

export const RESOLUTION_KIND = vocabulary({
  REFUND: { en: 'Refund', 'zh-CN': '退款' },
  EXCHANGE: { en: 'Exchange', 'zh-CN': '换货' },
  REPAIR: { en: 'Repair', 'zh-CN': '维修' },
  COMPENSATION: { en: 'Compensation', 'zh-CN': '赔偿' },
  PRICE_REDUCTION: { en: 'Price reduction', 'zh-CN': '减价' },
  APOLOGY: { en: 'Apology', 'zh-CN': '道歉' },
  EXPLANATION: { en: 'Explanation', 'zh-CN': '解释说明' },
});
export type ResolutionKind = (typeof RESOLUTION_KIND.values)[number];

/** Clocks that run on a complaint; each ends when its stage's work is done. */
export const DEADLINE_STAGE = vocabulary({
  ACKNOWLEDGE: { en: 'Acknowledge', 'zh-CN': '确认受理' },
  ASSESS: { en: 'Assess', 'zh-CN': '判定分类' },
  INVESTIGATE: { en: 'Investigate', 'zh-CN': '调查核实' },
  PROPOSE_RESOLUTION: { en: 'Propose a resolution', 'zh-CN': '制定方案' },
  EXECUTE: { en: 'Carry out the resolution', 'zh-CN': '执行方案' },
  RESPOND: { en: 'Answer the complainant', 'zh-CN': '反馈顾客' },
  CLOSE: { en: 'Close', 'zh-CN': '结案' },
});
export type DeadlineStage = (typeof DEADLINE_STAGE.values)[number];

/** Survey dimensions of domain §5. */
export const SATISFACTION_DIMENSION = vocabulary({
  RESPONSE_SPEED: { en: 'Response speed', 'zh-CN': '响应速度' },
  RESOLUTION: { en: 'Degree of resolution', 'zh-CN': '解决程度' },
  EFFICIENCY: { en: 'Efficiency', 'zh-CN': '处理效率' },
  ATTITUDE: { en: 'Attitude', 'zh-CN': '服务态度' },
  PRICE: { en: 'Price', 'zh-CN': '价格' },
});
export type SatisfactionDimension = (typeof SATISFACTION_DIMENSION.values)[number];
