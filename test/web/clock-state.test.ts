import type { DeadlineFieldsFragment } from '@redress/client-sdk';
import { formatSpan, nextClock } from '../../web/src/pages/queue/clock-state';
import { paramsFromView, viewFromParams } from '../../web/src/pages/queue/queue-url';

const NOW = Date.parse('2026-11-25T02:00:00Z');
const HOUR = 3600 * 1000;

function deadline(overrides: Partial<DeadlineFieldsFragment>): DeadlineFieldsFragment {
  return {
    stage: 'ACKNOWLEDGE',
    stageLabel: 'Acknowledge',
    dueAt: new Date(NOW + 10 * HOUR).toISOString(),
    remindAt: new Date(NOW + 8 * HOUR).toISOString(),
    metAt: null,
    cancelledAt: null,
    breached: false,
    breachedAt: null,
    paused: false,
    decidedBy: 'default',
    provisional: false,
    provisionalReason: null,
    ...overrides,
  };
}

describe("a queue row's next clock", () => {
  it('is the open clock due first; met and cancelled clocks do not count', () => {
    const later = deadline({ stage: 'CLOSE', dueAt: new Date(NOW + 20 * HOUR).toISOString() });
    const met = deadline({ dueAt: new Date(NOW + HOUR).toISOString(), metAt: new Date(NOW).toISOString() });
    const cancelled = deadline({ dueAt: new Date(NOW + 2 * HOUR).toISOString(), cancelledAt: new Date(NOW).toISOString() });
    expect(nextClock([later, met, cancelled], NOW)?.deadline).toBe(later);
    expect(nextClock([met, cancelled], NOW)).toBeNull();
  });

  it('has plenty of time before its reminder, is due soon once the reminder passed, breached once due', () => {
    const clock = deadline({});
    expect(nextClock([clock], NOW)).toMatchObject({ state: 'ok', remainingMs: 10 * HOUR });
    expect(nextClock([clock], NOW + 8 * HOUR)?.state).toBe('dueSoon');
    expect(nextClock([clock], NOW + 10 * HOUR)?.state).toBe('breached');
    expect(nextClock([deadline({ breached: true })], NOW)?.state).toBe('breached');
  });

  it('is paused whatever its due time while the complaint waits on the complainant', () => {
    expect(nextClock([deadline({ paused: true })], NOW + 20 * HOUR)?.state).toBe('paused');
  });

  it('counts down in its two largest units', () => {
    expect(formatSpan(2 * 24 * HOUR + 3 * HOUR + 59_000)).toBe('2d 3h');
    expect(formatSpan(-(3 * HOUR + 12 * 60_000))).toBe('3h 12m');
    expect(formatSpan(12 * 60_000 + 5000)).toBe('12m 5s');
  });
});

describe("the queue's view in the URL", () => {
  it('reads every filter and the order back as written', () => {
    const view = {
      filter: {
        status: ['RECEIVED' as const, 'ACKNOWLEDGED' as const],
        priority: ['HIGH' as const],
        categoryCode: 'product.quality',
        departmentId: 'd1',
        ownerId: 'u1',
        overdue: true,
        text: 'kettle',
      },
      order: { field: 'NUMBER' as const, direction: 'ASC' as const },
    };
    const params = paramsFromView(view);
    expect(params.toString()).toBe(
      'status=RECEIVED%2CACKNOWLEDGED&priority=HIGH&category=product.quality&department=d1&owner=u1&overdue=1&q=kettle&order=NUMBER.ASC',
    );
    expect(viewFromParams(params)).toEqual(view);
  });

  it('falls back to newest received first for an order it does not know', () => {
    expect(viewFromParams(new URLSearchParams('order=PRICE.UP'))).toEqual({
      filter: {},
      order: { field: 'RECEIVED_AT', direction: 'DESC' },
    });
    expect(paramsFromView(viewFromParams(new URLSearchParams(''))).toString()).toBe('');
  });
});
