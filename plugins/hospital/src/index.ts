import {
  defineFinding,
  definePlugin,
  defineRule,
  lossPenalties,
  type ApprovalStepDraft,
  type ComplaintView,
  type DeadlineDraft,
  type StageContext,
} from '@redress/plugin-api';
import { z } from 'zod';
import { CATEGORIES, DEPARTMENTS, INTAKE_FIELDS, REJECTION_REASONS, ROLES } from './declarations';

const categoryOf = (code: string | null) => CATEGORIES.find((category) => category.code === code);
const field = <T>(view: ComplaintView, key: string) => view.fields[key] as T | undefined;

/** Departments involved: the larger of what intake recorded and what the assignments show. */
const departmentsInvolved = (view: ComplaintView, assigned = 1) => Math.max(assigned, field<number>(view, 'departmentsInvolved') ?? 1);

const DEPARTMENT_HEAD: ApprovalStepDraft = { role: 'department-head', label: { en: 'Department head', 'zh-CN': '科室主任审核' } };
const COMPLAINT_OFFICE: ApprovalStepDraft = { role: 'complaint-office', label: { en: 'Complaint office', 'zh-CN': '投诉管理办公室审核' } };
const LEADERSHIP: ApprovalStepDraft = { role: 'hospital-leadership', label: { en: 'Hospital leadership', 'zh-CN': '院领导审批' } };

const feedbackDays = defineRule({
  code: 'hospital.deadlines',
  description: {
    en: 'Received 24 hours a day and acknowledged within 24 h; feedback within 5 working days, 10 when several departments are involved (医疗机构投诉管理办法 2019); investigation 3 working days and the answer 1 working day after the resolution (house defaults)',
    'zh-CN': '全天24小时受理，24小时内确认；一般投诉5个工作日内反馈，涉及多个科室的10个工作日内反馈；调查3个工作日、执行后1个工作日内答复（内部默认值）',
  },
  args: z.object({
    acknowledgeHours: z.number().positive().max(720).default(24),
    feedbackWorkingDays: z.number().int().positive().max(60).default(5),
    severalDepartmentsWorkingDays: z.number().int().positive().max(60).default(10),
    investigateWorkingDays: z.number().int().positive().max(60).default(3),
    respondWorkingDays: z.number().int().positive().max(60).default(1),
  }),
  evaluate({ complaint, start, departmentsInvolved: assigned }: StageContext, args): DeadlineDraft[] {
    const several = departmentsInvolved(complaint, assigned) > 1;
    switch (start) {
      case 'RECEIVED':
        return [
          { stage: 'ACKNOWLEDGE', amount: args.acknowledgeHours, unit: 'hours' },
          { stage: 'CLOSE', amount: several ? args.severalDepartmentsWorkingDays : args.feedbackWorkingDays, unit: 'workingDays' },
        ];
      case 'ASSIGNED':
        return [{ stage: 'INVESTIGATE', amount: args.investigateWorkingDays, unit: 'workingDays' }];
      case 'APPROVED':
        return [];
      case 'EXECUTED':
        return [{ stage: 'RESPOND', amount: args.respondWorkingDays, unit: 'workingDays' }];
    }
  },
});

/**
 * Hospitals (domain §4 Hospital): 24-hour intake at every reception point, first-receiver
 * responsibility, routing by the kind of complaint, the statutory reasons for not accepting
 * one, feedback in 5 or 10 working days, and refusal to receive treated as a complaint.
 */
