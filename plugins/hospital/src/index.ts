import {
  categoryPriority,
  DEADLINE_STAGE,
  defineCategoryRoute,
  definePenalties,
  definePlugin,
  defineRule,
  defineSingleFollowUp,
  type ApprovalStepDraft,
  type DeadlineDraft,
  type EscalationNotice,
} from '@redress/plugin-api';
import { z } from 'zod';
import {
  CATEGORIES,
  DEPARTMENTS,
  feedbackArgs,
  feedbackWorkingDays,
  fieldValues,
  INTAKE_FIELDS,
  REJECTION_REASONS,
  ROLES,
} from './declarations';
import { archiveIncomplete, feedbackPeriod, refusalIsAComplaint, reopenOnNewFacts, reportToPolice } from './findings';

const DEPARTMENT_HEAD: ApprovalStepDraft = { role: 'department-head', label: { en: 'Department head review', 'zh-CN': '科室主任审核' } };
const COMPLAINT_OFFICE: ApprovalStepDraft = {
  role: 'complaint-office',
  label: { en: 'Complaint management office review', 'zh-CN': '投诉管理办公室审核' },
};
const LEADERSHIP: ApprovalStepDraft = { role: 'hospital-leadership', label: { en: 'Hospital leadership approval', 'zh-CN': '院领导审批' } };

/**
 * Hospitals (domain §4 Hospital, §8 Hospital): complaints received 24 hours a day at every
 * reception point, first-receiver responsibility (a refusal to receive is itself a
 * complaint), routing by kind, the statutory reasons for not accepting a complaint, and
 * feedback within 5 working days, 10 when several departments are involved.
 */
