import type { ComplaintSummaryFragment, DeadlineFieldsFragment } from '@redress/client-sdk';
import { comparePositions, matchesFilter, positionOf } from '../../client-sdk/src/flows/complaint-match';

/**
 * What the live queue decides from a changed complaint's own fields, by the documented
 * meaning of each `ComplaintFilter` field, and where it must leave the answer to the server.
 */
const deadline = (fields: Partial<DeadlineFieldsFragment>): DeadlineFieldsFragment => ({
  stage: 'ACKNOWLEDGE',
  stageLabel: 'Acknowledge',
  dueAt: '2026-11-26T02:00:00.000Z',
  metAt: null,
  cancelledAt: null,
  breached: false,
  paused: false,
  breachedAt: null,
  remindAt: null,
  decidedBy: 'default@1.0.0',
  provisional: false,
  provisionalReason: null,
  ...fields,
});

const complaint = (fields: Partial<ComplaintSummaryFragment> = {}): ComplaintSummaryFragment => ({
  id: 'c1',
  number: 7,
  trackingCode: 'ABCD-EFGH-IJKL-MNOP',
  status: 'RECEIVED',
  statusLabel: 'Received',
  priority: 'NORMAL',
  priorityLabel: 'Normal',
  major: false,
  channel: 'PHONE',
  description: 'The kettle leaks',
  receivedAt: '2026-11-25T02:00:00.000Z',
  updatedAt: '2026-11-25T03:00:00.000Z',
  version: 1,
  complainant: { id: 'p1', name: 'Zhang San', phone: '13800138000' },
  category: { code: 'product.quality', label: 'Quality' },
  department: { id: 'd1', name: 'Service' },
  owner: null,
  deadlines: [],
  ...fields,
});

it('decides status, priority, department and owner from the fields', () => {
  expect(matchesFilter({ status: ['RECEIVED', 'ACKNOWLEDGED'] }, complaint())).toBe(true);
  expect(matchesFilter({ status: ['ACKNOWLEDGED'] }, complaint())).toBe(false);
  expect(matchesFilter({ status: [] }, complaint())).toBe(true);
  expect(matchesFilter({ priority: ['HIGH'] }, complaint())).toBe(false);
  expect(matchesFilter({ departmentId: 'd1' }, complaint())).toBe(true);
  expect(matchesFilter({ ownerId: 'u1' }, complaint())).toBe(false);
  expect(matchesFilter({ ownerId: 'u1' }, complaint({ owner: { id: 'u1', name: 'Handler' } }))).toBe(true);
});

it('matches a category with its sub-categories, and leaves an unshown category to the server', () => {
  expect(matchesFilter({ categoryCode: 'product' }, complaint())).toBe(true);
  expect(matchesFilter({ categoryCode: 'product.quality' }, complaint())).toBe(true);
  expect(matchesFilter({ categoryCode: 'prod' }, complaint())).toBe(false);
  expect(matchesFilter({ categoryCode: 'service' }, complaint())).toBe(false);
  expect(matchesFilter({ categoryCode: 'product' }, complaint({ category: null }))).toBeUndefined();
});

it('takes receivedFrom as inclusive and receivedTo as exclusive', () => {
  expect(matchesFilter({ receivedFrom: '2026-11-25T02:00:00.000Z' }, complaint())).toBe(true);
  expect(matchesFilter({ receivedTo: '2026-11-25T02:00:00.000Z' }, complaint())).toBe(false);
  expect(matchesFilter({ receivedTo: '2026-11-25T02:00:00.001Z' }, complaint())).toBe(true);
});

it('decides overdue from open running deadlines, and asks about a recorded breach', () => {
  const pastDue = deadline({ breached: true });
  expect(matchesFilter({ overdue: true }, complaint({ deadlines: [pastDue] }))).toBe(true);
  expect(matchesFilter({ overdue: false }, complaint({ deadlines: [pastDue] }))).toBe(false);
  expect(matchesFilter({ overdue: true }, complaint({ deadlines: [deadline({})] }))).toBe(false);
  // Met late, paused, or cancelled: not overdue now.
  const notOpen = [
    deadline({ breached: true, metAt: '2026-11-27T00:00:00.000Z' }),
    deadline({ paused: true }),
    deadline({ cancelledAt: '2026-11-25T05:00:00.000Z' }),
  ];
  expect(matchesFilter({ overdue: false }, complaint({ deadlines: notOpen }))).toBe(true);
  const recorded = deadline({ breached: true, breachedAt: '2026-11-26T02:00:00.000Z' });
  expect(matchesFilter({ overdue: true }, complaint({ deadlines: [recorded] }))).toBeUndefined();
});

it('never decides a text search, but a field that fails decides first', () => {
  expect(matchesFilter({ text: 'kettle' }, complaint())).toBeUndefined();
  expect(matchesFilter({ text: '   ' }, complaint())).toBe(true);
  expect(matchesFilter({ text: 'kettle', status: ['CLOSED'] }, complaint())).toBe(false);
});

it('orders by the field and direction, and cannot tell equal times apart', () => {
  const byNumber = { field: 'NUMBER', direction: 'ASC' } as const;
  expect(
    comparePositions(positionOf(complaint({ number: 3 }), byNumber), positionOf(complaint({ id: 'c2', number: 5 }), byNumber), byNumber),
  ).toBeLessThan(0);
  const newest = { field: 'RECEIVED_AT', direction: 'DESC' } as const;
  const later = complaint({ id: 'c2', receivedAt: '2026-11-25T02:00:00.001Z' });
  expect(comparePositions(positionOf(later, newest), positionOf(complaint(), newest), newest)).toBeLessThan(0);
  const sameMillisecond = complaint({ id: 'c2' });
  expect(comparePositions(positionOf(sameMillisecond, newest), positionOf(complaint(), newest), newest)).toBeUndefined();
});
