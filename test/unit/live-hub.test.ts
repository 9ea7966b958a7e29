import { parseLiveEvent, type LiveEvent } from '../../server/src/live/live-events';
import { LiveHub, type LiveSignal } from '../../server/src/live/live-hub';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';
const ID = '33333333-3333-4333-8333-333333333333';

describe('parseLiveEvent', () => {
  it('reads the three event kinds with ids only', () => {
    const complaint: LiveEvent = { type: 'complaint', tenantId: A, complaintId: B, eventId: ID };
    const deadline: LiveEvent = { type: 'deadline', tenantId: A, complaintId: B, deadlineId: ID, alert: 'DUE_SOON' };
    const report: LiveEvent = { type: 'report', tenantId: A, reportId: ID };
    expect(parseLiveEvent(JSON.stringify(complaint))).toEqual({ ok: true, event: complaint });
    expect(parseLiveEvent(JSON.stringify({ ...deadline, extra: 'dropped' }))).toEqual({ ok: true, event: deadline });
    expect(parseLiveEvent(JSON.stringify({ ...report, complaintId: B }))).toEqual({ ok: true, event: report });
  });

  it.each([
    ['not JSON', '{', undefined],
    ['no payload', undefined, undefined],
    ['an unknown type', JSON.stringify({ type: 'other', tenantId: A, complaintId: B, eventId: ID }), 'other'],
    ['a tenant that is not a uuid', JSON.stringify({ type: 'complaint', tenantId: 'a', complaintId: B, eventId: ID }), 'complaint'],
    ['an upper-case uuid', JSON.stringify({ type: 'complaint', tenantId: A.replace(/1/g, 'A'), complaintId: B, eventId: ID }), 'complaint'],
    ['a missing event id', JSON.stringify({ type: 'complaint', tenantId: A, complaintId: B }), 'complaint'],
    ['a report without its id', JSON.stringify({ type: 'report', tenantId: A, complaintId: B }), 'report'],
    ['a report id that is not a uuid', JSON.stringify({ type: 'report', tenantId: A, reportId: 'x' }), 'report'],
    ['an unknown alert', JSON.stringify({ type: 'deadline', tenantId: A, complaintId: B, deadlineId: ID, alert: 'LATE' }), 'deadline'],
  ])('refuses %s, saying which type it had', (_label, payload, type) => {
    expect(parseLiveEvent(payload)).toEqual({ ok: false, type, problem: expect.any(String) });
  });
});

describe('LiveHub', () => {
  it("offers an event to its tenant's listeners only, and a resync to everyone", () => {
    const hub = new LiveHub();
    const seen: Record<string, LiveSignal[]> = { a1: [], a2: [], b: [] };
    const stopA1 = hub.listen(A, (signal) => seen.a1.push(signal));
    hub.listen(A, (signal) => seen.a2.push(signal));
    hub.listen(B, (signal) => seen.b.push(signal));
    expect(hub.subscriberCount).toBe(3);

    const event: LiveEvent = { type: 'complaint', tenantId: A, complaintId: ID, eventId: ID };
    hub.publish(event);
    expect(seen).toEqual({ a1: [event], a2: [event], b: [] });

    stopA1();
    hub.resync();
    expect(seen).toEqual({ a1: [event], a2: [event, { type: 'resync' }], b: [{ type: 'resync' }] });
    expect(hub.subscriberCount).toBe(2);
  });
});