export const hospitalPlugin = definePlugin({
  id: 'hospital',
  version: '1.0.0',
  title: { en: 'Hospital', 'zh-CN': '医院' },
  description: {
    en: 'Patient complaints received around the clock, routed to medical affairs, finance or the general office, answered within 5 or 10 working days.',
    'zh-CN': '患者投诉全天受理，按类别分派医教科、财务科或综合办，5或10个工作日内反馈。',
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
        en: 'Priority from the category; violence or unlawful conduct makes it major and urgent',
        'zh-CN': '按分类定优先级；涉及暴力或违法行为的为重大、紧急投诉',
      },
      args: z.object({}),
      evaluate(view) {
        const major = view.major || field<boolean>(view, 'violenceReported') === true;
        return { priority: major ? 'URGENT' : (categoryOf(view.categoryCode)?.defaultPriority ?? view.priority), major };
      },
    }),
    route: defineRule({
      code: 'hospital.route',
      description: {
        en: 'Medical → medical affairs, fees → finance, conduct → general office, nursing → nursing department',
        'zh-CN': '医疗类→医教科，收费类→财务科，医德医风类→综合办，护理类→护理部',
      },
      args: z.object({}),
      evaluate: (view) => categoryOf(view.categoryCode)?.defaultDepartment ?? null,
    }),
    deadlines: feedbackDays,
    approvalChain: defineRule({
      code: 'hospital.approval-chain',
      description: {
        en: 'The department head, then the complaint office; hospital leadership for a major complaint or from 10,000',
        'zh-CN': '科室主任审核后由投诉管理办公室审核；重大投诉或金额达一万元报院领导审批',
      },
      args: z.object({ leadershipFrom: z.number().nonnegative().default(10000) }),
      evaluate({ complaint, resolution }, args) {
        const steps = [DEPARTMENT_HEAD, COMPLAINT_OFFICE];
        if (complaint.major || (resolution.amount ?? 0) >= args.leadershipFrom) steps.push(LEADERSHIP);
        return steps;
      },
    }),
    penalties: defineRule({
      code: 'hospital.penalties',
      description: {
        en: 'Refusing to receive a complaint counts as a complaint against that employee (002 篇二十 item 3); late handling and losses are charged as in the accountability rules',
        'zh-CN': '拒绝受理投诉的，视为对该员工的投诉；超时处理与造成损失的按责任追究制度处理',
      },
      args: z.object({
        pointsForRefusal: z.number().int().min(0).max(100).default(3),
        pointsPerBreach: z.number().int().min(0).max(100).default(1),
        responsiblePersonShare: z.number().min(0).max(1).default(0.1),
        departmentHeadShare: z.number().min(0).max(1).default(0.05),
      }),
      evaluate(event, args) {
        switch (event.kind) {
          case 'REFUSAL_TO_RECEIVE':
            return [{
              subject: 'RECEIVING_EMPLOYEE',
              rule: 'hospital.penalties',
              reason: { en: 'Refused to receive a complaint: recorded as a complaint against the employee', 'zh-CN': '拒绝受理投诉，按被投诉处理' },
              points: args.pointsForRefusal,
              amount: null,
            }];
          case 'DEADLINE_BREACH':
            return args.pointsPerBreach > 0
              ? [{ subject: 'HANDLER', rule: 'hospital.penalties', reason: { en: 'Feedback ran late', 'zh-CN': '反馈超时' }, points: args.pointsPerBreach, amount: null }]
              : [];
          case 'LOSS_AT_CLOSE':
            return lossPenalties(event, args, 'hospital.penalties');
        }
      },
    }),
    followUps: defineRule({
      code: 'hospital.follow-ups',
      description: { en: 'One follow-up with the patient within 5 working days of the result', 'zh-CN': '处理结果执行后5个工作日内回访患者一次' },
      args: z.object({ withinWorkingDays: z.number().int().min(1).max(60).default(5) }),
      evaluate: (_context, args) => ({ visits: [{ withinWorkingDays: args.withinWorkingDays }] }),
    }),
    escalation: defineRule({
      code: 'hospital.escalation',
      description: {
        en: 'A major complaint goes at once to the complaint office and the hospital leadership; a late one to the complaint office',
        'zh-CN': '重大投诉立即报告投诉管理办公室和院领导；超时投诉报告投诉管理办公室',
      },
      args: z.object({}),
      evaluate({ reason }) {
        switch (reason) {
          case 'MAJOR':
            return [
              { role: 'complaint-office', raisePriorityTo: 'URGENT' as const },
              { role: 'hospital-leadership', raisePriorityTo: 'URGENT' as const },
            ];
          case 'DEADLINE_BREACH':
            return [{ role: 'complaint-office', raisePriorityTo: 'HIGH' as const }];
          case 'UNRESOLVED':
            return [{ role: 'hospital-leadership', raisePriorityTo: 'HIGH' as const }];
        }
      },
    }),
  },
  findings: [
    defineFinding({
      code: 'hospital.feedback-period',
      description: { en: 'The feedback period that applies', 'zh-CN': '适用的反馈时限' },
      args: z.object({ single: z.number().int().positive().default(5), several: z.number().int().positive().default(10) }),
      evaluate(view, args) {
        const involved = departmentsInvolved(view);
        const workingDays = involved > 1 ? args.several : args.single;
        return {
          code: 'hospital.feedback-period',
          label: { en: `Feedback within ${workingDays} working days`, 'zh-CN': `${workingDays}个工作日内反馈` },
          cites: '医疗机构投诉管理办法（2019）',
          details: { workingDays, departmentsInvolved: involved },
        };
      },
    }),
    defineFinding({
      code: 'hospital.refusal-is-a-complaint',
      description: { en: 'A refusal to receive a complaint is itself a complaint against that employee', 'zh-CN': '拒绝受理投诉的，视为对该员工的投诉' },
      args: z.object({}),
      evaluate(view) {
        const employee = field<string>(view, 'refusedByEmployee');
        if (!employee) return null;
        return {
          code: 'hospital.refusal-is-a-complaint',
          label: { en: `Record a complaint against ${employee}`, 'zh-CN': `应对${employee}登记被投诉` },
          cites: '002 篇二十 第三条（首诉负责制）',
          details: { employee },
        };
      },
    }),
    defineFinding({
      code: 'hospital.reopen-on-new-facts',
      description: { en: 'A closed complaint is reopened when new facts or evidence come', 'zh-CN': '有新的事实或证据的，已办结投诉应重新受理' },
      args: z.object({}),
      evaluate(view) {
        if (field<boolean>(view, 'newFacts') !== true) return null;
        return {
          code: 'hospital.reopen-on-new-facts',
          label: { en: 'New facts: reopen the complaint', 'zh-CN': '有新事实，应重新处理' },
          cites: '医疗机构投诉管理办法（2019）',
          details: { closed: view.status === 'CLOSED' },
        };
      },
    }),
    defineFinding({
      code: 'hospital.report-to-police',
      description: { en: "A complainant's violence or unlawful conduct is reported to the police", 'zh-CN': '投诉人有暴力或违法行为的，应报警处理' },
      args: z.object({}),
      evaluate(view) {
        if (field<boolean>(view, 'violenceReported') !== true) return null;
        return {
          code: 'hospital.report-to-police',
          label: { en: 'Report to the police', 'zh-CN': '报公安机关处理' },
          cites: '002 篇二十',
          details: {},
        };
      },
    }),
  ],
});

export default hospitalPlugin;
