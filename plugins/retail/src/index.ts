import {
  categoryPriority,
  defineCategoryRoute,
  definePenalties,
  definePlugin,
  defineRepeats,
  defineRule,
  defineSingleFollowUp,
  raisePriority,
  type ApprovalStepDraft,
  type DeadlineDraft,
} from '@redress/plugin-api';
import { z } from 'zod';
import { CATEGORIES, DEPARTMENTS, INTAKE_FIELDS, REJECTION_REASONS, ROLES } from './declarations';
import { deliberateDelay, fraudCompensation, noReasonReturn, qualityReturn, repeatComplaint } from './findings';

const SUPERVISOR: ApprovalStepDraft = { role: 'supervisor', label: { en: 'Supervisor review', 'zh-CN': '主管审核' } };
const ADMINISTRATION: ApprovalStepDraft = { role: 'administration', label: { en: 'Administration review', 'zh-CN': '行政人事部审核' } };
const GENERAL_MANAGER: ApprovalStepDraft = { role: 'general-manager', label: { en: 'General manager approval', 'zh-CN': '总经理审批' } };

/**
 * Retail chains (domain §4 Retail): price and after-sales complaints, a store confirms the
 * grounds and its supervisor accepts, an approval chain up to the general manager, every
 * complaint closed within 7 days, and the consumer-law findings of §8.
 */
