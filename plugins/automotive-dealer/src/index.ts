import {
  categoryPriority,
  defineCategoryRoute,
  definePenalties,
  definePlugin,
  defineRule,
  defineSingleFollowUp,
  type ApprovalStepDraft,
  type DeadlineDraft,
  type StageContext,
} from '@redress/plugin-api';
import { z } from 'zod';
import { CATEGORIES, DEPARTMENTS, INTAKE_FIELDS, MANAGER_OF, REJECTION_REASONS, ROLES } from './declarations';
import { isReplaceOrReturnRequest, THREE_GUARANTEES } from './three-guarantees';

const managerOf = (categoryCode: string | null) => MANAGER_OF[categoryCode ?? ''] ?? 'customer-relations-manager';
const roleLabel = (code: string) => ROLES.find((role) => role.code === code)!.label;

const GENERAL_MANAGER: ApprovalStepDraft = { role: 'general-manager', label: { en: 'General manager approval', 'zh-CN': '总经理审批' } };

/**
 * Car dealers (domain §4 Automotive dealer): the advisor records, the customer-relations
 * manager judges and names the handler, the responsible manager proposes a solution within
 * one working day, the general manager approves every solution; a major complaint goes at
 * once to the department manager and the general manager; the 三包 rules as findings.
 */
