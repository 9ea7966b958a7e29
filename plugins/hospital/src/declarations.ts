import type {
  CategoryDefinition,
  ComplaintView,
  DepartmentDeclaration,
  IntakeFieldDefinition,
  ReasonDefinition,
  RoleDeclaration,
} from '@redress/plugin-api';
import { z } from 'zod';

/**
 * What a hospital declares (domain §4 Hospital: 002 篇二十, after the national hospital
 * complaint rules; §8 Hospital: 医疗机构投诉管理办法, 2019).
 */

export const CATEGORIES: CategoryDefinition[] = [
  { code: 'medical', label: { en: 'Medical care', 'zh-CN': '医疗' }, defaultDepartment: 'medical-affairs', defaultPriority: 'HIGH' },
  { code: 'nursing', label: { en: 'Nursing', 'zh-CN': '护理' }, defaultDepartment: 'nursing', defaultPriority: 'NORMAL' },
  { code: 'fees', label: { en: 'Fees', 'zh-CN': '收费' }, defaultDepartment: 'finance', defaultPriority: 'NORMAL' },
  {
    code: 'conduct',
    label: { en: 'Medical ethics and attitude', 'zh-CN': '医德医风/服务态度' },
    defaultDepartment: 'general-office',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'environment',
    label: { en: 'Environment and facilities', 'zh-CN': '环境设施' },
    defaultDepartment: 'general-office',
    defaultPriority: 'LOW',
  },
  {
    code: 'internal',
    label: { en: 'Internal staff complaint', 'zh-CN': '员工内部投诉' },
    defaultDepartment: 'general-office',
    defaultPriority: 'NORMAL',
  },
];

export const DEPARTMENTS: DepartmentDeclaration[] = [
  { code: 'medical-affairs', name: { en: 'Medical affairs', 'zh-CN': '医教科' } },
  { code: 'finance', name: { en: 'Finance', 'zh-CN': '财务科' } },
  { code: 'general-office', name: { en: 'General office', 'zh-CN': '综合办' } },
  { code: 'nursing', name: { en: 'Nursing department', 'zh-CN': '护理部' } },
  { code: 'service-desk', name: { en: 'One-stop service centre', 'zh-CN': '一站式服务中心' } },
];

export const ROLES: RoleDeclaration[] = [
  { code: 'complaint-office', label: { en: 'Complaint management office', 'zh-CN': '投诉管理办公室' } },
  { code: 'department-head', label: { en: 'Department head', 'zh-CN': '科室主任' } },
  { code: 'hospital-leadership', label: { en: 'Hospital leadership', 'zh-CN': '院领导' } },
];

/** Where a complaint may be received, 24 hours a day (002 篇二十). */
export const RECEPTION_POINTS = ['general-office', 'medical-affairs', 'nursing', 'service-desk', 'night-duty', 'nurse-station'] as const;

export const INTAKE_FIELDS: IntakeFieldDefinition[] = [
  { key: 'patientId', label: { en: 'Patient id', 'zh-CN': '病历号/就诊号' }, schema: z.string().min(1).max(64), required: false },
  { key: 'ward', label: { en: 'Ward', 'zh-CN': '病区' }, schema: z.string().max(100), required: false },
  {
    key: 'visitType',
    label: { en: 'Kind of visit', 'zh-CN': '就诊类型' },
    schema: z.enum(['outpatient', 'inpatient', 'emergency']),
    required: false,
  },
  { key: 'receptionPoint', label: { en: 'Received at', 'zh-CN': '受理点' }, schema: z.enum(RECEPTION_POINTS), required: false },
  {
    key: 'departmentsInvolved',
    label: { en: 'Departments involved', 'zh-CN': '涉及科室数' },
    schema: z.number().int().min(1).max(50),
    required: false,
  },
  {
    key: 'refusedByEmployee',
    label: { en: 'Employee who refused to receive the complaint', 'zh-CN': '拒绝受理投诉的员工' },
    schema: z.string().max(200),
    required: false,
  },
  // The archive of a complaint (002 篇二十): the complainant and treatment records, the
  // evidence, the investigation and its result are recorded by the core; these complete it.
  {
    key: 'treatmentRecords',
    label: { en: 'Treatment records concerned (record numbers)', 'zh-CN': '相关诊疗记录（病历/检查单号）' },
    schema: z.array(z.string().min(1).max(64)).min(1).max(50),
    required: false,
  },
  {
    key: 'rectification',
    label: { en: 'Rectification carried out', 'zh-CN': '整改措施' },
    schema: z.string().min(1).max(4000),
    required: false,
  },
  {
    key: 'rectificationEvaluation',
    label: { en: 'Evaluation of the rectification', 'zh-CN': '整改效果评价' },
    schema: z.string().min(1).max(4000),
    required: false,
  },
  {
    key: 'newFacts',
    label: { en: 'New facts or evidence since closing', 'zh-CN': '结案后有新的事实或证据' },
    schema: z.boolean(),
    required: false,
  },
  {
    key: 'violenceReported',
    label: { en: 'Violence or unlawful conduct by the complainant', 'zh-CN': '投诉人有暴力或违法行为' },
    schema: z.boolean(),
    required: false,
  },
];