export const hospitalPlugin = definePlugin({
  id: 'hospital',
  version: '1.0.0',
  title: { en: 'Hospital', 'zh-CN': '医院' },
  description: {
    en: 'Patient complaints received around the clock, routed to medical affairs, finance, nursing or the general office, answered within 5 working days (10 when several departments are involved).',
    'zh-CN': '患者投诉全天24小时受理，按类别分派医教科、财务科、护理部或综合办，5个工作日内反馈（涉及多个科室的10个工作日内反馈）。',
  },
  categories: CATEGORIES,
  intakeFields: INTAKE_FIELDS,
  roles: ROLES,
  departments: DEPARTMENTS,
  rejectionReasons: REJECTION_REASONS,
  rules: {
    assess: defineRule({
      code: 'hospital.assess',
      description: {
        en: "Priority from the category (medical care: high); a complainant's violence or unlawful conduct makes the complaint major and urgent; a major complaint is urgent",
        'zh-CN': '按分类定优先级（医疗类为高）；投诉人有暴力或违法行为的为重大、紧急投诉；重大投诉均为紧急',
      },
      args: z.object({ violenceIsMajor: z.boolean().default(true) }),
      evaluate(view, args) {
        const major = view.major || (args.violenceIsMajor && fieldValues(view).violenceReported);
        return { priority: major ? 'URGENT' : categoryPriority(CATEGORIES, view), major };
      },
    }),
    route: defineCategoryRoute({
      code: 'hospital.route',
      description: {
        en: 'Medical → medical affairs, fees → finance, conduct → general office (002 篇二十); nursing → nursing department, environment and internal → general office; no category: a person routes it',
        'zh-CN':
          '医疗类→医教科，收费类→财务科，医德医风类→综合办（002 篇二十）；护理类→护理部，环境设施与内部投诉→综合办；未分类的由人工分派',
      },
      categories: CATEGORIES,
    }),
    deadlines: defineRule({
      code: 'hospital.deadlines',
      description: {
        en: 'Received 24 hours a day and acknowledged within 24 h (002 篇二十); feedback and close within 5 working days, 10 when several departments are involved (医疗机构投诉管理办法 2019); investigation within 3 working days of assignment and the answer 1 working day after the resolution is carried out (house defaults: the sources give none); no separate clock after approval, the feedback period covers it',
        'zh-CN':
          '全天24小时受理，24小时内确认（002 篇二十）；5个工作日内反馈结案，涉及多个科室的10个工作日内（医疗机构投诉管理办法 2019）；分派后3个工作日内调查核实，方案执行后1个工作日内答复（内部默认值，来源未规定）；审批后不另设时限，由反馈时限涵盖',
      },
      args: z.object({
        acknowledgeHours: z.number().positive().max(720).default(24),
        ...feedbackArgs,
        investigateWorkingDays: z.number().int().min(1).max(60).default(3),
        respondWorkingDays: z.number().int().min(1).max(60).default(1),
      }),
      evaluate({ complaint, start, departmentsInvolved }, args): DeadlineDraft[] {
        switch (start) {
          case 'RECEIVED': {
            // The larger of what the assignments show and what intake recorded.
            const involved = Math.max(departmentsInvolved, fieldValues(complaint).departmentsInvolved ?? 1);
            return [
              { stage: 'ACKNOWLEDGE', amount: args.acknowledgeHours, unit: 'hours' },
              { stage: 'CLOSE', amount: feedbackWorkingDays(involved, args), unit: 'workingDays' },
            ];
          }
          case 'ASSIGNED':
            return [{ stage: 'INVESTIGATE', amount: args.investigateWorkingDays, unit: 'workingDays' }];
          case 'APPROVED':
            return [];
          case 'EXECUTED':
            return [{ stage: 'RESPOND', amount: args.respondWorkingDays, unit: 'workingDays' }];
        }
      },
    }),
    approvalChain: defineRule({
      code: 'hospital.approval-chain',
      description: {
        en: 'The department head, then the complaint management office; the hospital leadership too for a major complaint or an amount from 10,000 up (house default)',
        'zh-CN': '科室主任审核，再由投诉管理办公室审核；重大投诉或金额达到10000元的，报院领导审批（内部默认值）',
      },
      args: z.object({ leadershipFromAmount: z.number().nonnegative().default(10000) }),
      evaluate({ complaint, resolution }, args) {
        const steps = [DEPARTMENT_HEAD, COMPLAINT_OFFICE];
        const amount = resolution.amount;
        if (complaint.major || (amount !== null && amount >= args.leadershipFromAmount)) steps.push(LEADERSHIP);
        return steps;
      },
    }),
    penalties: definePenalties({
      code: 'hospital.penalties',
      description: {
        en: 'Refusing to receive a complaint counts as a complaint against that employee (002 篇二十 item 3): 3 points; the handler of a late stage: 1 point (house defaults); a loss at close, in proportion (002 篇十一 第六条 1): 10 % on the responsible person and 5 % on the department head (house default shares)',
        'zh-CN':
          '拒绝受理投诉的，视为对该员工的投诉（002 篇二十 第3条），扣3分；处理超时的处理人扣1分（内部默认值）；结案时造成损失的按比例追责（002 篇十一 第六条 1）：责任人承担10%，科室主任承担5%（内部默认比例）',
      },
      defaults: { pointsPerBreach: 1, pointsForRefusal: 3, lossShares: { responsiblePersonShare: 0.1, departmentHeadShare: 0.05 } },
      reasons: {
        breach: (stage) => ({ en: `Late: ${DEADLINE_STAGE.labels[stage].en}`, 'zh-CN': `${DEADLINE_STAGE.labels[stage]['zh-CN']}超时` }),
        refusal: {
          en: 'Refused to receive a complaint: recorded as a complaint against the employee',
          'zh-CN': '拒绝受理投诉，视为对该员工的投诉',
        },
      },
    }),
    followUps: defineSingleFollowUp({
      code: 'hospital.follow-ups',
      description: {
        en: 'One follow-up visit within 5 working days of carrying out the resolution (house default after 003 篇12 九: the hospital sources give no period)',
        'zh-CN': '处理方案执行后5个工作日内回访一次（参照 003 篇12 九的内部默认值，医院来源未规定）',
      },
      withinWorkingDays: 5,
    }),
    escalation: defineRule({
      code: 'hospital.escalation',
      description: {
        en: 'A major complaint goes at once to the complaint management office and the hospital leadership and becomes urgent; a late one to the complaint office, an unresolved one to the hospital leadership, priority unchanged',
        'zh-CN': '重大投诉立即报告投诉管理办公室和院领导，并升为紧急；超时投诉报告投诉管理办公室，久拖未决的报告院领导，优先级不变',
      },
      args: z.object({}),
      evaluate({ reason }): EscalationNotice[] {
        switch (reason) {
          case 'MAJOR':
            return [
              { role: 'complaint-office', raisePriorityTo: 'URGENT' },
              { role: 'hospital-leadership', raisePriorityTo: 'URGENT' },
            ];
          case 'DEADLINE_BREACH':
            return [{ role: 'complaint-office', raisePriorityTo: null }];
          case 'UNRESOLVED':
            return [{ role: 'hospital-leadership', raisePriorityTo: null }];
        }
      },
    }),
  },
  findings: [reopenOnNewFacts, refusalIsAComplaint, reportToPolice, feedbackPeriod, archiveIncomplete],
});

export { hospitalSamples } from './samples';

export default hospitalPlugin;
