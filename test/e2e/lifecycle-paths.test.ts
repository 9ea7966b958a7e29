import { COMPLAINT_STATUS, defineRule, type ComplaintPlugin, type ComplaintStatus } from '@redress/plugin-api';
import { defaultPlugin } from '@redress/plugin-default';
import { z } from 'zod';
import { LIFECYCLE, LIFECYCLE_ACTIONS, leadsTo, mayStartFrom, type LifecycleAction } from '../../server/src/complaints/lifecycle';
import {
  change,
  createStaffedTenant,
  fileComplaint,
  SAMPLE_COMPLAINT,
  walkTo,
  type Staff,
  type WalkOptions,
} from '../support/complaint-fixtures';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Every move the lifecycle table allows, driven once over the real API from a filed
 * complaint: each is walked to the status it starts from, takes the step, and must land in
 * the status written here. The default plugin, except that an EXPLANATION needs no approval
 * (so that a resolution can be approved as proposed) and complaints take an order number.
 */
const plugin: ComplaintPlugin = {
  ...defaultPlugin,
  intakeFields: [{ key: 'orderNumber', label: { en: 'Order number', 'zh-CN': '订单号' }, schema: z.string(), required: false }],
  rules: {
    ...defaultPlugin.rules,
    approvalChain: defineRule({
      ...defaultPlugin.rules.approvalChain,
      evaluate: (input, args, clock) =>
        input.resolution.kind === 'EXPLANATION' ? [] : defaultPlugin.rules.approvalChain.evaluate(input, args, clock),
    }),
  },
};

const SLUG = 'paths';
let server: TestServer;
let staff: Staff;
let departmentId: string;

beforeAll(async () => {
  server = await startTestServer({}, { plugins: [plugin] });
  ({ staff } = await createStaffedTenant(server, SLUG));
  const created = await server.request(
    `mutation { createDepartment(input: { code: "service", name: "Service" }) { department { id } errors { code } } }`,
    {},
    { token: staff.admin },
  );
  expect(created.data.createDepartment.errors).toEqual([]);
  departmentId = created.data.createDepartment.department.id;
});

afterAll(async () => {
  await server?.stop();
});

/** How the complaint is walked to the status a move starts from. */
const NO_OWNER = (): WalkOptions => ({ inputs: { assignComplaint: { departmentId } } });
const TWO_APPROVALS: WalkOptions = {
  inputs: { proposeResolution: { kind: 'COMPENSATION', amount: 1500, currency: 'CNY', description: 'Repair plus 1500 yuan' } },
};

interface Move {
  from: ComplaintStatus;
  action: LifecycleAction;
  facts?: Record<string, unknown>;
  /** The status the step must lead to. */
  to: ComplaintStatus;
  walk?: () => WalkOptions;
  /** The step itself: the mutation, its input (besides the complaint and its version), and who takes it. */
  step: () => { mutation: string; input?: Record<string, unknown>; token: string };
}

