import { calendarDaysAfter, cents, defineFinding, hasDemand, type ComplaintView } from '@redress/plugin-api';
import { z } from 'zod';

/** Consumer-law assessments (domain §8 Retail); each null when its intake fields are missing. */

const field = <T>(view: ComplaintView, key: string) => view.fields[key] as T | undefined;

export const noReasonReturn = defineFinding({
  code: 'retail.no-reason-return',
  description: {
    en: 'Distance sales may be returned without reason within 7 days of receipt, save the excluded goods (Consumer Rights Protection Law art. 25)',
    'zh-CN': '网购等远程购物自收货之日起七日内可无理由退货，法定除外商品除外（消费者权益保护法第二十五条）',
  },
  args: z.object({ days: z.number().int().min(1).max(90).default(7), refundWithinDays: z.number().int().min(1).max(90).default(7) }),
  evaluate(view, args, clock) {
    const receivedOn = field<string>(view, 'goodsReceivedOn');
    if (field<boolean>(view, 'distanceSale') !== true || !receivedOn) return null;
    const exclusion = field<string>(view, 'exclusion') ?? null;
    const day = calendarDaysAfter(receivedOn, clock.today());
    const eligible = exclusion === null && day <= args.days;
    return {
      code: eligible ? 'retail.no-reason-return.eligible' : 'retail.no-reason-return.not-eligible',
      label: eligible
        ? { en: 'Returnable without reason; refund within 7 days of getting the goods back', 'zh-CN': '可无理由退货，收到退回商品之日起七日内退款' }
        : { en: 'Not returnable without reason', 'zh-CN': '不适用无理由退货' },
      cites: '消费者权益保护法第二十五条 (Consumer Rights Protection Law art. 25)',
      details: { eligible, dayOfPeriod: day, periodDays: args.days, exclusion, refundWithinDays: args.refundWithinDays },
    };
  },
});

export const qualityReturn = defineFinding({
  code: 'retail.quality-return',
  description: {
    en: 'Goods with a quality defect: return within 7 days of receipt, after that repair or replacement (art. 24)',
    'zh-CN': '商品存在质量问题：收货七日内可退货，超过七日可要求更换或修理（消费者权益保护法第二十四条）',
  },
  args: z.object({ returnDays: z.number().int().min(1).max(90).default(7) }),
  evaluate(view, args, clock) {
    const receivedOn = field<string>(view, 'goodsReceivedOn') ?? field<string>(view, 'purchaseDate');
    if (view.categoryCode !== 'product-quality' || !receivedOn) return null;
    const day = calendarDaysAfter(receivedOn, clock.today());
    const returnable = day <= args.returnDays;
    return {
      code: returnable ? 'retail.quality-return.return' : 'retail.quality-return.repair-or-replace',
      label: returnable
        ? { en: 'The customer may return the goods', 'zh-CN': '顾客可以退货' }
        : { en: 'Repair or replace the goods', 'zh-CN': '应予更换或修理' },
      cites: '消费者权益保护法第二十四条 (art. 24)',
      details: { dayOfPeriod: day, returnDays: args.returnDays },
    };
  },
});

export const fraudCompensation = defineFinding({
  code: 'retail.fraud-compensation',
  description: {
    en: 'Fraud: extra compensation of 3 × the price, at least 500 yuan; food: 10 × the price, at least 1,000 yuan',
    'zh-CN': '欺诈：按价款三倍赔偿，不足五百元按五百元；食品按价款十倍，不足一千元按一千元',
  },
  args: z.object({
    multiple: z.number().positive().default(3),
    minimum: z.number().nonnegative().default(500),
    foodMultiple: z.number().positive().default(10),
    foodMinimum: z.number().nonnegative().default(1000),
  }),
  evaluate(view, args) {
    const price = field<number>(view, 'price');
    if (view.categoryCode !== 'price.fraud' || price === undefined) return null;
    const food = field<boolean>(view, 'isFood') === true;
    const [multiple, minimum] = food ? [args.foodMultiple, args.foodMinimum] : [args.multiple, args.minimum];
    const amount = cents(Math.max(price * multiple, minimum));
    return {
      code: 'retail.fraud-compensation',
      label: { en: `Suggested compensation: ${amount}`, 'zh-CN': `建议赔偿金额：${amount}` },
      cites: food ? '食品安全法第一百四十八条 (Food Safety Law art. 148)' : '消费者权益保护法第五十五条 (art. 55)',
      details: { amount, multiple, minimum, price, food },
    };
  },
});

export const deliberateDelay = defineFinding({
  code: 'retail.deliberate-delay',
  description: {
    en: 'A repair, replacement, return or refund not done more than 15 days after the complaint counts as deliberate delay',
    'zh-CN': '修理、更换、退货、退款超过十五日未办理的，视为故意拖延（侵害消费者权益行为处罚办法）',
  },
  args: z.object({ days: z.number().int().min(1).max(365).default(15) }),
  evaluate(view, args, clock) {
    if (!hasDemand(view.demands, 'REFUND', 'EXCHANGE', 'REPAIR')) return null;
    if (['EXECUTED', 'RESPONDED', 'FOLLOW_UP', 'CLOSED', 'REJECTED', 'WITHDRAWN'].includes(view.status)) return null;
    const day = calendarDaysAfter(clock.dateOf(view.receivedAt), clock.today());
    if (day <= args.days) return null; // "超过" excludes the number itself
    return {
      code: 'retail.deliberate-delay',
      label: { en: `Open for ${day} days: deliberate delay`, 'zh-CN': `已${day}日未办理，构成故意拖延` },
      cites: '侵害消费者权益行为处罚办法第八条至第十条',
      details: { days: day, limit: args.days },
    };
  },
});

export const repeatComplaint = defineFinding({
  code: 'retail.repeat-complaint',
  description: {
    en: 'Three or more complaints from one customer in a day are flagged',
    'zh-CN': '同一顾客一天内投诉三次及以上的予以标记',
  },
  args: z.object({ perDay: z.number().int().min(2).max(50).default(3) }),
  evaluate(view, args) {
    const count = view.sameDayComplaintsOfComplainant + 1;
    if (count < args.perDay) return null;
    return {
      code: 'retail.repeat-complaint',
      label: { en: `${count} complaints within a day`, 'zh-CN': `一天内投诉${count}次` },
      cites: '003 篇2 第七至八条',
      details: { count, perDay: args.perDay },
    };
  },
});
