import { defineFinding } from '@redress/plugin-api';
import { z } from 'zod';
import { ARCHIVE_FIELDS, feedbackArgs, feedbackWorkingDays, fieldValues, INTAKE_FIELDS } from './declarations';

/** What a hospital handler sees beside a complaint; each null when its intake fields are missing. */

const MEASURES = '医疗机构投诉管理办法（2019）';

export const reopenOnNewFacts = defineFinding({
  code: 'hospital.reopen-on-new-facts',
  description: {
    en: 'A closed complaint is reopened when new facts or evidence come (医疗机构投诉管理办法 2019)',
    'zh-CN': '投诉办结后有新的事实或证据的，应重新受理（医疗机构投诉管理办法 2019）',
  },
  args: z.object({}),
  evaluate(view) {
    if (!fieldValues(view).newFacts) return null;
    const closed = view.status === 'CLOSED';
    return {
      code: 'hospital.reopen-on-new-facts',
      label: closed
        ? { en: 'New facts or evidence: reopen the closed complaint', 'zh-CN': '有新的事实或证据，已结案投诉应重新受理' }
        : { en: 'New facts or evidence: take them into the investigation', 'zh-CN': '有新的事实或证据，应纳入调查核实' },
      cites: MEASURES,
      details: { closed },
    };
  },
});

export const refusalIsAComplaint = defineFinding({
  code: 'hospital.refusal-is-a-complaint',
  description: {
    en: 'Refusing to receive a complaint counts as a complaint against the employee who refused (first-receiver responsibility, 002 篇二十 item 3)',
    'zh-CN': '拒绝受理投诉的员工，视为被投诉对象（首诉负责制，002 篇二十 第3条）',
  },
  args: z.object({}),
  evaluate(view) {
    const employee = fieldValues(view).refusedByEmployee;
    if (employee === null) return null;
    return {
      code: 'hospital.refusal-is-a-complaint',
      label: {
        en: `Record a complaint against ${employee}, who refused to receive this one`,
        'zh-CN': `${employee}拒绝受理投诉，应登记为对其的投诉`,
      },
      cites: '002 篇二十 第3条（首诉负责制）; 医疗机构投诉管理办法（2019）',
      details: { employee },
    };
  },
});

export const reportToPolice = defineFinding({
  code: 'hospital.report-to-police',
  description: {
    en: "A complainant's violence or unlawful conduct is reported to the police (002 篇二十)",
    'zh-CN': '投诉人有暴力或其他违法行为的，应报公安机关处理（002 篇二十）',
  },
  args: z.object({}),
  evaluate(view) {
    if (!fieldValues(view).violenceReported) return null;
    return {
      code: 'hospital.report-to-police',
      label: { en: 'Violence or unlawful conduct: report to the police', 'zh-CN': '存在暴力或违法行为，应报警处理' },
      cites: '002 篇二十',
      details: {},
    };
  },
});

export const feedbackPeriod = defineFinding({
  code: 'hospital.feedback-period',
  description: {
    en: 'Feedback within 5 working days, within 10 when several departments are involved (医疗机构投诉管理办法 2019); tune together with hospital.deadlines',
    'zh-CN': '5个工作日内反馈，涉及多个科室的10个工作日内反馈（医疗机构投诉管理办法 2019）；与 hospital.deadlines 同步调整',
  },
  args: z.object(feedbackArgs),
  evaluate(view, args) {
    const departmentsInvolved = fieldValues(view).departmentsInvolved;
    if (departmentsInvolved === null) return null;
    const workingDays = feedbackWorkingDays(departmentsInvolved, args);
    return {
      code: 'hospital.feedback-period',
      label: {
        en: `Feedback within ${workingDays} working days (${departmentsInvolved} department${departmentsInvolved === 1 ? '' : 's'} involved)`,
        'zh-CN': `涉及${departmentsInvolved}个科室，${workingDays}个工作日内反馈`,
      },
      cites: MEASURES,
      details: { workingDays, departmentsInvolved },
    };
  },
});

/** Statuses from which the archive is due: the resolution has been carried out. */
const ARCHIVE_DUE_FROM = new Set(['EXECUTED', 'RESPONDED', 'FOLLOW_UP', 'CLOSED']);

export const archiveIncomplete = defineFinding({
  code: 'hospital.archive-incomplete',
  description: {
    en: 'Once the resolution is carried out, the archive holds the treatment records, the rectification and its evaluation (002 篇二十)',
    'zh-CN': '处理方案执行后，投诉档案应包括相关诊疗记录、整改措施及整改效果评价（002 篇二十）',
  },
  args: z.object({}),
  evaluate(view) {
    if (!ARCHIVE_DUE_FROM.has(view.status)) return null;
    const present = fieldValues(view).archive;
    const missing = ARCHIVE_FIELDS.filter((key) => !present[key]);
    if (missing.length === 0) return null;
    const labels = missing.map((key) => INTAKE_FIELDS.find((field) => field.key === key)!.label);
    return {
      code: 'hospital.archive-incomplete',
      label: {
        en: `Archive incomplete: ${labels.map((label) => label.en).join('; ')}`,
        'zh-CN': `投诉档案不完整：缺${labels.map((label) => label['zh-CN']).join('、')}`,
      },
      cites: '002 篇二十',
      details: { missing },
    };
  },
});