const by = {
  acknowledge: () => ({ mutation: 'acknowledgeComplaint', token: staff.agent }),
  accept: () => ({ mutation: 'assessComplaint', input: { decision: 'ACCEPT', categoryCode: 'product.quality' }, token: staff.supervisor }),
  reject: () => ({
    mutation: 'assessComplaint',
    input: { decision: 'REJECT', rejectionReason: 'customer-at-fault' },
    token: staff.supervisor,
  }),
  assign: () => ({ mutation: 'assignComplaint', input: { ownerId: staff.handlerId }, token: staff.supervisor }),
  investigate: () => ({
    mutation: 'recordInvestigation',
    input: { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' },
    token: staff.supervisor,
  }),
  propose: (kind: string) => () => ({ mutation: 'proposeResolution', input: { kind, description: 'Offer' }, token: staff.supervisor }),
  decide: (decision: string, token: () => string) => () => ({ mutation: 'decideApproval', input: { decision }, token: token() }),
  execute: () => ({ mutation: 'markResolutionExecuted', token: staff.supervisor }),
  respond: () => ({ mutation: 'respondToComplainant', input: { channel: 'PHONE', message: 'Done' }, token: staff.agent }),
  followUp: () => ({ mutation: 'recordFollowUp', input: { scores: [{ dimension: 'ATTITUDE', score: 5 }] }, token: staff.agent }),
  close: () => ({ mutation: 'closeComplaint', input: { summary: 'Closed' }, token: staff.supervisor }),
  reopen: () => ({ mutation: 'reopenComplaint', input: { reason: 'Came back' }, token: staff.agent }),
  withdraw: () => ({ mutation: 'withdrawComplaint', token: staff.agent }),
};
const supervisor = () => staff.supervisor;
const admin = () => staff.admin;
/** The complainant scores the answer through the tracking code; `mutation` names that path. */
const complainantAnswers = () => ({ mutation: 'answerSatisfactionSurvey', token: '' });

const OPEN: ComplaintStatus[] = [
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
];

const MOVES: Move[] = [
  { from: 'RECEIVED', action: 'ACKNOWLEDGE', to: 'ACKNOWLEDGED', step: by.acknowledge },
  { from: 'ACKNOWLEDGED', action: 'ACCEPT', to: 'ACCEPTED', step: by.accept },
  { from: 'ACKNOWLEDGED', action: 'REJECT', to: 'REJECTED', step: by.reject },
  { from: 'ACCEPTED', action: 'ASSIGN', to: 'ASSIGNED', step: by.assign },
  { from: 'ASSIGNED', action: 'RECORD_INVESTIGATION', to: 'INVESTIGATING', step: by.investigate },
  { from: 'INVESTIGATING', action: 'PROPOSE_RESOLUTION', facts: { approvalSteps: 0 }, to: 'APPROVED', step: by.propose('EXPLANATION') },
  {
    from: 'INVESTIGATING',
    action: 'PROPOSE_RESOLUTION',
    facts: { approvalSteps: 1 },
    to: 'RESOLUTION_PROPOSED',
    step: by.propose('APOLOGY'),
  },
  {
    from: 'RESOLUTION_PROPOSED',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'APPROVE', stepsStillPending: 1 },
    to: 'IN_APPROVAL',
    walk: () => TWO_APPROVALS,
    step: by.decide('APPROVE', supervisor),
  },
  {
    from: 'RESOLUTION_PROPOSED',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'APPROVE', stepsStillPending: 0 },
    to: 'APPROVED',
    step: by.decide('APPROVE', supervisor),
  },
  {
    from: 'RESOLUTION_PROPOSED',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'SEND_BACK', stepsStillPending: 1 },
    to: 'SENT_BACK',
    step: by.decide('SEND_BACK', supervisor),
  },
  {
    from: 'RESOLUTION_PROPOSED',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'REJECT', stepsStillPending: 1 },
    to: 'INVESTIGATING',
    step: by.decide('REJECT', supervisor),
  },
  {
    from: 'IN_APPROVAL',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'APPROVE', stepsStillPending: 0 },
    to: 'APPROVED',
    walk: () => TWO_APPROVALS,
    step: by.decide('APPROVE', admin),
  },
  {
    from: 'IN_APPROVAL',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'SEND_BACK', stepsStillPending: 1 },
    to: 'SENT_BACK',
    walk: () => TWO_APPROVALS,
    step: by.decide('SEND_BACK', admin),
  },
  {
    from: 'IN_APPROVAL',
    action: 'DECIDE_APPROVAL',
    facts: { decision: 'REJECT', stepsStillPending: 1 },
    to: 'INVESTIGATING',
    walk: () => TWO_APPROVALS,
    step: by.decide('REJECT', admin),
  },
  { from: 'SENT_BACK', action: 'RECORD_INVESTIGATION', to: 'INVESTIGATING', step: by.investigate },
  { from: 'SENT_BACK', action: 'PROPOSE_RESOLUTION', facts: { approvalSteps: 0 }, to: 'APPROVED', step: by.propose('EXPLANATION') },
  { from: 'SENT_BACK', action: 'PROPOSE_RESOLUTION', facts: { approvalSteps: 1 }, to: 'RESOLUTION_PROPOSED', step: by.propose('APOLOGY') },
  { from: 'APPROVED', action: 'MARK_EXECUTED', to: 'EXECUTED', step: by.execute },
  { from: 'EXECUTED', action: 'RESPOND', to: 'RESPONDED', step: by.respond },
  { from: 'RESPONDED', action: 'RECORD_FOLLOW_UP', facts: { answeredBy: 'STAFF' }, to: 'FOLLOW_UP', step: by.followUp },
  { from: 'RESPONDED', action: 'RECORD_FOLLOW_UP', facts: { answeredBy: 'COMPLAINANT' }, to: 'FOLLOW_UP', step: complainantAnswers },
  { from: 'RESPONDED', action: 'CLOSE', to: 'CLOSED', step: by.close },
  { from: 'RESPONDED', action: 'REOPEN', facts: { hasOwner: true }, to: 'INVESTIGATING', step: by.reopen },
  { from: 'RESPONDED', action: 'REOPEN', facts: { hasOwner: false }, to: 'ACKNOWLEDGED', walk: NO_OWNER, step: by.reopen },
  { from: 'FOLLOW_UP', action: 'CLOSE', to: 'CLOSED', step: by.close },
  { from: 'FOLLOW_UP', action: 'REOPEN', facts: { hasOwner: true }, to: 'INVESTIGATING', step: by.reopen },
  { from: 'FOLLOW_UP', action: 'REOPEN', facts: { hasOwner: false }, to: 'ACKNOWLEDGED', walk: NO_OWNER, step: by.reopen },
  { from: 'CLOSED', action: 'REOPEN', facts: { hasOwner: true }, to: 'INVESTIGATING', step: by.reopen },
  { from: 'CLOSED', action: 'REOPEN', facts: { hasOwner: false }, to: 'ACKNOWLEDGED', walk: NO_OWNER, step: by.reopen },
  { from: 'REJECTED', action: 'REOPEN', facts: { hasOwner: false }, to: 'ACKNOWLEDGED', step: by.reopen },
  ...OPEN.map((from): Move => ({
    from,
    action: 'WITHDRAW',
    to: 'WITHDRAWN',
    walk: from === 'IN_APPROVAL' ? () => TWO_APPROVALS : undefined,
    step: by.withdraw,
  })),
  // Steps that record something and leave the status as it was.
  { from: 'ASSIGNED', action: 'ASSIGN', to: 'ASSIGNED', step: () => ({ ...by.assign(), input: { departmentId } }) },
  { from: 'INVESTIGATING', action: 'ASSIGN', to: 'INVESTIGATING', step: () => ({ ...by.assign(), input: { departmentId } }) },
  { from: 'SENT_BACK', action: 'ASSIGN', to: 'SENT_BACK', step: () => ({ ...by.assign(), input: { departmentId } }) },
  { from: 'APPROVED', action: 'ASSIGN', to: 'APPROVED', step: () => ({ ...by.assign(), input: { departmentId } }) },
  { from: 'INVESTIGATING', action: 'RECORD_INVESTIGATION', to: 'INVESTIGATING', step: by.investigate },
  { from: 'FOLLOW_UP', action: 'RECORD_FOLLOW_UP', facts: { answeredBy: 'STAFF' }, to: 'FOLLOW_UP', step: by.followUp },
  {
    from: 'RECEIVED',
    action: 'ESCALATE',
    to: 'RECEIVED',
    step: () => ({ mutation: 'escalateComplaint', input: { reason: 'Press' }, token: staff.agent }),
  },
  {
    from: 'ACCEPTED',
    action: 'PAUSE_CLOCK',
    to: 'ACCEPTED',
    step: () => ({ mutation: 'pauseClock', input: { reason: 'Photos' }, token: staff.agent }),
  },
  {
    from: 'CLOSED',
    action: 'ADD_NOTE',
    to: 'CLOSED',
    step: () => ({ mutation: 'addNote', input: { body: 'Called back' }, token: staff.handler }),
  },
  {
    from: 'WITHDRAWN',
    action: 'UPDATE_FIELDS',
    to: 'WITHDRAWN',
    step: () => ({ mutation: 'updateComplaintFields', input: { fields: { orderNumber: 'SO-1' } }, token: staff.supervisor }),
  },
  {
    from: 'REJECTED',
    action: 'RECORD_REFUSAL',
    to: 'REJECTED',
    step: () => ({
      mutation: 'recordRefusalToReceive',
      input: { employeeId: staff.handlerId, note: 'Sent them away' },
      token: staff.agent,
    }),
  },
];

