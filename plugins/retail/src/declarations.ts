import type {
  CategoryDefinition,
  DepartmentDeclaration,
  IntakeFieldDefinition,
  ReasonDefinition,
  RoleDeclaration,
} from '@redress/plugin-api';
import { z } from 'zod';

/** Retail chains (domain §4 Retail: 002 篇二十一, 001 ch.7, 003 篇2). */

export const CATEGORIES: CategoryDefinition[] = [
  { code: 'price', label: { en: 'Price', 'zh-CN': '价格投诉' }, defaultDepartment: 'store', defaultPriority: 'NORMAL' },
  {
    code: 'price.difference',
    label: { en: 'Price difference', 'zh-CN': '价格差异' },
    defaultDepartment: 'store',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'price.unclear-promotion',
    label: { en: 'Unclear promotion', 'zh-CN': '促销信息不清' },
    defaultDepartment: 'store',
    defaultPriority: 'NORMAL',
  },
  { code: 'price.fraud', label: { en: 'Price fraud', 'zh-CN': '价格欺诈' }, defaultDepartment: 'administration', defaultPriority: 'HIGH' },
  {
    code: 'after-sales',
    label: { en: 'After-sales service', 'zh-CN': '售后服务' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'after-sales.attitude',
    label: { en: 'Service attitude', 'zh-CN': '服务态度' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'after-sales.efficiency',
    label: { en: 'Service efficiency', 'zh-CN': '服务效率' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'after-sales.quality',
    label: { en: 'Service quality', 'zh-CN': '服务质量' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'NORMAL',
  },
  { code: 'product-quality', label: { en: 'Product quality', 'zh-CN': '商品质量' }, defaultDepartment: 'quality', defaultPriority: 'HIGH' },
  {
    code: 'logistics',
    label: { en: 'Delivery and logistics', 'zh-CN': '物流配送' },
    defaultDepartment: 'logistics',
    defaultPriority: 'NORMAL',
  },
  {
    code: 'suggestion',
    label: { en: 'Criticism and suggestions', 'zh-CN': '批评建议' },
    defaultDepartment: 'customer-service',
    defaultPriority: 'LOW',
  },
];

export const DEPARTMENTS: DepartmentDeclaration[] = [
  { code: 'customer-service', name: { en: 'Customer service', 'zh-CN': '客服中心' } },
  { code: 'store', name: { en: 'Store', 'zh-CN': '门店' } },
  { code: 'administration', name: { en: 'Administration and HR', 'zh-CN': '行政人事部' } },
  { code: 'quality', name: { en: 'Quality', 'zh-CN': '质量部' } },
  { code: 'logistics', name: { en: 'Logistics', 'zh-CN': '物流部' } },
];

export const ROLES: RoleDeclaration[] = [
  { code: 'store-manager', label: { en: 'Store manager', 'zh-CN': '门店主管' } },
  { code: 'administration', label: { en: 'Administration and HR', 'zh-CN': '行政人事部' } },
  { code: 'general-manager', label: { en: 'General manager', 'zh-CN': '总经理' } },
];

const isoDate = z.iso.date('Not an ISO date (YYYY-MM-DD)');

export const INTAKE_FIELDS: IntakeFieldDefinition[] = [
  { key: 'orderNumber', label: { en: 'Order number', 'zh-CN': '订单号' }, schema: z.string().trim().min(1).max(64), required: false },
  { key: 'productCode', label: { en: 'Product code', 'zh-CN': '商品编码' }, schema: z.string().trim().min(1).max(64), required: false },
  { key: 'storeCode', label: { en: 'Store', 'zh-CN': '门店编号' }, schema: z.string().trim().min(1).max(32), required: false },
  { key: 'purchaseDate', label: { en: 'Purchase date', 'zh-CN': '购买日期' }, schema: isoDate, required: false },
  { key: 'price', label: { en: 'Price paid', 'zh-CN': '购买价格' }, schema: z.number().nonnegative().max(1e9), required: false },
  { key: 'isFood', label: { en: 'Food', 'zh-CN': '食品' }, schema: z.boolean(), required: false },
  { key: 'distanceSale', label: { en: 'Bought online or by phone', 'zh-CN': '网购/电视/电话/邮购' }, schema: z.boolean(), required: false },
  { key: 'goodsReceivedOn', label: { en: 'Goods received on', 'zh-CN': '收货日期' }, schema: isoDate, required: false },
  {
    key: 'requestedOn',
    label: {
      en: 'Return, repair or refund asked for on (when before the complaint)',
      'zh-CN': '提出退货、修理或退款要求的日期（早于投诉时）',
    },
    schema: isoDate,
    required: false,
  },
  { key: 'loss', label: { en: 'Loss suffered', 'zh-CN': '遭受的损失金额' }, schema: z.number().nonnegative().max(1e9), required: false },
  {
    key: 'exclusion',
    label: { en: 'Excluded from no-reason return', 'zh-CN': '不适用无理由退货' },
    schema: z.enum(['custom-made', 'perishable', 'digital-unsealed', 'periodical', 'confirmed-non-returnable']),
    required: false,
  },
];

export const REJECTION_REASONS: ReasonDefinition[] = [
  {
    code: 'customer-at-fault',
    label: { en: 'The cause lies with the customer (answered politely, with the reason)', 'zh-CN': '属顾客自身原因（礼貌说明理由）' },
    publicLabel: { en: 'What happened was not caused by our goods or service', 'zh-CN': '经核实，问题并非我司商品或服务所致' },
    guidance: {
      en: 'If you disagree, tell us what we have missed, or turn to the consumer association or the market regulator (12315)',
      'zh-CN': '如有异议，请补充说明情况，或向消费者协会、市场监管部门（12315）投诉',
    },
  },
  {
    code: 'out-of-scope',
    label: { en: 'Not a matter of our stores', 'zh-CN': '不属于本公司门店职责' },
    publicLabel: { en: 'The matter is not one our stores are responsible for', 'zh-CN': '该事项不属于本公司门店的职责范围' },
    guidance: {
      en: 'Please turn to the seller or maker concerned, or to the market regulator (12315)',
      'zh-CN': '请向相关经营者或生产者反映，或向市场监管部门（12315）投诉',
    },
  },
  {
    code: 'duplicate',
    label: { en: 'Already filed as another complaint', 'zh-CN': '重复投诉' },
    publicLabel: { en: 'The same complaint is already being handled', 'zh-CN': '相同的投诉已在处理中' },
    guidance: { en: 'Follow it with the tracking code of the first complaint', 'zh-CN': '请凭首次投诉的查询码查看处理进度' },
  },
  {
    code: 'no-clear-facts',
    label: { en: 'No clear object or facts', 'zh-CN': '无明确对象或事实' },
    publicLabel: { en: 'The complaint names no clear object or facts', 'zh-CN': '投诉缺少明确的对象或具体事实' },
    guidance: {
      en: 'You may complain again with the store, the goods, the date and what happened, and any receipt',
      'zh-CN': '可补充门店、商品、日期、经过及购物凭证后重新投诉',
    },
  },
];
