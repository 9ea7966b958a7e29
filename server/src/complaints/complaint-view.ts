import type { ComplaintView } from '@redress/plugin-api';
import type { ComplaintRow } from './complaint-rows';

/** What the policy sees of a complaint: no names, no contact details. */
export function toComplaintView(row: ComplaintRow, recentComplaintsOfComplainant: number): ComplaintView {
  return {
    channel: row.channel,
    status: row.status,
    demands: row.demands,
    description: row.description,
    categoryCode: row.categoryCode,
    priority: row.priority,
    major: row.major,
    receivedAt: row.receivedAt,
    fields: row.fields,
    recentComplaintsOfComplainant,
  };
}
