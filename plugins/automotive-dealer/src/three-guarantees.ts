import {
  addYears,
  calendarDaysAfter,
  cents,
  defineFinding,
  hasDemand,
  intakeField,
  type Clock,
  type ComplaintView,
} from '@redress/plugin-api';
import { z } from 'zod';

/**
 * The 家用汽车产品修理更换退货责任规定 (2021, in force 2022) as findings (domain §8). Periods
 * run from the invoice date, the day itself not counted; "within" includes the number,
 * "over" excludes it; a period of days and kilometres ends with whichever comes first.
 */

const CITE = '家用汽车产品修理更换退货责任规定（2021）';

/** Days since delivery and kilometres on the clock when the fault was found; null without a delivery date. */
function usage(view: ComplaintView, clock: Clock): { day: number; foundOn: string; km: number | null; deliveredOn: string } | null {
  const deliveredOn = intakeField<string>(view, 'deliveryDate');
  if (!deliveredOn) return null;
  const foundOn = intakeField<string>(view, 'faultFoundOn') ?? clock.dateOf(view.receivedAt);
  return { day: calendarDaysAfter(deliveredOn, foundOn), foundOn, km: intakeField<number>(view, 'mileageKm') ?? null, deliveredOn };
}

const within = (value: number | null, limit: number) => value === null || value <= limit;
const withinYears = (use: { deliveredOn: string; foundOn: string }, years: number) => use.foundOn <= addYears(use.deliveredOn, years);

export const assemblyReplacement = defineFinding({
  code: 'automotive-dealer.assembly-replacement',
  description: {
    en: 'Within 60 days or 3,000 km, a failed main part of the engine, transmission, traction battery or drive motor: free replacement of that assembly (art. 20)',
    'zh-CN': '60日内或行驶3000公里之内，发动机、变速器、动力蓄电池、行驶驱动电机主要零件故障的，免费更换总成（第二十条）',
  },
  args: z.object({ days: z.number().int().positive().default(60), km: z.number().positive().default(3000) }),
  evaluate(view, args, clock) {
    const use = usage(view, clock);
    const assembly = intakeField<string>(view, 'failedAssembly');
    if (!use || !assembly) return null;
    const eligible = use.day <= args.days && within(use.km, args.km);
    return {
      code: eligible ? 'automotive-dealer.assembly-replacement.eligible' : 'automotive-dealer.assembly-replacement.not-eligible',
      label: eligible
        ? { en: `Free replacement of the ${assembly} assembly`, 'zh-CN': '应免费更换该总成' }
        : { en: 'Outside 60 days / 3,000 km: repair under warranty', 'zh-CN': '已超过60日或3000公里，按包修处理' },
      cites: `${CITE} 第二十条`,
      details: { eligible, assembly, day: use.day, km: use.km },
    };
  },
});

export const newCarOrReturnEarly = defineFinding({
  code: 'automotive-dealer.new-car-or-return-early',
  description: {
    en: 'Within 7 days an assembly needs replacing, or within 60 days / 3,000 km a steering, brake, body, fuel-leak or battery-fire fault: new car or return (arts. 22, 23)',
    'zh-CN':
      '7日内需更换总成的，或60日内/3000公里内出现转向、制动、车身开裂、燃油泄漏、动力蓄电池起火故障的，可换车或退车（第二十二、二十三条）',
  },
  args: z.object({
    assemblyDays: z.number().int().positive().default(7),
    safetyDays: z.number().int().positive().default(60),
    safetyKm: z.number().positive().default(3000),
  }),
  evaluate(view, args, clock) {
    const use = usage(view, clock);
    if (!use) return null;
    const assembly = intakeField<string>(view, 'failedAssembly');
    const safety = intakeField<string>(view, 'seriousSafetyFault');
    if (!assembly && !safety) return null;
    const byAssembly = assembly !== undefined && use.day <= args.assemblyDays;
    const bySafety = safety !== undefined && use.day <= args.safetyDays && within(use.km, args.safetyKm);
    const eligible = byAssembly || bySafety;
    return {
      code: eligible ? 'automotive-dealer.new-car-or-return-early.eligible' : 'automotive-dealer.new-car-or-return-early.not-eligible',
      label: eligible
        ? { en: 'The customer may choose a new car or a return', 'zh-CN': '消费者可选择换车或退车' }
        : { en: 'No early new car or return', 'zh-CN': '不符合早期换车或退车条件' },
      cites: `${CITE} ${byAssembly ? '第二十二条' : '第二十三条'}`,
      details: { eligible, byAssembly, bySafety, day: use.day, km: use.km },
    };
  },
});

