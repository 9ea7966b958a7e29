import type {
  CategoryDefinition,
  DepartmentDeclaration,
  IntakeFieldDefinition,
  ReasonDefinition,
  RoleDeclaration,
} from '@redress/plugin-api';
import { z } from 'zod';

/** Car dealers (domain §4 Automotive dealer: 002 篇十一 and 篇十八). */

export const CATEGORIES: CategoryDefinition[] = [
  { code: 'product-quality', label: { en: 'Product quality', 'zh-CN': '产品质量' }, defaultDepartment: 'service', defaultPriority: 'HIGH' },
  {
    code: 'sales-contract',
    label: { en: 'New-car sales contract', 'zh-CN': '新车销售合同' },
    defaultDepartment: 'sales',
    defaultPriority: 'NORMAL',
  },
  { code: 'repair-quality', label: { en: 'Repair quality', 'zh-CN': '维修质量' }, defaultDepartment: 'service', defaultPriority: 'NORMAL' },
  {
    code: 'service-quality',
    label: { en: 'Service quality', 'zh-CN': '服务质量' },
    defaultDepartment: 'customer-relations',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'suggestion',
    label: { en: 'Proposals and criticism', 'zh-CN': '建议与批评' },
    defaultDepartment: 'customer-relations',
    defaultPriority: 'LOW',
  },
];

export const DEPARTMENTS: DepartmentDeclaration[] = [
  { code: 'customer-relations', name: { en: 'Customer relations', 'zh-CN': '客户关系部' } },
  { code: 'sales', name: { en: 'Sales', 'zh-CN': '销售部' } },
  { code: 'service', name: { en: 'After-sales service', 'zh-CN': '售后服务部' } },
];

export const ROLES: RoleDeclaration[] = [
  { code: 'customer-relations-advisor', label: { en: 'Customer-relations advisor', 'zh-CN': '客户关系顾问' } },
  { code: 'customer-relations-manager', label: { en: 'Customer-relations manager', 'zh-CN': '客户关系经理' } },
  { code: 'sales-manager', label: { en: 'Sales manager', 'zh-CN': '销售经理' } },
  { code: 'service-manager', label: { en: 'Service manager', 'zh-CN': '服务经理' } },
  { code: 'general-manager', label: { en: 'General manager', 'zh-CN': '总经理' } },
];

/** The manager of the department responsible for a category (for the major-complaint path). */
export const MANAGER_OF: Record<string, string> = {
  'product-quality': 'service-manager',
  'repair-quality': 'service-manager',
  'sales-contract': 'sales-manager',
  'service-quality': 'customer-relations-manager',
  suggestion: 'customer-relations-manager',
};

const isoDate = z.iso.date('Not an ISO date (YYYY-MM-DD)');
const count = z.number().int().min(0).max(1000);