const describeMove = (move: Pick<Move, 'from' | 'action' | 'facts'>) =>
  `${move.from} ${move.action}${move.facts ? ' ' + JSON.stringify(move.facts) : ''}`;

/** A REJECTED complaint never has an owner: it is rejected at assessment, before anyone is assigned. */
const UNREACHABLE = ['REJECTED REOPEN {"hasOwner":true}'];

let filed = 0;
async function complaintIn(status: ComplaintStatus, options: WalkOptions = {}) {
  filed += 1;
  const c = await fileComplaint(server, staff.agent, {
    ...SAMPLE_COMPLAINT,
    complainant: { name: 'Walker', phone: `1390000${String(filed).padStart(4, '0')}` },
  });
  return walkTo(server, staff, c.id, status, options);
}

describe('every move of the lifecycle table over the API', () => {
  it('drives every move that changes the status, and one of each step that does not', () => {
    const driven = new Set(MOVES.map(describeMove));
    const changing: string[] = [];
    const reached = new Set<ComplaintStatus>(COMPLAINT_STATUS.values);
    for (const from of reached) {
      for (const action of LIFECYCLE_ACTIONS) {
        if (!mayStartFrom(action, from)) continue;
        for (const facts of (LIFECYCLE[action].cases ?? [undefined]) as (Record<string, unknown> | undefined)[]) {
          if (leadsTo(action, from, facts as never) !== from) changing.push(describeMove({ from, action, facts }));
        }
      }
    }
    expect(changing.filter((move) => !driven.has(move))).toEqual(UNREACHABLE);
    expect(LIFECYCLE_ACTIONS.filter((action) => !MOVES.some((move) => move.action === action))).toEqual(['RESUME_CLOCK']);
  });

  it.each(MOVES.map((move) => [describeMove(move), move] as const))('%s', async (_, move) => {
    const c = await complaintIn(move.from, move.walk?.());
    expect(c.status).toBe(move.from);
    const { mutation, input = {}, token } = move.step();
    let status: string;
    if (mutation === 'answerSatisfactionSurvey') {
      const answered = await server.request(
        `mutation ($input: AnswerSatisfactionSurveyInput!) { answerSatisfactionSurvey(input: $input) { status { status } errors { code field message } } }`,
        { input: { tenantSlug: SLUG, trackingCode: c.trackingCode, scores: [{ dimension: 'ATTITUDE', score: 5 }] } },
      );
      expect(answered.data.answerSatisfactionSurvey.errors).toEqual([]);
      status = answered.data.answerSatisfactionSurvey.status.status;
    } else {
      const result = await change(server, token, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
      expect({ errors: result.errors, graphqlErrors: result.graphqlErrors }).toEqual({ errors: [], graphqlErrors: undefined });
      expect(result.complaint.version).toBe(c.version + 1);
      status = result.complaint.status;
    }
    expect(status).toBe(move.to);
  });

  it('resumes paused clocks without moving the complaint', async () => {
    let c = await complaintIn('ASSIGNED');
    c = (await change(server, staff.agent, 'pauseClock', { complaintId: c.id, expectedVersion: c.version, reason: 'Photos' })).complaint;
    const resumed = await change(server, staff.agent, 'resumeClock', { complaintId: c.id, expectedVersion: c.version });
    expect(resumed.errors).toEqual([]);
    expect(resumed.complaint.status).toBe('ASSIGNED');
  });
});
