import { COMPLAINT_STATUS, type ComplaintStatus } from '@redress/plugin-api';
import {
  checkTransition,
  clocksStarted,
  eventOf,
  leadsTo,
  LIFECYCLE,
  LIFECYCLE_ACTIONS,
  mayStartFrom,
  type LifecycleAction,
} from '../../server/src/complaints/lifecycle';

const roles = (...names: string[]) => ({ roles: new Set(names), isOwner: false });
const allowedFrom = (action: LifecycleAction) => COMPLAINT_STATUS.values.filter((status) => mayStartFrom(action, status));

/** Every fact case of an action (one, without facts, for a step whose rules read none). */
const casesOf = (action: LifecycleAction): readonly unknown[] => {
  const cases: readonly unknown[] | undefined = LIFECYCLE[action].cases;
  return cases ?? [undefined];
};
const to = (action: LifecycleAction, from: ComplaintStatus, facts: unknown) => leadsTo(action, from, facts as never);

/**
 * Walks the table from a filed complaint: every action from every status it reaches, with
 * every case of the action's facts. Returns each step that moves the complaint, and the
 * statuses reached.
 */
function walkTable(): { moves: string[]; reached: Set<ComplaintStatus> } {
  const reached = new Set<ComplaintStatus>(['RECEIVED']);
  const pending: ComplaintStatus[] = ['RECEIVED'];
  const moves = new Set<string>();
  while (pending.length) {
    const from = pending.shift()!;
    for (const action of LIFECYCLE_ACTIONS) {
      if (!mayStartFrom(action, from)) continue;
      for (const facts of casesOf(action)) {
        const next = to(action, from, facts);
        if (next === from) continue;
        moves.add(`${from} ${action}${facts === undefined ? '' : ' ' + JSON.stringify(facts)} -> ${next}`);
        if (!reached.has(next)) {
          reached.add(next);
          pending.push(next);
        }
      }
    }
  }
  return { moves: [...moves].sort(), reached };
}