export const INTAKE_FIELDS: IntakeFieldDefinition[] = [
  { key: 'licencePlate', label: { en: 'Licence plate', 'zh-CN': '车牌号' }, schema: z.string().trim().min(2).max(16), required: false },
  {
    key: 'vin',
    label: { en: 'VIN', 'zh-CN': '车架号（VIN）' },
    schema: z.string().regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'A VIN has 17 letters and digits, without I, O and Q'),
    required: false,
  },
  { key: 'model', label: { en: 'Model', 'zh-CN': '车型' }, schema: z.string().trim().min(1).max(100), required: false },
  { key: 'deliveryDate', label: { en: 'Invoice (delivery) date', 'zh-CN': '购车发票日期' }, schema: isoDate, required: false },
  {
    key: 'mileageKm',
    label: { en: 'Mileage (km)', 'zh-CN': '行驶里程（公里）' },
    schema: z.number().int().min(0).max(2_000_000),
    required: false,
  },
  { key: 'faultFoundOn', label: { en: 'Fault found on', 'zh-CN': '故障发现日期' }, schema: isoDate, required: false },
  {
    key: 'failedAssembly',
    label: { en: 'Failed main assembly', 'zh-CN': '发生故障的总成' },
    schema: z.enum(['engine', 'transmission', 'traction-battery', 'drive-motor']),
    required: false,
  },
  {
    key: 'seriousSafetyFault',
    label: { en: 'Serious safety fault', 'zh-CN': '严重安全性能故障' },
    schema: z.enum(['steering', 'brakes', 'body-cracking', 'fuel-leak', 'battery-fire']),
    required: false,
  },
  {
    key: 'assemblyReplacements',
    label: { en: 'Times an assembly was replaced', 'zh-CN': '总成累计更换次数' },
    schema: count,
    required: false,
  },
  { key: 'safetyRepairs', label: { en: 'Repairs of the safety fault', 'zh-CN': '安全性能故障修理次数' }, schema: count, required: false },
  { key: 'sameProblemRepairs', label: { en: 'Repairs of the same problem', 'zh-CN': '同一问题修理次数' }, schema: count, required: false },
  {
    key: 'cumulativeRepairDays',
    label: { en: 'Cumulative repair days', 'zh-CN': '累计修理天数' },
    schema: z.number().min(0).max(10_000),
    required: false,
  },
  {
    key: 'currentRepairStartedAt',
    label: { en: 'Current repair started at', 'zh-CN': '本次修理开始时间' },
    schema: z.iso.datetime({ offset: true }),
    required: false,
  },
  {
    key: 'currentRepairFinishedAt',
    label: { en: 'Current repair finished (car handed back) at', 'zh-CN': '本次修理完毕交车时间' },
    schema: z.iso.datetime({ offset: true }),
    required: false,
  },
  { key: 'price', label: { en: 'Vehicle price', 'zh-CN': '车价' }, schema: z.number().nonnegative().max(1e8), required: false },
  {
    key: 'returnKm',
    label: { en: 'Kilometres at return', 'zh-CN': '退车时行驶里程' },
    schema: z.number().nonnegative().max(2_000_000),
    required: false,
  },
];

export const REJECTION_REASONS: ReasonDefinition[] = [
  {
    code: 'out-of-scope',
    label: { en: 'Not a matter of this dealership', 'zh-CN': '不属于本店受理范围' },
    publicLabel: { en: 'The matter is not one this dealership is responsible for', 'zh-CN': '该事项不属于本店的受理范围' },
    guidance: {
      en: 'Please turn to the manufacturer or the dealer that sold the car, or to the market regulator (12315)',
      'zh-CN': '请向生产者或售车经销商反映，或向市场监管部门（12315）投诉',
    },
  },
  {
    code: 'customer-misuse',
    label: { en: 'Caused by improper use', 'zh-CN': '因使用不当造成' },
    publicLabel: { en: 'The inspection found the fault was caused by improper use', 'zh-CN': '经检查，故障系使用不当造成' },
    guidance: {
      en: 'We repair it at your cost if you wish; if you disagree, you may ask for a technical assessment or turn to the market regulator (12315)',
      'zh-CN': '如需维修可按有偿服务办理；如有异议，可申请技术鉴定或向市场监管部门（12315）投诉',
    },
  },
  {
    code: 'outside-warranty',
    label: { en: 'Outside the warranty and replace/return periods', 'zh-CN': '超出包修期及三包有效期' },
    publicLabel: { en: 'The car is outside the warranty and the replace/return periods', 'zh-CN': '车辆已超出包修期及三包有效期' },
    guidance: {
      en: 'We can repair it at your cost; if you disagree with the dates, bring the invoice and the warranty card, or turn to the market regulator (12315)',
      'zh-CN': '可按有偿维修办理；如对期限有异议，请携带购车发票和三包凭证联系我们，或向市场监管部门（12315）投诉',
    },
  },
  {
    code: 'no-clear-facts',
    label: { en: 'No clear object or facts', 'zh-CN': '无明确对象或事实' },
    publicLabel: { en: 'The complaint names no clear object or facts', 'zh-CN': '投诉缺少明确的对象或具体事实' },
    guidance: {
      en: 'You may complain again with the licence plate, what happened and when',
      'zh-CN': '可补充车牌号、故障经过及时间后重新投诉',
    },
  },
];
