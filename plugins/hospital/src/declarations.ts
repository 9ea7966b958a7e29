import type {
  CategoryDefinition,
  DepartmentDeclaration,
  IntakeFieldDefinition,
  ReasonDefinition,
  RoleDeclaration,
} from '@redress/plugin-api';
import { z } from 'zod';

/** Hospitals (domain §4 Hospital: 002 篇二十; §8: 医疗机构投诉管理办法, 2019). */

export const CATEGORIES: CategoryDefinition[] = [
  { code: 'medical', label: { en: 'Medical care', 'zh-CN': '医疗质量' }, defaultDepartment: 'medical-affairs', defaultPriority: 'HIGH' },
  { code: 'nursing', label: { en: 'Nursing', 'zh-CN': '护理服务' }, defaultDepartment: 'nursing', defaultPriority: 'NORMAL' },
  { code: 'fees', label: { en: 'Fees', 'zh-CN': '医疗收费' }, defaultDepartment: 'finance', defaultPriority: 'NORMAL' },
  { code: 'conduct', label: { en: 'Conduct and attitude', 'zh-CN': '医德医风与服务态度' }, defaultDepartment: 'general-office', defaultPriority: 'NORMAL' },
  { code: 'environment', label: { en: 'Environment and facilities', 'zh-CN': '环境与设施' }, defaultDepartment: 'general-office', defaultPriority: 'LOW' },
  { code: 'internal', label: { en: 'Staff complaint', 'zh-CN': '员工内部投诉' }, defaultDepartment: 'general-office', defaultPriority: 'NORMAL' },
];

export const DEPARTMENTS: DepartmentDeclaration[] = [
  { code: 'medical-affairs', name: { en: 'Medical affairs', 'zh-CN': '医教科' } },
  { code: 'finance', name: { en: 'Finance', 'zh-CN': '财务科' } },
  { code: 'general-office', name: { en: 'General office', 'zh-CN': '综合办' } },
  { code: 'nursing', name: { en: 'Nursing department', 'zh-CN': '护理部' } },
  { code: 'service-desk', name: { en: 'One-stop service desk', 'zh-CN': '一站式服务中心' } },
];

export const ROLES: RoleDeclaration[] = [
  { code: 'complaint-office', label: { en: 'Complaint office', 'zh-CN': '投诉管理办公室' } },
  { code: 'department-head', label: { en: 'Department head', 'zh-CN': '科室主任' } },
  { code: 'hospital-leadership', label: { en: 'Hospital leadership', 'zh-CN': '院领导' } },
];

export const INTAKE_FIELDS: IntakeFieldDefinition[] = [
  { key: 'patientId', label: { en: 'Patient id', 'zh-CN': '病历号/就诊号' }, schema: z.string().trim().min(1).max(64), required: false },
  { key: 'ward', label: { en: 'Ward', 'zh-CN': '病区' }, schema: z.string().trim().min(1).max(64), required: false },
  { key: 'visitType', label: { en: 'Visit', 'zh-CN': '就诊类型' }, schema: z.enum(['outpatient', 'inpatient', 'emergency']), required: false },
  {
    key: 'receptionPoint',
    label: { en: 'Received at', 'zh-CN': '受理点' },
    schema: z.enum(['general-office', 'medical-affairs', 'nursing', 'service-desk', 'night-duty', 'nurse-station']),
    required: false,
  },
  { key: 'departmentsInvolved', label: { en: 'Departments involved', 'zh-CN': '涉及科室数' }, schema: z.number().int().min(1).max(50), required: false },
  { key: 'refusedByEmployee', label: { en: 'Employee who refused to receive it', 'zh-CN': '拒绝受理的员工' }, schema: z.string().trim().min(1).max(200), required: false },
  { key: 'newFacts', label: { en: 'New facts or evidence', 'zh-CN': '有新的事实或证据' }, schema: z.boolean(), required: false },
  { key: 'violenceReported', label: { en: 'Violence or unlawful conduct', 'zh-CN': '存在暴力或违法行为' }, schema: z.boolean(), required: false },
];

export const REJECTION_REASONS: ReasonDefinition[] = [
  { code: 'in-court-or-mediation', label: { en: 'Already before a court or third-party mediation', 'zh-CN': '已进入诉讼或第三方调解程序' } },
  { code: 'handled-by-authority-or-petitions', label: { en: 'Already handled by the health authority or the petitions office', 'zh-CN': '已由卫生健康主管部门或信访部门处理' } },
  { code: 'no-clear-object-or-facts', label: { en: 'No clear object or facts', 'zh-CN': '无明确投诉对象和具体事实' } },
  { code: 'public-order-or-criminal', label: { en: 'A public-order or criminal matter', 'zh-CN': '属于治安或刑事案件' } },
  { code: 'outside-remit', label: { en: "Outside the complaint office's remit", 'zh-CN': '超出投诉管理部门职权范围' } },
];