describe('the complaint state machine', () => {
  it('allows exactly these moves from a filed complaint, and reaches every status', () => {
    const { moves, reached } = walkTable();
    expect(moves).toEqual(
      [
        'RECEIVED ACKNOWLEDGE -> ACKNOWLEDGED',
        'RECEIVED WITHDRAW -> WITHDRAWN',
        'ACKNOWLEDGED ACCEPT -> ACCEPTED',
        'ACKNOWLEDGED REJECT -> REJECTED',
        'ACKNOWLEDGED WITHDRAW -> WITHDRAWN',
        'ACCEPTED ASSIGN -> ASSIGNED',
        'ACCEPTED WITHDRAW -> WITHDRAWN',
        'ASSIGNED RECORD_INVESTIGATION -> INVESTIGATING',
        'ASSIGNED WITHDRAW -> WITHDRAWN',
        'INVESTIGATING PROPOSE_RESOLUTION {"approvalSteps":0} -> APPROVED',
        'INVESTIGATING PROPOSE_RESOLUTION {"approvalSteps":1} -> RESOLUTION_PROPOSED',
        'INVESTIGATING WITHDRAW -> WITHDRAWN',
        'RESOLUTION_PROPOSED DECIDE_APPROVAL {"decision":"APPROVE","stepsStillPending":1} -> IN_APPROVAL',
        'RESOLUTION_PROPOSED DECIDE_APPROVAL {"decision":"APPROVE","stepsStillPending":0} -> APPROVED',
        'RESOLUTION_PROPOSED DECIDE_APPROVAL {"decision":"SEND_BACK","stepsStillPending":1} -> SENT_BACK',
        'RESOLUTION_PROPOSED DECIDE_APPROVAL {"decision":"REJECT","stepsStillPending":1} -> INVESTIGATING',
        'RESOLUTION_PROPOSED WITHDRAW -> WITHDRAWN',
        'IN_APPROVAL DECIDE_APPROVAL {"decision":"APPROVE","stepsStillPending":0} -> APPROVED',
        'IN_APPROVAL DECIDE_APPROVAL {"decision":"SEND_BACK","stepsStillPending":1} -> SENT_BACK',
        'IN_APPROVAL DECIDE_APPROVAL {"decision":"REJECT","stepsStillPending":1} -> INVESTIGATING',
        'IN_APPROVAL WITHDRAW -> WITHDRAWN',
        'SENT_BACK RECORD_INVESTIGATION -> INVESTIGATING',
        'SENT_BACK PROPOSE_RESOLUTION {"approvalSteps":0} -> APPROVED',
        'SENT_BACK PROPOSE_RESOLUTION {"approvalSteps":1} -> RESOLUTION_PROPOSED',
        'SENT_BACK WITHDRAW -> WITHDRAWN',
        'APPROVED MARK_EXECUTED -> EXECUTED',
        'APPROVED WITHDRAW -> WITHDRAWN',
        'EXECUTED RESPOND -> RESPONDED',
        'EXECUTED WITHDRAW -> WITHDRAWN',
        'RESPONDED RECORD_FOLLOW_UP {"answeredBy":"STAFF"} -> FOLLOW_UP',
        'RESPONDED RECORD_FOLLOW_UP {"answeredBy":"COMPLAINANT"} -> FOLLOW_UP',
        'RESPONDED CLOSE -> CLOSED',
        'RESPONDED REOPEN {"hasOwner":true} -> INVESTIGATING',
        'RESPONDED REOPEN {"hasOwner":false} -> ACKNOWLEDGED',
        'RESPONDED WITHDRAW -> WITHDRAWN',
        'FOLLOW_UP CLOSE -> CLOSED',
        'FOLLOW_UP REOPEN {"hasOwner":true} -> INVESTIGATING',
        'FOLLOW_UP REOPEN {"hasOwner":false} -> ACKNOWLEDGED',
        'FOLLOW_UP WITHDRAW -> WITHDRAWN',
        'CLOSED REOPEN {"hasOwner":true} -> INVESTIGATING',
        'CLOSED REOPEN {"hasOwner":false} -> ACKNOWLEDGED',
        'REJECTED REOPEN {"hasOwner":true} -> INVESTIGATING',
        'REJECTED REOPEN {"hasOwner":false} -> ACKNOWLEDGED',
      ].sort(),
    );
    expect([...reached].sort()).toEqual([...COMPLAINT_STATUS.values].sort());
  });

  it('keeps the status on the steps that only record something, wherever they start', () => {
    const keeping = LIFECYCLE_ACTIONS.filter((action) =>
      allowedFrom(action).every((from) => casesOf(action).every((facts) => to(action, from, facts) === from)),
    );
    expect(keeping.sort()).toEqual(['ADD_NOTE', 'ESCALATE', 'PAUSE_CLOCK', 'RECORD_REFUSAL', 'RESUME_CLOCK', 'UPDATE_FIELDS']);
  });

  it('hands the complaint over without moving it once it is assigned', () => {
    expect(['ASSIGNED', 'INVESTIGATING', 'SENT_BACK', 'APPROVED'].map((from) => to('ASSIGN', from as ComplaintStatus, undefined))).toEqual([
      'ASSIGNED',
      'INVESTIGATING',
      'SENT_BACK',
      'APPROVED',
    ]);
  });

  it.each<[LifecycleAction, ComplaintStatus[]]>([
    ['ACKNOWLEDGE', ['RECEIVED']],
    ['ACCEPT', ['ACKNOWLEDGED']],
    ['ASSIGN', ['ACCEPTED', 'ASSIGNED', 'INVESTIGATING', 'SENT_BACK', 'APPROVED']],
    ['PROPOSE_RESOLUTION', ['INVESTIGATING', 'SENT_BACK']],
    ['DECIDE_APPROVAL', ['RESOLUTION_PROPOSED', 'IN_APPROVAL']],
    ['CLOSE', ['RESPONDED', 'FOLLOW_UP']],
    ['REOPEN', ['REJECTED', 'RESPONDED', 'FOLLOW_UP', 'CLOSED']],
    [
      'WITHDRAW',
      [
        'RECEIVED',
        'ACKNOWLEDGED',
        'ACCEPTED',
        'ASSIGNED',
        'INVESTIGATING',
        'RESOLUTION_PROPOSED',
        'IN_APPROVAL',
        'SENT_BACK',
        'APPROVED',
        'EXECUTED',
        'RESPONDED',
        'FOLLOW_UP',
      ],
    ],
  ])('%s starts only from %j', (action, statuses) => {
    expect(allowedFrom(action)).toEqual(COMPLAINT_STATUS.values.filter((s) => statuses.includes(s)));
  });

  it('allows notes in every status, even finished ones', () => {
    expect(allowedFrom('ADD_NOTE')).toEqual(COMPLAINT_STATUS.values);
  });

  it('checks roles: the front desk acknowledges, handlers do not', () => {
    expect(checkTransition('ACKNOWLEDGE', 'RECEIVED', roles('agent'))).toEqual({ ok: true });
    expect(checkTransition('ACKNOWLEDGE', 'RECEIVED', roles('handler'))).toMatchObject({ ok: false, reason: 'ROLE' });
  });

  it('lets the owner work on their complaint whatever their roles, but not close it', () => {
    const owner = { roles: new Set<string>(), isOwner: true };
    expect(checkTransition('RECORD_INVESTIGATION', 'ASSIGNED', owner)).toEqual({ ok: true });
    expect(checkTransition('CLOSE', 'RESPONDED', owner)).toMatchObject({ ok: false, reason: 'ROLE' });
  });

  it('decides an approval only with the role of the pending step', () => {
    expect(checkTransition('DECIDE_APPROVAL', 'IN_APPROVAL', roles('supervisor'), 'supervisor')).toEqual({ ok: true });
    expect(checkTransition('DECIDE_APPROVAL', 'IN_APPROVAL', roles('supervisor'), 'general-manager')).toMatchObject({ reason: 'ROLE' });
    expect(checkTransition('DECIDE_APPROVAL', 'IN_APPROVAL', roles('tenant-admin', 'supervisor'))).toMatchObject({ reason: 'ROLE' });
  });

  it('pauses running clocks and resumes paused ones only, after the role is checked', () => {
    expect(checkTransition('PAUSE_CLOCK', 'ASSIGNED', roles('agent'), undefined, false)).toEqual({ ok: true });
    expect(checkTransition('PAUSE_CLOCK', 'ASSIGNED', roles('agent'), undefined, true)).toEqual({
      ok: false,
      reason: 'STATE',
      message: 'The clocks of this complaint are already paused',
    });
    expect(checkTransition('RESUME_CLOCK', 'ASSIGNED', roles('agent'), undefined, true)).toEqual({ ok: true });
    expect(checkTransition('RESUME_CLOCK', 'ASSIGNED', roles('agent'), undefined, false)).toEqual({
      ok: false,
      reason: 'STATE',
      message: 'The clocks of this complaint are not paused',
    });
    expect(checkTransition('RESUME_CLOCK', 'ASSIGNED', roles('handler'), undefined, false)).toMatchObject({ reason: 'ROLE' });
    // Other steps do not care how the clocks stand.
    expect(checkTransition('ADD_NOTE', 'ASSIGNED', roles('agent'), undefined, true)).toEqual({ ok: true });
  });

  it('reports a wrong status before a missing role', () => {
    expect(checkTransition('CLOSE', 'RECEIVED', roles('handler'))).toMatchObject({ ok: false, reason: 'STATE' });
  });

  it('records the event of each step, by who answered for follow-ups', () => {
    expect(eventOf('ACKNOWLEDGE', undefined)).toBe('ACKNOWLEDGED');
    expect(eventOf('DECIDE_APPROVAL', { decision: 'SEND_BACK', stepsStillPending: 1 })).toBe('APPROVAL_DECIDED');
    expect(eventOf('RECORD_FOLLOW_UP', { answeredBy: 'STAFF' })).toBe('FOLLOW_UP_RECORDED');
    expect(eventOf('RECORD_FOLLOW_UP', { answeredBy: 'COMPLAINANT' })).toBe('SURVEY_ANSWERED');
    expect(eventOf('ESCALATE', undefined)).toBe('ESCALATED');
  });

  it('starts the clocks of a stage only when a step moves the complaint into it', () => {
    // Every move of the walk that starts clocks, and which.
    const starting: string[] = [];
    for (const action of LIFECYCLE_ACTIONS) {
      for (const from of allowedFrom(action)) {
        for (const facts of casesOf(action)) {
          const start = clocksStarted(action, from, to(action, from, facts));
          if (start) starting.push(`${from} ${action} ${start}`);
        }
      }
    }
    expect([...new Set(starting)].sort()).toEqual(
      [
        'ACCEPTED ASSIGN ASSIGNED',
        'INVESTIGATING PROPOSE_RESOLUTION APPROVED',
        'SENT_BACK PROPOSE_RESOLUTION APPROVED',
        'RESOLUTION_PROPOSED DECIDE_APPROVAL APPROVED',
        'IN_APPROVAL DECIDE_APPROVAL APPROVED',
        'APPROVED MARK_EXECUTED EXECUTED',
        'RESPONDED REOPEN ASSIGNED',
        'FOLLOW_UP REOPEN ASSIGNED',
        'CLOSED REOPEN ASSIGNED',
        'REJECTED REOPEN ASSIGNED',
      ].sort(),
    );
  });

  it('meets the clocks of the stage a step completes, and ends every clock when the complaint finishes', () => {
    const meets = Object.fromEntries(LIFECYCLE_ACTIONS.filter((a) => LIFECYCLE[a].meets).map((a) => [a, LIFECYCLE[a].meets]));
    expect(meets).toEqual({
      ACKNOWLEDGE: ['ACKNOWLEDGE'],
      ACCEPT: ['ASSESS'],
      REJECT: ['ASSESS', 'CLOSE'],
      RECORD_INVESTIGATION: ['INVESTIGATE'],
      PROPOSE_RESOLUTION: ['PROPOSE_RESOLUTION'],
      MARK_EXECUTED: ['EXECUTE'],
      RESPOND: ['RESPOND'],
      CLOSE: ['CLOSE'],
    });
    expect(LIFECYCLE_ACTIONS.filter((a) => LIFECYCLE[a].endsClocks).sort()).toEqual(['CLOSE', 'REJECT', 'WITHDRAW']);
  });
});
