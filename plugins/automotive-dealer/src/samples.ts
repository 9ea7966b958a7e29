import type { PluginSamples } from '@redress/plugin-api';

/** Complaints under which each car-dealer finding and rule applies, for the contract suite. */
export const automotiveDealerSamples: PluginSamples = {
  now: '2026-06-15T04:00:00Z',
  timeZone: 'Asia/Shanghai',
  views: [
    {
      name: 'an engine failure found on day 19 at 1,200 km',
      categoryCode: 'product-quality',
      demands: ['EXCHANGE'],
      receivedAt: new Date('2026-05-21T02:00:00Z'),
      fields: { deliveryDate: '2026-05-01', faultFoundOn: '2026-05-20', mileageKm: 1200, failedAssembly: 'engine' },
      settled: true,
    },
    {
      name: 'a fourth brake repair within the replace/return period',
      categoryCode: 'repair-quality',
      fields: { deliveryDate: '2025-03-01', faultFoundOn: '2026-06-01', mileageKm: 20000, seriousSafetyFault: 'brakes', safetyRepairs: 2 },
      settled: true,
    },
    {
      name: 'a repair that took 7 days',
      categoryCode: 'repair-quality',
      fields: { currentRepairStartedAt: '2026-06-01T01:00:00Z', currentRepairFinishedAt: '2026-06-08T01:00:00Z' },
      settled: true,
    },
    {
      name: 'a return after 8,000 km',
      categoryCode: 'sales-contract',
      demands: ['REFUND'],
      fields: { deliveryDate: '2026-01-10', faultFoundOn: '2026-04-01', price: 150000, returnKm: 8000 },
      settled: true,
    },
  ],
};
