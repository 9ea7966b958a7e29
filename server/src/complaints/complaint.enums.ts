import { CHANNEL, COMPLAINT_STATUS, DEADLINE_STAGE, DEMAND, PRIORITY, RESOLUTION_KIND, SATISFACTION_DIMENSION } from '@redress/plugin-api';
import { registerEnumType } from 'type-graphql';
import { LIFECYCLE_ACTIONS } from './lifecycle';

/** A GraphQL enum whose values are a vocabulary's values; labels come from `*Label` fields. */
function graphqlEnum<T extends string>(name: string, values: readonly T[], description: string): Record<T, T> {
  const enumObject = Object.fromEntries(values.map((value) => [value, value])) as Record<T, T>;
  registerEnumType(enumObject, { name, description });
  return enumObject;
}

export const ComplaintStatusEnum = graphqlEnum('ComplaintStatus', COMPLAINT_STATUS.values, 'Where a complaint stands in its lifecycle');
export const ChannelEnum = graphqlEnum('Channel', CHANNEL.values, 'How a complaint came in');
export const DemandEnum = graphqlEnum('Demand', DEMAND.values, 'What the complainant asks for');
export const PriorityEnum = graphqlEnum('Priority', PRIORITY.values, 'How urgently a complaint is handled');
export const ResolutionKindEnum = graphqlEnum('ResolutionKind', RESOLUTION_KIND.values, 'What a resolution offers');
export const DeadlineStageEnum = graphqlEnum('DeadlineStage', DEADLINE_STAGE.values, 'The stage a clock measures');
export const SatisfactionDimensionEnum = graphqlEnum(
  'SatisfactionDimension',
  SATISFACTION_DIMENSION.values,
  'A dimension of a satisfaction survey',
);
export const RespondentKindEnum = graphqlEnum('RespondentKind', ['STORE', 'DEPARTMENT', 'STAFF'] as const, 'Whom a complaint is about');
export const ApprovalDecisionEnum = graphqlEnum(
  'ApprovalDecision',
  ['APPROVE', 'REJECT', 'SEND_BACK'] as const,
  'A decision on one approval step',
);
export const AssessmentDecisionEnum = graphqlEnum('AssessmentDecision', ['ACCEPT', 'REJECT'] as const, 'Whether a complaint is accepted');
export const EvidenceSourceEnum = graphqlEnum(
  'EvidenceSource',
  ['COMPLAINANT', 'STAFF'] as const,
  'Who added a piece of evidence: the complainant (public form, tracking code) or staff',
);
export const ResolutionStatusEnum = graphqlEnum(
  'ResolutionStatus',
  ['PENDING', 'APPROVED', 'REJECTED', 'SENT_BACK'] as const,
  'Where a proposed resolution stands in its approval',
);

/** Kinds of timeline events; `public` ones are shown to the complainant. */
export const EVENT_KINDS = {
  FILED: { public: true, label: { en: 'Complaint received', 'zh-CN': '投诉已受理' } },
  ACKNOWLEDGED: { public: true, label: { en: 'Acknowledged', 'zh-CN': '已确认受理' } },
  ACCEPTED: { public: true, label: { en: 'Accepted for handling', 'zh-CN': '已立案处理' } },
  REJECTED: { public: true, label: { en: 'Not accepted', 'zh-CN': '不予受理' } },
  ASSIGNED: { public: true, label: { en: 'Assigned to the responsible department', 'zh-CN': '已分派责任部门' } },
  INVESTIGATION_RECORDED: { public: false, label: { en: 'Investigation recorded', 'zh-CN': '已记录调查结果' } },
  RESOLUTION_PROPOSED: { public: false, label: { en: 'Resolution proposed', 'zh-CN': '已提出处理方案' } },
  APPROVAL_DECIDED: { public: false, label: { en: 'Approval step decided', 'zh-CN': '审批已决定' } },
  EXECUTED: { public: true, label: { en: 'Resolution carried out', 'zh-CN': '处理方案已执行' } },
  RESPONDED: { public: true, label: { en: 'Answered', 'zh-CN': '已答复' } },
  FOLLOW_UP_RECORDED: { public: true, label: { en: 'Follow-up recorded', 'zh-CN': '已回访' } },
  SURVEY_ANSWERED: { public: true, label: { en: 'Satisfaction survey answered', 'zh-CN': '已提交满意度评价' } },
  FOLLOW_UP_OVERDUE: { public: false, label: { en: 'Follow-up overdue', 'zh-CN': '回访已逾期' } },
  CLOSED: { public: true, label: { en: 'Closed', 'zh-CN': '已结案' } },
  REOPENED: { public: true, label: { en: 'Reopened', 'zh-CN': '已重新处理' } },
  ESCALATED: { public: false, label: { en: 'Escalated as a major complaint', 'zh-CN': '已升级为重大投诉' } },
  WITHDRAWN: { public: true, label: { en: 'Withdrawn', 'zh-CN': '已撤回' } },
  NOTE_ADDED: { public: false, label: { en: 'Internal note added', 'zh-CN': '已添加内部备注' } },
  EVIDENCE_ADDED: { public: true, label: { en: 'Evidence added', 'zh-CN': '已补充证据材料' } },
  INTERNAL_EVIDENCE_ADDED: { public: false, label: { en: 'Internal file added', 'zh-CN': '已添加内部附件' } },
  FIELDS_UPDATED: { public: false, label: { en: 'Industry fields updated', 'zh-CN': '已更新行业信息' } },
  DEADLINE_BREACHED: { public: false, label: { en: 'Deadline passed', 'zh-CN': '已超过处理时限' } },
  CLOCK_PAUSED: { public: true, label: { en: 'Waiting for the complainant', 'zh-CN': '等待投诉人答复，计时暂停' } },
  CLOCK_RESUMED: { public: true, label: { en: 'Handling resumed', 'zh-CN': '恢复处理计时' } },
  REFUSAL_RECORDED: { public: false, label: { en: 'Refusal to receive recorded', 'zh-CN': '已记录拒绝受理' } },
  PENALTY_REVIEWED: { public: false, label: { en: 'Penalty reviewed', 'zh-CN': '处罚已复核' } },
  COMPLAINANT_MESSAGE: { public: true, label: { en: 'Message from the complainant', 'zh-CN': '投诉人留言' } },
  DEADLINE_RECOUNTED: {
    public: false,
    label: { en: 'Deadlines recounted on the loaded holiday schedule', 'zh-CN': '已按载入的节假日安排重新计算时限' },
  },
} as const;
export type ComplaintEventKind = keyof typeof EVENT_KINDS;
export const ComplaintEventKindEnum = graphqlEnum(
  'ComplaintEventKind',
  Object.keys(EVENT_KINDS) as ComplaintEventKind[],
  'What happened to a complaint',
);

export const SurveyAnsweredByEnum = graphqlEnum(
  'SurveyAnsweredBy',
  ['STAFF', 'COMPLAINANT'] as const,
  'Who gave satisfaction scores: staff on a follow-up visit or call, or the complainant through the tracking code',
);
export const ComplaintActionEnum = graphqlEnum('ComplaintAction', LIFECYCLE_ACTIONS, 'A step of the complaint lifecycle a member takes');