/** Not accepted, with the reason told (医疗机构投诉管理办法 2019; 002 篇二十). */
export const REJECTION_REASONS: ReasonDefinition[] = [
  {
    code: 'in-court-or-mediation',
    label: { en: 'Already before a court or in third-party mediation', 'zh-CN': '已进入诉讼或第三方调解' },
    publicLabel: { en: 'The matter is already before a court or in third-party mediation', 'zh-CN': '该事项已进入诉讼或第三方调解程序' },
    guidance: { en: 'It is settled there: please pursue it with the court or the mediator', 'zh-CN': '请通过诉讼或调解程序继续解决' },
  },
  {
    code: 'handled-by-authority-or-petitions',
    label: { en: 'Already handled by the health authority or the petitions office', 'zh-CN': '已由卫生主管部门或信访部门处理' },
    publicLabel: {
      en: 'The matter is already being handled by the health authority or the petitions office',
      'zh-CN': '该事项已由卫生健康主管部门或信访部门受理',
    },
    guidance: {
      en: 'Please follow it with the health authority or the petitions office',
      'zh-CN': '请向卫生健康主管部门或信访部门了解处理进展',
    },
  },
  {
    code: 'no-clear-object-or-facts',
    label: { en: 'No clear object of complaint or facts', 'zh-CN': '无明确投诉对象和具体事实' },
    publicLabel: { en: 'The complaint names no clear object or facts', 'zh-CN': '投诉无明确的投诉对象和具体事实' },
    guidance: {
      en: 'You may complain again naming the department or staff member, the date and what happened',
      'zh-CN': '可补充投诉对象（科室或人员）、时间和具体经过后重新投诉',
    },
  },
  {
    code: 'public-order-or-criminal',
    label: { en: 'A public-order or criminal case', 'zh-CN': '治安或刑事案件' },
    publicLabel: { en: 'The matter is a public-order or criminal case', 'zh-CN': '该事项属于治安案件或刑事案件' },
    guidance: { en: 'Please report it to the police (public security organs)', 'zh-CN': '请向公安机关报案' },
  },
  {
    code: 'outside-remit',
    label: { en: "Outside the complaint office's remit", 'zh-CN': '超出投诉管理部门职权' },
    publicLabel: { en: "The matter is outside the hospital complaint office's remit", 'zh-CN': '该事项超出医院投诉管理部门的职权范围' },
    guidance: {
      en: 'Please turn to the competent authority, e.g. the local health commission (12320)',
      'zh-CN': '请向有关主管部门反映，如当地卫生健康委员会（12320）',
    },
  },
];

/** Intake values read defensively: the host validated them, but a view may come from older data. */
export const fieldValues = (view: ComplaintView) => {
  const fields = view.fields ?? {};
  const involved = fields.departmentsInvolved;
  const employee = fields.refusedByEmployee;
  return {
    departmentsInvolved: typeof involved === 'number' && Number.isInteger(involved) && involved >= 1 ? involved : null,
    refusedByEmployee: typeof employee === 'string' && employee.trim() ? employee.trim() : null,
    newFacts: fields.newFacts === true,
    archive: {
      treatmentRecords: Array.isArray(fields.treatmentRecords) && fields.treatmentRecords.length > 0,
      rectification: typeof fields.rectification === 'string' && fields.rectification.trim() !== '',
      rectificationEvaluation: typeof fields.rectificationEvaluation === 'string' && fields.rectificationEvaluation.trim() !== '',
    },
    violenceReported: fields.violenceReported === true,
  };
};

/** The archive fields of a complaint, in the order the archive lists them. */
export const ARCHIVE_FIELDS = ['treatmentRecords', 'rectification', 'rectificationEvaluation'] as const;

/**
 * Defaults of the feedback period (医疗机构投诉管理办法 2019): 5 working days, 10 when
 * several departments are involved. Shared by the deadlines rule and the finding.
 */
export const FEEDBACK = { singleWorkingDays: 5, severalWorkingDays: 10, severalFrom: 2 } as const;

export const feedbackArgs = {
  feedbackWorkingDays: z.number().int().min(1).max(60).default(FEEDBACK.singleWorkingDays),
  severalDepartmentsWorkingDays: z.number().int().min(1).max(60).default(FEEDBACK.severalWorkingDays),
  severalDepartmentsFrom: z.number().int().min(2).max(50).default(FEEDBACK.severalFrom),
};

export function feedbackWorkingDays(
  departmentsInvolved: number,
  args: { feedbackWorkingDays: number; severalDepartmentsWorkingDays: number; severalDepartmentsFrom: number },
): number {
  return departmentsInvolved >= args.severalDepartmentsFrom ? args.severalDepartmentsWorkingDays : args.feedbackWorkingDays;
}
