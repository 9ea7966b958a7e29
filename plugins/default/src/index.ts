import {
  categoryPriority,
  defineCategoryRoute,
  definePenalties,
  definePlugin,
  defineRepeats,
  defineRule,
  raisePriority,
  SATISFACTION_DIMENSION,
  type CategoryDefinition,
  type DeadlineDraft,
  type Priority,
} from '@redress/plugin-api';
import { z } from 'zod';

const CATEGORIES: CategoryDefinition[] = [
  { code: 'product', label: { en: 'Product', 'zh-CN': '产品' }, defaultDepartment: 'quality', defaultPriority: 'NORMAL' },
  {
    code: 'product.quality',
    label: { en: 'Product quality', 'zh-CN': '产品质量' },
    defaultDepartment: 'quality',
    defaultPriority: 'NORMAL',
  },
  { code: 'product.safety', label: { en: 'Product safety', 'zh-CN': '产品安全' }, defaultDepartment: 'quality', defaultPriority: 'URGENT' },
  { code: 'service', label: { en: 'Service', 'zh-CN': '服务' }, defaultDepartment: 'customer-service', defaultPriority: 'NORMAL' },
  {
    code: 'service.attitude',
    label: { en: 'Service attitude', 'zh-CN': '服务态度' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'service.efficiency',
    label: { en: 'Service efficiency', 'zh-CN': '服务效率' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  { code: 'price', label: { en: 'Price', 'zh-CN': '价格' }, defaultDepartment: 'sales', defaultPriority: 'NORMAL' },
  { code: 'delivery', label: { en: 'Delivery', 'zh-CN': '配送' }, defaultDepartment: 'logistics', defaultPriority: 'NORMAL' },
  { code: 'other', label: { en: 'Other', 'zh-CN': '其他' }, defaultDepartment: null, defaultPriority: 'LOW' },
];

/**
 * The plugin a tenant runs with before it installs an industry plugin: generic categories
 * and the electronics manual's clocks (domain §2, 001 §3.3), with every number an argument.
 */
export const defaultPlugin = definePlugin({
  id: 'default',
  version: '1.0.0',
  title: { en: 'General complaint handling', 'zh-CN': '通用投诉处理' },
  description: {
    en: 'Generic categories, time limits from ISO 10002 practice and a supervisor approval for every resolution.',
    'zh-CN': '通用分类、基于 ISO 10002 实践的时限，以及每个处理方案的主管审批。',
  },
  categories: CATEGORIES,
  intakeFields: [],
  roles: [],
  departments: [
    { code: 'quality', name: { en: 'Quality', 'zh-CN': '质量部' } },
    { code: 'customer-service', name: { en: 'Customer service', 'zh-CN': '客服中心' } },
    { code: 'sales', name: { en: 'Sales', 'zh-CN': '销售部' } },
    { code: 'logistics', name: { en: 'Logistics', 'zh-CN': '物流部' } },
  ],
  rejectionReasons: [
    {
      code: 'out-of-scope',
      label: { en: 'Outside our responsibility', 'zh-CN': '不属于本单位职责范围' },
      publicLabel: { en: 'The matter is not one we are responsible for', 'zh-CN': '该事项不属于本单位职责范围' },
      guidance: {
        en: 'Please turn to the organisation responsible, or to the market regulator (12315)',
        'zh-CN': '请向负有责任的单位反映，或向市场监管部门（12315）投诉',
      },
    },
    {
      code: 'no-clear-facts',
      label: { en: 'No clear object or facts', 'zh-CN': '无明确对象或事实' },
      publicLabel: { en: 'The complaint names no clear object or facts', 'zh-CN': '投诉缺少明确的对象或具体事实' },
      guidance: {
        en: 'You may complain again with what happened, when, and any evidence',
        'zh-CN': '可补充具体经过、时间及相关凭证后重新投诉',
      },
    },
    {
      code: 'customer-at-fault',
      label: { en: 'The cause lies with the customer', 'zh-CN': '属顾客自身原因' },
      publicLabel: { en: 'What happened was not caused by our products or service', 'zh-CN': '经核实，问题并非我方产品或服务所致' },
      guidance: {
        en: 'If you disagree, tell us what we have missed, or turn to the market regulator (12315)',
        'zh-CN': '如有异议，请补充说明情况，或向市场监管部门（12315）投诉',
      },
    },
    {
      code: 'duplicate',
      label: { en: 'Already filed as another complaint', 'zh-CN': '重复投诉' },
      publicLabel: { en: 'The same complaint is already being handled', 'zh-CN': '相同的投诉已在处理中' },
      guidance: { en: 'Follow it with the tracking code of the first complaint', 'zh-CN': '请凭首次投诉的查询码查看处理进度' },
    },
    {
      code: 'in-legal-proceedings',
      label: { en: 'Already before a court or mediator', 'zh-CN': '已进入诉讼或调解程序' },
      publicLabel: { en: 'The matter is already before a court or a mediator', 'zh-CN': '该事项已进入诉讼或调解程序' },
      guidance: { en: 'Please pursue it with the court or the mediator', 'zh-CN': '请通过诉讼或调解程序继续解决' },
    },
  ],
  rules: {
    assess: defineRule({
      code: 'default.assess',
      description: {
        en: 'Priority from the category; major for listed categories; one step higher for a complainant who keeps coming back',
        'zh-CN': '按分类确定优先级；指定分类为重大投诉；反复投诉的顾客提高一级',
      },
      args: z.object({
        majorCategories: z.array(z.string()).default(['product.safety']),
        repeatComplaintsForHigherPriority: z.number().int().min(1).max(100).default(3),
      }),
      evaluate(view, args) {
        let priority = categoryPriority(CATEGORIES, view);
        if (view.recentComplaintsOfComplainant + 1 >= args.repeatComplaintsForHigherPriority) priority = raisePriority(priority);
        const major = view.major || (view.categoryCode !== null && args.majorCategories.includes(view.categoryCode));
        return { priority: major ? 'URGENT' : priority, major };
      },
    }),
    route: defineCategoryRoute({
      code: 'default.route',
      description: { en: "The category's default department", 'zh-CN': '分类对应的默认责任部门' },
      categories: CATEGORIES,
    }),
    deadlines: defineRule({
      code: 'default.deadlines',
      description: {
        en: 'Acknowledge 1 h, assess 4 h, investigate 24 h, resolution plan 48 h, carry out 72 h, answer 24 h; close within 7 days',
        'zh-CN': '1小时内登记确认，4小时内判定分类，24小时内调查，48小时内制定方案，72小时内执行，执行后24小时内反馈；7日内结案',
      },
      args: z.object({
        acknowledgeHours: z.number().positive().max(720).default(1),
        assessHours: z.number().positive().max(720).default(4),
        investigateHours: z.number().positive().max(720).default(24),
        proposeResolutionHours: z.number().positive().max(720).default(48),
        executeHours: z.number().positive().max(720).default(72),
        respondHours: z.number().positive().max(720).default(24),
        closeDays: z.number().int().positive().max(365).default(7),
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
              { stage: 'INVESTIGATE', amount: args.investigateHours, unit: 'hours' },
              { stage: 'PROPOSE_RESOLUTION', amount: args.proposeResolutionHours, unit: 'hours' },
            ];
          case 'APPROVED':
            return [{ stage: 'EXECUTE', amount: args.executeHours, unit: 'hours' }];
          case 'EXECUTED':
            return [{ stage: 'RESPOND', amount: args.respondHours, unit: 'hours' }];
        }
      },
    }),
    approvalChain: defineRule({
      code: 'default.approval-chain',
      description: {
        en: 'A supervisor approves every resolution; a major complaint or an amount from the threshold up also needs the tenant administrator',
        'zh-CN': '每个方案由主管审批；重大投诉或金额达到阈值的方案还需管理员审批',
      },
      args: z.object({ secondApprovalFromAmount: z.number().nonnegative().default(1000) }),
      evaluate({ complaint, resolution }, args) {
        const steps = [{ role: 'supervisor', label: { en: 'Supervisor approval', 'zh-CN': '主管审批' } }];
        if (complaint.major || (resolution.amount ?? 0) >= args.secondApprovalFromAmount) {
          steps.push({ role: 'tenant-admin', label: { en: 'Management approval', 'zh-CN': '管理层审批' } });
        }
        return steps;
      },
    }),
    penalties: definePenalties({
      code: 'default.penalties',
      description: {
        en: 'A point for the handler whose stage ran late; a refusal to receive a complaint counts against the employee',
        'zh-CN': '处理超时的处理人扣分；拒绝受理投诉的员工扣分',
      },
      defaults: { pointsPerBreach: 1, pointsForRefusal: 2 },
      reasons: { breach: (stage) => ({ en: `Stage ${stage} ran late`, 'zh-CN': `${stage} 阶段超时` }) },
    }),
    followUps: defineRule({
      code: 'default.follow-ups',
      description: {
        en: 'First follow-up within 5 working days of carrying out the resolution; product-quality complaints get a second one 5 working days later (003 篇12 九)',
        'zh-CN': '方案执行后5个工作日内首次回访；质量投诉至少回访两次',
      },
      args: z.object({
        firstWithinWorkingDays: z.number().int().min(1).max(60).default(5),
        /** Category codes (and their subcategories) followed up at least twice. */
        qualityCategories: z.array(z.string()).default(['product']),
        qualityVisits: z.number().int().min(1).max(5).default(2),
        thenWithinWorkingDays: z.number().int().min(1).max(60).default(5),
        /** A low score on one of these reopens the complaint; any other low score asks for another follow-up. */
        reopenWhenLow: z.array(z.enum(SATISFACTION_DIMENSION.values)).default(['RESOLUTION']),
        lowScoreFollowUpWithinWorkingDays: z.number().int().min(1).max(60).default(2),
      }),
      evaluate({ complaint }, args) {
        const code = complaint.categoryCode;
        const quality = code !== null && args.qualityCategories.some((q) => code === q || code.startsWith(`${q}.`));
        const later = Array.from({ length: quality ? args.qualityVisits - 1 : 0 }, () => ({
          withinWorkingDays: args.thenWithinWorkingDays,
        }));
        return {
          visits: [{ withinWorkingDays: args.firstWithinWorkingDays }, ...later],
          lowSatisfaction: { reopenWhenLow: args.reopenWhenLow, followUpWithinWorkingDays: args.lowScoreFollowUpWithinWorkingDays },
        };
      },
    }),
    repeats: defineRepeats({
      code: 'default.repeats',
      description: {
        en: 'A complaint of the same category from the same complainant, or about the same asset or product, within 30 days repeats it and goes one step higher',
        'zh-CN': '同一投诉人、同一资产或同一产品30天内同类投诉视为重复投诉，提高一级',
      },
      categories: CATEGORIES,
      defaults: { windowHours: 720, minComplaints: 2 },
    }),
    escalation: defineRule({
      code: 'default.escalation',
      description: {
        en: 'A major or late complaint goes at once to the supervisors and the tenant administrator',
        'zh-CN': '重大或超时投诉立即通知主管和管理员',
      },
      args: z.object({}),
      evaluate(context) {
        const raise: Priority | null = context.reason === 'MAJOR' ? 'URGENT' : 'HIGH';
        return [
          { role: 'supervisor', raisePriorityTo: raise },
          { role: 'tenant-admin', raisePriorityTo: null },
        ];
      },
    }),
  },
  findings: [],
});

export { defaultSamples } from './samples';

export default defaultPlugin;