export const automotiveDealerPlugin = definePlugin({
  id: 'automotive-dealer',
  version: '1.0.0',
  title: { en: 'Car dealer', 'zh-CN': '汽车经销商' },
  description: {
    en: 'Vehicle complaints with licence plate and VIN, a solution within one working day, general-manager approval, the major-complaint path and the three-guarantees rules.',
    'zh-CN': '登记车牌号与车架号，一个工作日内提出方案，总经理审批，重大投诉处理流程，以及汽车三包规定。',
  },
  categories: CATEGORIES,
  intakeFields: INTAKE_FIELDS,
  roles: ROLES,
  departments: DEPARTMENTS,
  rejectionReasons: REJECTION_REASONS,
  rules: {
    assess: defineRule({
      code: 'automotive-dealer.assess',
      description: {
        en: 'Priority from the category; a serious safety fault, or a failed main assembly, makes it a major complaint',
        'zh-CN': '按分类定优先级；严重安全性能故障或总成故障为重大投诉',
      },
      args: z.object({ majorOnSafetyFault: z.boolean().default(true), majorOnAssemblyFailure: z.boolean().default(true) }),
      evaluate(view, args) {
        const major =
          view.major ||
          (args.majorOnSafetyFault && view.fields.seriousSafetyFault !== undefined) ||
          (args.majorOnAssemblyFailure && view.fields.failedAssembly !== undefined);
        return { priority: major ? 'URGENT' : categoryPriority(CATEGORIES, view), major };
      },
    }),
    route: defineCategoryRoute({
      code: 'automotive-dealer.route',
      description: {
        en: "The category's department: service, sales or customer relations",
        'zh-CN': '按分类分派售后服务部、销售部或客户关系部',
      },
      categories: CATEGORIES,
    }),
    deadlines: defineRule({
      code: 'automotive-dealer.deadlines',
      description: {
        en: 'Cause and solution within 1 working day (002 篇十一); a replace/return request answered within 10 and completed within 20 working days (art. 28); acknowledge within 4 h, carry out within 3 working days and tell the customer within 4 h (house defaults)',
        'zh-CN':
          '1个工作日内查明原因并提出方案；换退车申请10个工作日内答复、20个工作日内办结；4小时内确认，3个工作日内执行，执行后4小时内告知顾客（内部默认值）',
      },
      args: z.object({
        acknowledgeHours: z.number().positive().max(720).default(4),
        assessWorkingDays: z.number().int().positive().max(60).default(1),
        solutionWorkingDays: z.number().int().positive().max(60).default(1),
        executeWorkingDays: z.number().int().positive().max(60).default(3),
        respondHours: z.number().positive().max(720).default(4),
        replaceOrReturnAnswerWorkingDays: z.number().int().positive().max(60).default(10),
        replaceOrReturnCompleteWorkingDays: z.number().int().positive().max(60).default(20),
      }),
      evaluate({ complaint, start }: StageContext, args): DeadlineDraft[] {
        const request = isReplaceOrReturnRequest(complaint);
        switch (start) {
          case 'RECEIVED':
            return [
              { stage: 'ACKNOWLEDGE', amount: args.acknowledgeHours, unit: 'hours' },
              { stage: 'ASSESS', amount: request ? args.replaceOrReturnAnswerWorkingDays : args.assessWorkingDays, unit: 'workingDays' },
              ...(request
                ? [{ stage: 'CLOSE' as const, amount: args.replaceOrReturnCompleteWorkingDays, unit: 'workingDays' as const }]
                : []),
            ];
          case 'ASSIGNED':
            return [
              { stage: 'INVESTIGATE', amount: args.solutionWorkingDays, unit: 'workingDays' },
              { stage: 'PROPOSE_RESOLUTION', amount: args.solutionWorkingDays, unit: 'workingDays' },
            ];
          case 'APPROVED':
            return [{ stage: 'EXECUTE', amount: args.executeWorkingDays, unit: 'workingDays' }];
          case 'EXECUTED':
            return [{ stage: 'RESPOND', amount: args.respondHours, unit: 'hours' }];
        }
      },
    }),
    approvalChain: defineRule({
      code: 'automotive-dealer.approval-chain',
      description: {
        en: 'The general manager approves every solution; for a major complaint the responsible department manager first',
        'zh-CN': '所有处理方案由总经理审批；重大投诉先由责任部门经理审核',
      },
      args: z.object({}),
      evaluate({ complaint }) {
        if (!complaint.major) return [GENERAL_MANAGER];
        const manager = managerOf(complaint.categoryCode);
        return [{ role: manager, label: roleLabel(manager) }, GENERAL_MANAGER];
      },
    }),
    penalties: definePenalties({
      code: 'automotive-dealer.penalties',
      description: {
        en: 'The responsible person and the department head in proportion to the loss; the handler whose delay made it late (002 篇十一 第六条)',
        'zh-CN': '责任人和部门负责人按损失比例承担；因拖延造成超时的处理人扣分（002 篇十一 第六条）',
      },
      defaults: { pointsPerBreach: 2, pointsForRefusal: 2, lossShares: { responsiblePersonShare: 0.1, departmentHeadShare: 0.05 } },
      reasons: { breach: () => ({ en: 'Delay made the complaint late', 'zh-CN': '拖延导致投诉超时' }) },
    }),
    followUps: defineSingleFollowUp({
      code: 'automotive-dealer.follow-ups',
      description: {
        en: 'Ask the customer about satisfaction within 5 working days of the solution',
        'zh-CN': '方案执行后5个工作日内回访顾客满意度',
      },
      withinWorkingDays: 5,
    }),
    escalation: defineRule({
      code: 'automotive-dealer.escalation',
      description: {
        en: 'A major complaint goes at once to the responsible department manager and the general manager (emergency meeting); a late one to the customer-relations manager',
        'zh-CN': '重大投诉立即报告责任部门经理和总经理（召开紧急会议）；超时投诉报告客户关系经理',
      },
      args: z.object({}),
      evaluate({ complaint, reason }) {
        switch (reason) {
          case 'MAJOR':
            return [
              { role: managerOf(complaint.categoryCode), raisePriorityTo: 'URGENT' as const },
              { role: 'general-manager', raisePriorityTo: 'URGENT' as const },
            ];
          case 'DEADLINE_BREACH':
            return [{ role: 'customer-relations-manager', raisePriorityTo: 'HIGH' as const }];
          case 'UNRESOLVED':
            return [{ role: 'general-manager', raisePriorityTo: 'HIGH' as const }];
        }
      },
    }),
  },
  findings: THREE_GUARANTEES,
});

export { automotiveDealerSamples } from './samples';

export default automotiveDealerPlugin;
