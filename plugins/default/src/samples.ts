import type { PluginSamples } from '@redress/plugin-api';

/** Complaints under which each rule of the default plugin has something to decide, for the contract suite. */
export const defaultSamples: PluginSamples = {
  now: '2026-06-15T04:00:00Z',
  timeZone: 'Asia/Shanghai',
  views: [
    { name: 'a product-safety complaint', categoryCode: 'product.safety', settled: true },
    { name: 'a returning complainant about delivery', categoryCode: 'delivery', recentComplaintsOfComplainant: 3, settled: true },
  ],
  repeatCandidates: [
    { match: 'COMPLAINANT', categoryCode: 'delivery', hoursBefore: 48 },
    { match: 'ASSET', categoryCode: 'product.quality', hoursBefore: 5000 },
  ],
};
