import { COMPLAINT_STATUS, type ComplaintStatus } from '@redress/plugin-api';
import {
  checkTransition,
  mayStartFrom,
  statusAfterDecision,
  statusAfterReopen,
  type LifecycleAction,
} from '../../server/src/complaints/lifecycle';

const roles = (...names: string[]) => ({ roles: new Set(names), isOwner: false });
const allowedFrom = (action: LifecycleAction) => COMPLAINT_STATUS.values.filter((status) => mayStartFrom(action, status));

describe('the complaint state machine', () => {
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
      ['RECEIVED', 'ACKNOWLEDGED', 'ACCEPTED', 'ASSIGNED', 'INVESTIGATING', 'RESOLUTION_PROPOSED', 'IN_APPROVAL', 'SENT_BACK', 'APPROVED', 'EXECUTED', 'RESPONDED', 'FOLLOW_UP'],
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

  it('reports a wrong status before a missing role', () => {
    expect(checkTransition('CLOSE', 'RECEIVED', roles('handler'))).toMatchObject({ ok: false, reason: 'STATE' });
  });

  it('leads approval decisions to the next status', () => {
    expect(statusAfterDecision('APPROVE', 1)).toBe('IN_APPROVAL');
    expect(statusAfterDecision('APPROVE', 0)).toBe('APPROVED');
    expect(statusAfterDecision('SEND_BACK', 1)).toBe('SENT_BACK');
    expect(statusAfterDecision('REJECT', 1)).toBe('INVESTIGATING');
  });

  it('reopens to the owner, or back to assessment without one', () => {
    expect(statusAfterReopen(true)).toBe('INVESTIGATING');
    expect(statusAfterReopen(false)).toBe('ACKNOWLEDGED');
  });
});