export const retailPlugin = definePlugin({
  id: 'retail',
  version: '1.0.0',
  title: { en: 'Retail chain', 'zh-CN': '零售连锁' },
  description: {
    en: 'Price and after-sales complaints, store acceptance, supervisor → administration → general manager approval, 7-day close, consumer-law findings.',
    'zh-CN': '价格与售后投诉，门店确认、主管受理，主管→行政人事部→总经理审批，七日结案，消费者权益法规提示。',
  },
  categories: CATEGORIES,
  intakeFields: INTAKE_FIELDS,
  roles: ROLES,
  departments: DEPARTMENTS,
  rejectionReasons: REJECTION_REASONS,
  rules: {
    assess: defineRule({
      code: 'retail.assess',
      description: {
        en: 'Priority from the category; price fraud is a major complaint; a customer complaining again within a day goes one step higher',
        'zh-CN': '按分类定优先级；价格欺诈为重大投诉；同一顾客一天内再次投诉提高一级',
      },
      args: z.object({
        majorCategories: z.array(z.string()).default(['price.fraud']),
        repeatPerDay: z.number().int().min(2).max(50).default(3),
      }),
      evaluate(view, args) {
        let priority = categoryPriority(CATEGORIES, view);
        if (view.sameDayComplaintsOfComplainant + 1 >= args.repeatPerDay) priority = raisePriority(priority);
        const major = view.major || (view.categoryCode !== null && args.majorCategories.includes(view.categoryCode));
        return { priority: major ? 'URGENT' : priority, major };
      },
    }),
    route: defineCategoryRoute({
      code: 'retail.route',
      description: { en: "The category's department", 'zh-CN': '分类对应的责任部门' },
      categories: CATEGORIES,
    }),
    deadlines: defineRule({
      code: 'retail.deadlines',
      description: {
        en: 'Closed within 7 days of receipt (002 篇二十一 第二十六条); inside that: acknowledge and accept within 24 h, investigate 2 days, plan 3 days, carry out 2 days, answer 1 day (house defaults)',
        'zh-CN': '自受理之日起七日内结案；其中24小时内确认受理，2日内调查，3日内提出方案，2日内执行，1日内答复（内部默认值）',
      },
      args: z.object({
        acknowledgeHours: z.number().positive().max(720).default(24),
        assessHours: z.number().positive().max(720).default(24),
        investigateDays: z.number().int().positive().max(60).default(2),
        proposeResolutionDays: z.number().int().positive().max(60).default(3),
        executeDays: z.number().int().positive().max(60).default(2),
        respondDays: z.number().int().positive().max(60).default(1),
        closeDays: z.number().int().positive().max(60).default(7),
      }),
      evaluate({ start }, args): DeadlineDraft[] {
        switch (start) {
          case 'RECEIVED':
            return [
              { stage: 'ACKNOWLEDGE', amount: args.acknowledgeHours, unit: 'hours' },
              { stage: 'ASSESS', amount: args.assessHours, unit: 'hours' },
              { stage: 'CLOSE', amount: args.closeDays, unit: 'days' },
            ];
          case 'ASSIGNED':
            return [
              { stage: 'INVESTIGATE', amount: args.investigateDays, unit: 'days' },
              { stage: 'PROPOSE_RESOLUTION', amount: args.proposeResolutionDays, unit: 'days' },
            ];
          case 'APPROVED':
            return [{ stage: 'EXECUTE', amount: args.executeDays, unit: 'days' }];
          case 'EXECUTED':
            return [{ stage: 'RESPOND', amount: args.respondDays, unit: 'days' }];
        }
      },
    }),
    approvalChain: defineRule({
      code: 'retail.approval-chain',
      description: {
        en: 'Supervisor review; administration from 500; the general manager from 5,000 or for a major complaint (002 篇二十一)',
        'zh-CN': '主管审核；金额达500元由行政人事部审核；达5000元或重大投诉由总经理审批',
      },
      args: z.object({
        administrationFrom: z.number().nonnegative().default(500),
        generalManagerFrom: z.number().nonnegative().default(5000),
      }),
      evaluate({ complaint, resolution }, args) {
        const amount = resolution.amount ?? 0;
        const steps = [SUPERVISOR];
        if (amount >= args.administrationFrom || complaint.major) steps.push(ADMINISTRATION);
        if (amount >= args.generalManagerFrom || complaint.major) steps.push(GENERAL_MANAGER);
        return steps;
      },
    }),
    penalties: definePenalties({
      code: 'retail.penalties',
      description: {
        en: 'The handler whose delay made it late; the responsible person and the department head in proportion to the loss; an employee who refuses a complaint',
        'zh-CN': '延误处理人扣分；责任人和部门负责人按损失比例承担；拒绝受理投诉的员工扣分',
      },
      defaults: { pointsPerBreach: 1, pointsForRefusal: 2, lossShares: { responsiblePersonShare: 0.1, departmentHeadShare: 0.05 } },
      reasons: { breach: () => ({ en: 'Complaint ran late', 'zh-CN': '投诉处理超时' }) },
    }),
    followUps: defineSingleFollowUp({
      code: 'retail.follow-ups',
      description: { en: 'One follow-up within 5 working days of carrying out the resolution', 'zh-CN': '方案执行后5个工作日内回访一次' },
      withinWorkingDays: 5,
    }),
    repeats: defineRepeats({
      code: 'retail.repeats',
      description: {
        en: 'Three or more complaints of the same category from the same customer, or about the same item or product, within a day: linked and one step higher',
        'zh-CN': '同一顾客或同一商品一天内同类投诉三次及以上：关联并提高一级',
      },
      categories: CATEGORIES,
      defaults: { windowHours: 24, minComplaints: 3 },
    }),
    monthlyReport: defineRule({
      code: 'retail.monthly-report',
      description: {
        en: 'Administration fills in the monthly complaint statistics within the first 10 days of the next month and submits them to the general manager (002 篇二十一 第二十七条)',
        'zh-CN': '行政人事部于每月初10日内填报投诉统计表，呈报总经理审核',
      },
      args: z.object({
        dueByDay: z.number().int().min(1).max(28).default(10),
        preparedBy: z.string().min(1).nullable().default('administration'),
        addressedTo: z.array(z.string().min(1)).min(1).default(['general-manager']),
      }),
      evaluate: (_context, args) => ({ dueByDayOfNextMonth: args.dueByDay, preparedBy: args.preparedBy, addressedTo: args.addressedTo }),
    }),
    escalation: defineRule({
      code: 'retail.escalation',
      description: {
        en: 'A major complaint goes at once to the store manager and the general manager; a late one to the supervisor; an unresolved one to the general manager',
        'zh-CN': '重大投诉立即报门店主管和总经理；超时报主管；久拖未决报总经理',
      },
      args: z.object({}),
      evaluate({ reason }) {
        switch (reason) {
          case 'MAJOR':
            return [
              { role: 'store-manager', raisePriorityTo: 'URGENT' as const },
              { role: 'general-manager', raisePriorityTo: 'URGENT' as const },
            ];
          case 'DEADLINE_BREACH':
            return [{ role: 'supervisor', raisePriorityTo: 'HIGH' as const }];
          case 'UNRESOLVED':
            return [{ role: 'general-manager', raisePriorityTo: 'HIGH' as const }];
        }
      },
    }),
  },
  findings: [noReasonReturn, qualityReturn, fraudCompensation, deliberateDelay, repeatComplaint],
});

export { retailSamples } from './samples';

export default retailPlugin;