export const newCarOrReturn = defineFinding({
  code: 'automotive-dealer.new-car-or-return',
  description: {
    en: 'Within 2 years / 50,000 km: a safety fault repaired twice, an assembly replaced twice, over 30 repair days or the same problem repaired over 4 times → new car or return (art. 24)',
    'zh-CN':
      '三包有效期（2年或5万公里）内：严重安全故障修理2次仍未排除、总成更换2次仍不能使用、累计修理超过30日或同一问题修理超过4次的，可换车或退车（第二十四条）',
  },
  args: z.object({
    years: z.number().int().positive().default(2),
    km: z.number().positive().default(50000),
    safetyRepairs: z.number().int().positive().default(2),
    assemblyReplacements: z.number().int().positive().default(2),
    repairDaysOver: z.number().positive().default(30),
    sameProblemRepairsOver: z.number().int().positive().default(4),
  }),
  evaluate(view, args, clock) {
    const use = usage(view, clock);
    if (!use) return null;
    const inPeriod = withinYears(use, args.years) && within(use.km, args.km);
    const reasons: string[] = [];
    if ((intakeField<number>(view, 'safetyRepairs') ?? 0) >= args.safetyRepairs) reasons.push('safety-fault-repaired-twice');
    if ((intakeField<number>(view, 'assemblyReplacements') ?? 0) >= args.assemblyReplacements) reasons.push('assembly-replaced-twice');
    if ((intakeField<number>(view, 'cumulativeRepairDays') ?? 0) > args.repairDaysOver) reasons.push('repair-days-over-limit');
    if ((intakeField<number>(view, 'sameProblemRepairs') ?? 0) > args.sameProblemRepairsOver) reasons.push('same-problem-over-limit');
    const eligible = inPeriod && reasons.length > 0;
    return {
      code: eligible ? 'automotive-dealer.new-car-or-return.eligible' : 'automotive-dealer.new-car-or-return.not-eligible',
      label: eligible
        ? { en: 'The customer may choose a new car or a return', 'zh-CN': '消费者可选择换车或退车' }
        : { en: 'No new car or return under art. 24', 'zh-CN': '不符合第二十四条换退车条件' },
      cites: `${CITE} 第二十四条`,
      details: { eligible, inPeriod, reasons, day: use.day, km: use.km },
    };
  },
});

export const warrantyPeriod = defineFinding({
  code: 'automotive-dealer.warranty-period',
  description: {
    en: 'Warranty (包修期) of at least 3 years or 60,000 km, whichever comes first',
    'zh-CN': '包修期不低于3年或6万公里，以先到者为准',
  },
  args: z.object({ years: z.number().int().positive().default(3), km: z.number().positive().default(60000) }),
  evaluate(view, args, clock) {
    const use = usage(view, clock);
    if (!use) return null;
    const inWarranty = withinYears(use, args.years) && within(use.km, args.km);
    return {
      code: inWarranty ? 'automotive-dealer.warranty-period.in' : 'automotive-dealer.warranty-period.out',
      label: inWarranty
        ? { en: 'Within the warranty: free repair', 'zh-CN': '在包修期内，免费修理' }
        : { en: 'Outside the warranty', 'zh-CN': '已超出包修期' },
      cites: CITE,
      details: { inWarranty, endsOn: addYears(use.deliveredOn, args.years), km: use.km },
    };
  },
});

