import { calendarDaysAfter, cents, defineFinding, hasDemand, intakeField, type Clock, type ComplaintView } from '@redress/plugin-api';
import { z } from 'zod';

/** Consumer-law assessments (domain §8 Retail); each null when its intake fields are missing. */

/**
 * The day the consumer made the request the law measures (to return, to have the goods
 * repaired, replaced or refunded): the `requestedOn` intake field when the request came
 * before the complaint, else the day the complaint was received (a letter entered late keeps
 * the day it arrived). Never the day the rule runs.
 */
const requestedOn = (view: ComplaintView, clock: Clock) => intakeField<string>(view, 'requestedOn') ?? clock.dateOf(view.receivedAt);

export const noReasonReturn = defineFinding({
  code: 'retail.no-reason-return',
  description: {
    en: 'Distance sales may be returned without reason within 7 days of receipt, save the excluded goods (Consumer Rights Protection Law art. 25)',
    'zh-CN': '网购等远程购物自收货之日起七日内可无理由退货，法定除外商品除外（消费者权益保护法第二十五条）',
  },
  args: z.object({ days: z.number().int().min(1).max(90).default(7), refundWithinDays: z.number().int().min(1).max(90).default(7) }),
  evaluate(view, args, clock) {
    const receivedOn = intakeField<string>(view, 'goodsReceivedOn');
    if (intakeField<boolean>(view, 'distanceSale') !== true || !receivedOn) return null;
    const exclusion = intakeField<string>(view, 'exclusion') ?? null;
    // Art. 25: the consumer "有权自收到商品之日起七日内退货" – the day they ask, counted from receipt.
    const day = calendarDaysAfter(receivedOn, requestedOn(view, clock));
    const eligible = exclusion === null && day <= args.days;
    return {
      code: eligible ? 'retail.no-reason-return.eligible' : 'retail.no-reason-return.not-eligible',
      label: eligible
        ? {
            en: 'Returnable without reason; refund within 7 days of getting the goods back',
            'zh-CN': '可无理由退货，收到退回商品之日起七日内退款',
          }
        : { en: 'Not returnable without reason', 'zh-CN': '不适用无理由退货' },
      cites: '消费者权益保护法第二十五条 (Consumer Rights Protection Law art. 25)',
      details: {
        eligible,
        dayOfPeriod: day,
        periodDays: args.days,
        requestedOn: requestedOn(view, clock),
        exclusion,
        refundWithinDays: args.refundWithinDays,
      },
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
    const receivedOn = intakeField<string>(view, 'goodsReceivedOn') ?? intakeField<string>(view, 'purchaseDate');
    if (view.categoryCode !== 'product-quality' || !receivedOn) return null;
    // Art. 24: "自收到商品之日起七日内退货" – measured to the day the consumer asks.
    const day = calendarDaysAfter(receivedOn, requestedOn(view, clock));
    const returnable = day <= args.returnDays;
    return {
      code: returnable ? 'retail.quality-return.return' : 'retail.quality-return.repair-or-replace',
      label: returnable
        ? { en: 'The customer may return the goods', 'zh-CN': '顾客可以退货' }
        : { en: 'Repair or replace the goods', 'zh-CN': '应予更换或修理' },
      cites: '消费者权益保护法第二十四条 (art. 24)',
      details: { dayOfPeriod: day, returnDays: args.returnDays, requestedOn: requestedOn(view, clock) },
    };
  },
});

export const fraudCompensation = defineFinding({
  code: 'retail.fraud-compensation',
  description: {
    en: 'Fraud: extra compensation of 3 × the price, at least 500 yuan (art. 55); food not meeting safety standards: 10 × the price or 3 × the loss, at least 1,000 yuan (Food Safety Law art. 148)',
    'zh-CN':
      '欺诈：按价款三倍赔偿，不足五百元按五百元（消费者权益保护法第五十五条）；不符合食品安全标准的食品：价款十倍或者损失三倍，不足一千元按一千元（食品安全法第一百四十八条）',
  },
  args: z.object({
    multiple: z.number().positive().default(3),
    minimum: z.number().nonnegative().default(500),
    foodMultiple: z.number().positive().default(10),
    foodLossMultiple: z.number().positive().default(3),
    foodMinimum: z.number().nonnegative().default(1000),
  }),
  evaluate(view, args) {
    const price = intakeField<number>(view, 'price');
    const loss = intakeField<number>(view, 'loss') ?? null;
    const food = intakeField<boolean>(view, 'isFood') === true;
    // Art. 148 is about food that fails the safety standards: a quality complaint as much as a fraud.
    const applies = view.categoryCode === 'price.fraud' || (food && view.categoryCode === 'product-quality');
    if (!applies || (price === undefined && loss === null)) return null;
    if (food) {
      // "价款十倍或者损失三倍的赔偿金；增加赔偿的金额不足一千元的，为一千元": the consumer may claim
      // either, so the suggestion is the larger, and never below the minimum.
      const byPrice = price === undefined ? null : cents(price * args.foodMultiple);
      const byLoss = loss === null ? null : cents(loss * args.foodLossMultiple);
      const amount = cents(Math.max(byPrice ?? 0, byLoss ?? 0, args.foodMinimum));
      const basis =
        amount === args.foodMinimum && (byPrice ?? 0) < args.foodMinimum && (byLoss ?? 0) < args.foodMinimum
          ? 'minimum'
          : (byLoss ?? -1) > (byPrice ?? -1)
            ? 'loss'
            : 'price';
      return {
        code: 'retail.fraud-compensation',
        label: { en: `Suggested compensation: ${amount}`, 'zh-CN': `建议赔偿金额：${amount}` },
        cites: '食品安全法第一百四十八条 (Food Safety Law art. 148)',
        details: { amount, basis, price: price ?? null, loss, byPrice, byLoss, minimum: args.foodMinimum, food },
      };
    }
    if (price === undefined) return null;
    const amount = cents(Math.max(price * args.multiple, args.minimum));
    return {
      code: 'retail.fraud-compensation',
      label: { en: `Suggested compensation: ${amount}`, 'zh-CN': `建议赔偿金额：${amount}` },
      cites: '消费者权益保护法第五十五条 (art. 55)',
      details: { amount, multiple: args.multiple, minimum: args.minimum, price, food },
    };
  },
});

export const deliberateDelay = defineFinding({
  code: 'retail.deliberate-delay',
  description: {
    en: 'A repair, replacement, return or refund not done more than 15 days after the consumer asked for it counts as deliberate delay',
    'zh-CN': '修理、更换、退货、退款自消费者提出要求之日起超过十五日未办理的，视为故意拖延（侵害消费者权益行为处罚办法）',
  },
  args: z.object({ days: z.number().int().min(1).max(365).default(15) }),
  evaluate(view, args, clock) {
    if (!hasDemand(view.demands, 'REFUND', 'EXCHANGE', 'REPAIR')) return null;
    // A withdrawn complaint asks for nothing more; a refusal is answered, not delayed (whether it
    // was unreasonable is a different question, not this count).
    if (view.status === 'WITHDRAWN' || view.status === 'REJECTED') return null;
    const from = requestedOn(view, clock);
    // The delay runs from the request until the demand is carried out: to the execution date
    // once it is, and to today only while it is still undone (the delay is still going on), so
    // a request done on day 20 stays a deliberate delay when the rule runs later.
    const running = view.executedAt === null;
    const to = running ? clock.today() : clock.dateOf(view.executedAt!);
    const day = calendarDaysAfter(from, to);
    if (day <= args.days) return null; // "超过" excludes the number itself
    return {
      code: 'retail.deliberate-delay',
      label: running
        ? { en: `Not done ${day} days after the request: deliberate delay`, 'zh-CN': `自提出要求已${day}日未办理，构成故意拖延` }
        : { en: `Done only ${day} days after the request: deliberate delay`, 'zh-CN': `自提出要求${day}日后方才办理，构成故意拖延` },
      cites: '侵害消费者权益行为处罚办法第八条至第十条',
      details: { days: day, limit: args.days, requestedOn: from, until: to, running },
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
