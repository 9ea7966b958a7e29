import type { PluginSamples } from '@redress/plugin-api';

/** Complaints under which each retail finding and rule applies, for the contract suite. */
export const retailSamples: PluginSamples = {
  now: '2026-06-15T04:00:00Z',
  timeZone: 'Asia/Shanghai',
  views: [
    {
      name: 'an online purchase returned on day 5',
      categoryCode: 'after-sales.quality',
      receivedAt: new Date('2026-06-10T02:00:00Z'),
      fields: { distanceSale: true, goodsReceivedOn: '2026-06-05' },
      settled: true,
    },
    {
      name: 'a defect reported on day 5, with a food loss',
      categoryCode: 'product-quality',
      receivedAt: new Date('2026-06-10T02:00:00Z'),
      fields: { goodsReceivedOn: '2026-06-05', isFood: true, price: 50, loss: 800 },
      settled: true,
    },
    { name: 'price fraud', categoryCode: 'price.fraud', fields: { price: 200 }, settled: true },
    {
      name: 'a refund carried out 24 days after it was asked for',
      categoryCode: 'after-sales.efficiency',
      status: 'CLOSED',
      demands: ['REFUND'],
      receivedAt: new Date('2026-05-01T02:00:00Z'),
      executedAt: new Date('2026-05-25T02:00:00Z'),
      closedAt: new Date('2026-05-28T02:00:00Z'),
      settled: true,
    },
    { name: 'the third complaint of the day', categoryCode: 'logistics', sameDayComplaintsOfComplainant: 2, settled: true },
  ],
  repeatCandidates: [
    { match: 'COMPLAINANT', categoryCode: 'logistics', hoursBefore: 2 },
    { match: 'COMPLAINANT', categoryCode: 'logistics', hoursBefore: 20 },
    { match: 'PRODUCT', categoryCode: null, hoursBefore: 2000 },
  ],
  months: ['2026-01', '2026-02', '2026-12'],
};