export const backupCar = defineFinding({
  code: 'automotive-dealer.backup-car',
  description: {
    en: 'A single repair over 5 days: a replacement car or transport costs from day 6; every started 24 hours is a repair day (arts. 21, 40)',
    'zh-CN': '一次修理时间超过5日的，自第6日起提供备用车或交通费用补偿；修理时间每满24小时计1日，不足24小时按1日计（第二十一、四十条）',
  },
  args: z.object({ days: z.number().int().positive().default(5) }),
  evaluate(view, args, clock) {
    const started = intakeField<string>(view, 'currentRepairStartedAt');
    if (!started) return null;
    // Art. 40: the repair time runs from taking the car in until it is repaired and handed
    // back. A finished repair is measured to its hand-back, whenever the rule runs; only a
    // repair still going on is measured to now, the end it has so far.
    const finished = intakeField<string>(view, 'currentRepairFinishedAt') ?? null;
    const end = finished === null ? clock.now().getTime() : Date.parse(finished);
    const repairDays = Math.max(0, Math.ceil((end - Date.parse(started)) / 86_400_000));
    if (repairDays <= args.days) return null;
    const daysOwed = repairDays - args.days;
    return {
      code: 'automotive-dealer.backup-car',
      label:
        finished === null
          ? {
              en: `Repair day ${repairDays}: provide a replacement car or transport costs`,
              'zh-CN': `已修理${repairDays}日：应提供备用车或交通费用补偿`,
            }
          : {
              en: `Repaired in ${repairDays} days: a replacement car or transport costs were owed for ${daysOwed} days`,
              'zh-CN': `本次修理${repairDays}日：应就${daysOwed}日提供备用车或交通费用补偿`,
            },
      cites: `${CITE} 第二十一条、第四十条`,
      details: { repairDays, fromDay: args.days + 1, daysOwed, finished: finished !== null },
    };
  },
});

export const answerPeriods = defineFinding({
  code: 'automotive-dealer.answer-periods',
  description: {
    en: 'A replace or return request is answered within 10 working days (with reasons if refused) and completed within 20 (art. 28)',
    'zh-CN': '换车、退车申请应在10个工作日内答复（不符合条件的书面说明理由），符合条件的在20个工作日内办理完毕（第二十八条）',
  },
  args: z.object({
    answerWorkingDays: z.number().int().positive().default(10),
    completeWorkingDays: z.number().int().positive().default(20),
  }),
  evaluate(view, args) {
    if (!isReplaceOrReturnRequest(view)) return null;
    return {
      code: 'automotive-dealer.answer-periods',
      label: {
        en: `Answer within ${args.answerWorkingDays} working days, complete within ${args.completeWorkingDays}`,
        'zh-CN': `${args.answerWorkingDays}个工作日内答复，${args.completeWorkingDays}个工作日内办结`,
      },
      cites: `${CITE} 第二十八条`,
      details: { answerWithinWorkingDays: args.answerWorkingDays, completeWithinWorkingDays: args.completeWorkingDays },
    };
  },
});

export const usageFee = defineFinding({
  code: 'automotive-dealer.usage-fee',
  description: {
    en: 'On a return the customer pays a usage fee of price × km / 1,000 × n, n at most 0.5 % (art. 27)',
    'zh-CN': '退车时收取使用补偿费：车价×行驶里程/1000×n，n不超过0.5%（第二十七条）',
  },
  args: z.object({ rate: z.number().min(0).max(0.005, 'The rate may not exceed 0.5 %').default(0.005) }),
  evaluate(view, args) {
    const price = intakeField<number>(view, 'price');
    const km = intakeField<number>(view, 'returnKm');
    if (!hasDemand(view.demands, 'REFUND') || price === undefined || km === undefined) return null;
    const fee = cents(((price * km) / 1000) * args.rate);
    return {
      code: 'automotive-dealer.usage-fee',
      label: { en: `Usage fee on return: ${fee}`, 'zh-CN': `退车使用补偿费：${fee}` },
      cites: `${CITE} 第二十七条`,
      details: { fee, price, km, rate: args.rate },
    };
  },
});

/** A request for a new car or a refund of a delivered vehicle. */
export function isReplaceOrReturnRequest(view: ComplaintView): boolean {
  return hasDemand(view.demands, 'EXCHANGE', 'REFUND') && intakeField<string>(view, 'deliveryDate') !== undefined;
}

export const THREE_GUARANTEES = [
  assemblyReplacement,
  newCarOrReturnEarly,
  newCarOrReturn,
  warrantyPeriod,
  backupCar,
  answerPeriods,
  usageFee,
];
