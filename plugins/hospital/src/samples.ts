import type { PluginSamples } from '@redress/plugin-api';

/** Complaints under which each hospital finding and rule applies, for the contract suite. */
export const hospitalSamples: PluginSamples = {
  now: '2026-06-15T04:00:00Z',
  timeZone: 'Asia/Shanghai',
  views: [
    {
      name: 'a closed complaint with new evidence',
      categoryCode: 'medical',
      status: 'CLOSED',
      fields: { newFacts: true, departmentsInvolved: 2 },
      settled: true,
    },
    { name: 'a complaint a nurse refused to receive', categoryCode: 'nursing', fields: { refusedByEmployee: 'Nurse Li' }, settled: true },
    { name: 'a complainant who turned violent', categoryCode: 'conduct', fields: { violenceReported: true }, settled: true },
    {
      name: 'a carried-out resolution without its archive',
      categoryCode: 'fees',
      status: 'EXECUTED',
      fields: { treatmentRecords: ['MR-1'] },
      settled: true,
    },
  ],
};
