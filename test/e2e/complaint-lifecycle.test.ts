import { startTestServer, type TestServer } from '../support/test-server';
import { change, createStaffedTenant, fileComplaint, SAMPLE_COMPLAINT, type Staff } from '../support/complaint-fixtures';

/** A complaint walked through every stage over real HTTP, with the refusals on the way. */
let server: TestServer;
let staff: Staff;

beforeAll(async () => {
  server = await startTestServer();
  ({ staff } = await createStaffedTenant(server, 'lifecycle'));
  const dept = await server.request(
    `mutation { createDepartment(input: { code: "quality", name: "Quality" }) { errors { code } } }`,
    {},
    { token: staff.admin },
  );
  expect(dept.data.createDepartment.errors).toEqual([]);
});

afterAll(async () => {
  await server?.stop();
});

const base = (complaint: { id: string; version: number }) => ({ complaintId: complaint.id, expectedVersion: complaint.version });

async function complaintRows(id: string) {
  const [row] = await server.ownerQuery(
    `SELECT c.*, (SELECT count(*)::int FROM complaint_events e WHERE e.complaint_id = c.id) AS events
       FROM complaints c WHERE c.id = decode_id($1)`,
    [id],
  );
  return row;
}

beforeAll(async () => {
  // Tests read rows by global id; the owner connection decodes it the way the API encodes it.
  await server.ownerQuery(
    `CREATE OR REPLACE FUNCTION decode_id(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
       SELECT split_part(convert_from(decode(translate($1, '-_', '+/') || repeat('=', (4 - length($1) % 4) % 4), 'base64'), 'UTF8'), ':', 2)::uuid
     $$`,
  );
});

describe('a complaint from first contact to closing', () => {
  it('passes every stage with the right people, and records each step', async () => {
    let c = await fileComplaint(server, staff.agent);
    expect(c).toMatchObject({ status: 'RECEIVED', version: 1, number: 1, priority: 'NORMAL', major: false });
    expect(c.trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(c.deadlines.map((d: any) => d.stage).sort()).toEqual(['ACKNOWLEDGE', 'ASSESS', 'CLOSE']);

    const step = async (token: string, mutation: string, input: Record<string, unknown>, status: string) => {
      const result = await change(server, token, mutation, { ...base(c), ...input });
      expect({ mutation, errors: result.errors, graphqlErrors: result.graphqlErrors }).toEqual({
        mutation,
        errors: [],
        graphqlErrors: undefined,
      });
      expect(result.complaint.status).toBe(status);
      expect(result.complaint.version).toBe(c.version + 1);
      c = result.complaint;
    };

    await step(staff.agent, 'acknowledgeComplaint', {}, 'ACKNOWLEDGED');
    await step(staff.supervisor, 'assessComplaint', { decision: 'ACCEPT', categoryCode: 'product.quality' }, 'ACCEPTED');
    expect(c.category).toEqual({ code: 'product.quality', label: '产品质量', path: ['产品', '产品质量'] });
    expect(c.department).toEqual({ code: 'quality' }); // routed by the plugin
    await step(staff.supervisor, 'assignComplaint', { ownerId: (await me(staff.handler)).id }, 'ASSIGNED');
    expect(c.owner.id).toBe(staff.handlerId);
    expect(c.deadlines.map((d: any) => d.stage)).toEqual(expect.arrayContaining(['INVESTIGATE', 'PROPOSE_RESOLUTION']));
    await step(
      staff.handler,
      'recordInvestigation',
      {
        cause: 'Door seal mounted crooked at the factory',
        course: 'Customer noticed water after the third wash',
        responsiblePerson: 'Supplier QA',
        conclusion: 'Manufacturing defect',
        countermeasures: 'Replace the seal',
        prevention: 'Inspect seals of the batch',
      },
      'INVESTIGATING',
    );
    await step(
      staff.handler,
      'proposeResolution',
      { kind: 'COMPENSATION', amount: 1500, currency: 'cny', description: 'Repair plus 1500 yuan' },
      'RESOLUTION_PROPOSED',
    );
    // 1500 ≥ the 1000 threshold: supervisor, then management.
    const chain = await server.request(
      `query ($id: ID!) { complaint(id: $id) { approvals { role decision } resolution { currency amount status } } }`,
      { id: c.id },
      { token: staff.supervisor },
    );
    expect(chain.data.complaint.approvals).toEqual([
      { role: 'supervisor', decision: null },
      { role: 'tenant-admin', decision: null },
    ]);
    expect(chain.data.complaint.resolution).toEqual({ currency: 'CNY', amount: 1500, status: 'PENDING' });
    // The handler holds neither role of the chain.
    const refused = await change(server, staff.handler, 'decideApproval', { ...base(c), decision: 'APPROVE' });
    expect(refused.graphqlErrors).toBeUndefined();
    expect(refused.complaint).toBeNull();
    expect(refused.errors).toEqual([{ code: 'FORBIDDEN', field: null, message: expect.any(String) }]);
    await step(staff.supervisor, 'decideApproval', { decision: 'APPROVE', comment: 'ok' }, 'IN_APPROVAL');
    // Management sends it back once; the handler revises.
    await step(staff.admin, 'decideApproval', { decision: 'SEND_BACK', comment: 'Offer 1000' }, 'SENT_BACK');
    await step(
      staff.handler,
      'proposeResolution',
      { kind: 'COMPENSATION', amount: 800, currency: 'CNY', description: 'Repair plus 800 yuan' },
      'RESOLUTION_PROPOSED',
    );
    await step(staff.supervisor, 'decideApproval', { decision: 'APPROVE' }, 'APPROVED');
    await step(staff.handler, 'markResolutionExecuted', { note: 'Seal replaced' }, 'EXECUTED');
    await step(
      staff.agent,
      'respondToComplainant',
      { channel: 'PHONE', message: 'Repaired and paid', customerReaction: 'Satisfied' },
      'RESPONDED',
    );
    await step(
      staff.agent,
      'recordFollowUp',
      {
        scores: [
          { dimension: 'RESPONSE_SPEED', score: 5 },
          { dimension: 'ATTITUDE', score: 4 },
        ],
        comment: 'Fine now',
      },
      'FOLLOW_UP',
    );
    await step(staff.handler, 'addNote', { body: 'Customer prefers calls after 18:00' }, 'FOLLOW_UP');
    await step(
      staff.supervisor,
      'closeComplaint',
      { summary: 'Seal defect; batch inspected', lossAmount: 800, lossCurrency: 'CNY' },
      'CLOSED',
    );

    const full = await server.request(
      `query ($id: ID!) { complaint(id: $id) {
         status closedAt closing { summary lossAmount lossCurrency } investigation { conclusion recordedBy { id } }
         resolution { amount status executedAt } approvals { role decision decidedBy { id } }
         responses { message customerReaction } followUps { scores { dimension score } }
         notes { body } evidence { fileName sizeBytes } asset { serialNumber warrantyEndsOn }
         complainant { name phone } deadlines { stage metAt cancelledAt }
         events(first: 100) { totalCount edges { node { kind fromStatus toStatus decidedBy actor { id } } } } } }`,
      { id: c.id },
      { token: staff.supervisor },
    );
    expect(full.errors).toBeUndefined();
    const complaint = full.data.complaint;
    expect(complaint.closing).toEqual({ summary: 'Seal defect; batch inspected', lossAmount: 800, lossCurrency: 'CNY' });
    expect(complaint.resolution).toMatchObject({ amount: 800, status: 'APPROVED' });
    expect(complaint.resolution.executedAt).not.toBeNull();
    expect(complaint.approvals.map((a: any) => a.decision)).toEqual(['APPROVE']);
    expect(complaint.followUps[0].scores).toEqual([
      { dimension: 'RESPONSE_SPEED', score: 5 },
      { dimension: 'ATTITUDE', score: 4 },
    ]);
    expect(complaint.asset).toEqual({ serialNumber: 'WM-2026-0001', warrantyEndsOn: '2028-05-03' });
    expect(complaint.evidence).toEqual([{ fileName: 'receipt.jpg', sizeBytes: 20480 }]);
    expect(complaint.deadlines.every((d: any) => d.metAt || d.cancelledAt)).toBe(true);
    const kinds = complaint.events.edges.map((e: any) => e.node.kind);
    expect(kinds).toEqual([
      'FILED',
      'ACKNOWLEDGED',
      'ACCEPTED',
      'ASSIGNED',
      'INVESTIGATION_RECORDED',
      'RESOLUTION_PROPOSED',
      'APPROVAL_DECIDED',
      'APPROVAL_DECIDED',
      'RESOLUTION_PROPOSED',
      'APPROVAL_DECIDED',
      'EXECUTED',
      'RESPONDED',
      'FOLLOW_UP_RECORDED',
      'NOTE_ADDED',
      'CLOSED',
    ]);
    expect(complaint.events.totalCount).toBe(kinds.length);
    // Decisions the plugin made carry its version; every staff event names its actor.
    const accepted = complaint.events.edges.find((e: any) => e.node.kind === 'ACCEPTED').node;
    expect(accepted.decidedBy).toBe('default@1.0.0');
    expect(complaint.events.edges.every((e: any) => e.node.actor)).toBe(true);
    // Reopened by the front desk when the customer comes back unhappy: back to its owner.
    const reopened = await change(server, staff.agent, 'reopenComplaint', { ...base(c), reason: 'Leaks again' });
    expect(reopened.complaint.status).toBe('INVESTIGATING');
  });

  it('pages through the timeline', async () => {
    let c = await fileComplaint(server, staff.agent, { ...SAMPLE_COMPLAINT, complainant: { name: 'Li', email: 'li@example.com' } });
    for (const body of ['one', 'two', 'three']) {
      c = (await change(server, staff.agent, 'addNote', { ...base(c), body })).complaint;
    }
    const query = `query ($id: ID!, $after: String) { complaint(id: $id) { events(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { kind } } } } }`;
    const first = (await server.request(query, { id: c.id }, { token: staff.agent })).data.complaint.events;
    expect(first.totalCount).toBe(4);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = (await server.request(query, { id: c.id, after: first.pageInfo.endCursor }, { token: staff.agent })).data.complaint
      .events;
    expect(second.edges.map((e: any) => e.node.kind)).toEqual(['NOTE_ADDED', 'NOTE_ADDED']);
    expect(second.pageInfo.hasNextPage).toBe(false);
  });

  it('rejects with a reason of the plugin, and ends the clocks', async () => {
    let c = await fileComplaint(server, staff.agent);
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const noReason = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'REJECT',
      rejectionReason: 'bored',
    });
    expect(noReason.errors).toEqual([expect.objectContaining({ code: 'INVALID_INPUT', field: 'rejectionReason' })]);
    const rejected = await change(server, staff.supervisor, 'assessComplaint', {
      ...base(c),
      decision: 'REJECT',
      rejectionReason: 'customer-at-fault',
      note: 'Used with the wrong detergent',
    });
    expect(rejected.complaint.status).toBe('REJECTED');
    expect(rejected.complaint.deadlines.every((d: any) => d.metAt || d.cancelledAt)).toBe(true);
    const shown = await server.request(
      `query ($id: ID!) { complaint(id: $id) { rejection { reasonCode reasonLabel note } } }`,
      { id: c.id },
      { token: staff.agent, headers: { 'accept-language': 'en' } },
    );
    expect(shown.data.complaint.rejection).toEqual({
      reasonCode: 'customer-at-fault',
      reasonLabel: 'The cause lies with the customer',
      note: 'Used with the wrong detergent',
    });
  });

  it('escalates to the major path and withdraws', async () => {
    let c = await fileComplaint(server, staff.agent);
    // A handler sees only their own queue: an unassigned complaint is not theirs to escalate.
    const outside = await change(server, staff.handler, 'escalateComplaint', { ...base(c), reason: 'x' });
    expect(outside.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const escalated = await change(server, staff.agent, 'escalateComplaint', { ...base(c), reason: 'Customer threatens press' });
    expect(escalated.complaint).toMatchObject({ major: true, priority: 'URGENT', status: 'RECEIVED' });
    c = escalated.complaint;
    const again = await change(server, staff.agent, 'escalateComplaint', { ...base(c), reason: 'again' });
    expect(again.errors[0].code).toBe('ILLEGAL_TRANSITION');
    const withdrawn = await change(server, staff.agent, 'withdrawComplaint', { ...base(c), reason: 'Settled privately' });
    expect(withdrawn.complaint.status).toBe('WITHDRAWN');
    expect(withdrawn.complaint.deadlines.every((d: any) => d.cancelledAt)).toBe(true);
  });
});

async function me(token: string): Promise<{ id: string }> {
  const result = await server.request(`{ me { user { id } } }`, {}, { token });
  return result.data.me.user;
}

describe('refused transitions change nothing', () => {
  it('refuses an action the status does not allow, with ILLEGAL_TRANSITION', async () => {
    const c = await fileComplaint(server, staff.agent);
    const before = await complaintRows(c.id);
    for (const [mutation, input] of [
      ['assessComplaint', { decision: 'ACCEPT', categoryCode: 'product' }],
      ['assignComplaint', { ownerId: staff.handlerId }],
      ['proposeResolution', { kind: 'APOLOGY', description: 'Sorry' }],
      ['decideApproval', { decision: 'APPROVE' }],
      ['markResolutionExecuted', {}],
      ['respondToComplainant', { channel: 'PHONE', message: 'Done' }],
      ['recordFollowUp', { scores: [{ dimension: 'PRICE', score: 3 }] }],
      ['closeComplaint', { summary: 'Done' }],
      ['reopenComplaint', { reason: 'Why' }],
    ] as const) {
      const result = await change(server, staff.admin, mutation, { ...base(c), ...input });
      expect({ mutation, code: result.errors[0]?.code }).toEqual({ mutation, code: 'ILLEGAL_TRANSITION' });
    }
    expect(await complaintRows(c.id)).toEqual(before);
  });

  it('refuses a viewer without the role, with the FORBIDDEN error value', async () => {
    const c = await fileComplaint(server, staff.agent);
    const before = await complaintRows(c.id);
    // Outside a handler's queue the complaint does not exist for them.
    const result = await change(server, staff.handler, 'acknowledgeComplaint', base(c));
    expect(result.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const acknowledged = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    const byAgent = await change(server, staff.agent, 'assessComplaint', {
      ...base(acknowledged),
      decision: 'ACCEPT',
      categoryCode: 'price',
    });
    expect(byAgent.graphqlErrors).toBeUndefined();
    expect(byAgent.complaint).toBeNull();
    expect(byAgent.errors).toEqual([{ code: 'FORBIDDEN', field: null, message: expect.any(String) }]);
    expect((await complaintRows(c.id)).version).toBe(before.version + 1);
  });

  it('lets only the owner among handlers work on a complaint; to the others it is not there', async () => {
    let c = await fileComplaint(server, staff.agent);
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    c = (await change(server, staff.supervisor, 'assessComplaint', { ...base(c), decision: 'ACCEPT', categoryCode: 'service' })).complaint;
    c = (await change(server, staff.supervisor, 'assignComplaint', { ...base(c), ownerId: staff.handlerId })).complaint;
    const investigation = { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' };
    const stranger = await change(server, staff.otherHandler, 'recordInvestigation', { ...base(c), ...investigation });
    expect(stranger.errors.map((e) => e.code)).toEqual(['NOT_FOUND']);
    const owner = await change(server, staff.handler, 'recordInvestigation', { ...base(c), ...investigation });
    expect(owner.complaint.status).toBe('INVESTIGATING');
  });

  it('of two concurrent changes from one version, exactly one wins; the other gets STALE_VERSION', async () => {
    const c = await fileComplaint(server, staff.agent);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => change(server, staff.agent, 'addNote', { ...base(c), body: `note ${i}` })),
    );
    const winners = results.filter((r) => r.errors.length === 0);
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => r.errors[0]?.code === 'STALE_VERSION')).toHaveLength(5);
    const row = await complaintRows(c.id);
    expect(row.version).toBe(2);
    expect(row.events).toBe(2);
  });
});

describe('bad input gets a typed error and writes nothing', () => {
  const cases: [string, Record<string, unknown>, string][] = [
    ['empty description', { ...SAMPLE_COMPLAINT, description: '   ' }, 'description'],
    ['oversized description', { ...SAMPLE_COMPLAINT, description: 'x'.repeat(10_001) }, 'description'],
    ['no contact', { ...SAMPLE_COMPLAINT, complainant: { name: 'Nobody' } }, 'complainant.phone'],
    ['bad phone', { ...SAMPLE_COMPLAINT, complainant: { name: 'A', phone: 'call me' } }, 'complainant.phone'],
    ['bad date', { ...SAMPLE_COMPLAINT, asset: { name: 'TV', warrantyEndsOn: '2027-13-45' } }, 'asset.warrantyEndsOn'],
    ['future receipt', { ...SAMPLE_COMPLAINT, receivedAt: '2999-01-01T00:00:00Z' }, 'receivedAt'],
    ['unknown category', { ...SAMPLE_COMPLAINT, categoryCode: 'nonsense' }, 'categoryCode'],
    [
      'negative evidence size',
      { ...SAMPLE_COMPLAINT, evidence: [{ fileName: 'a', contentType: 'image/png', sizeBytes: -1 }] },
      'evidence.0.sizeBytes',
    ],
  ];

  it.each(cases)('%s', async (_name, input, field) => {
    const [{ n: before }] = await server.ownerQuery('SELECT count(*)::int AS n FROM complaints');
    const result = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } errors { code field } } }`,
      { input },
      { token: staff.agent },
    );
    expect(result.data.fileComplaint.complaint).toBeNull();
    expect(result.data.fileComplaint.errors).toContainEqual({ code: 'INVALID_INPUT', field });
    const [{ n: after }] = await server.ownerQuery('SELECT count(*)::int AS n FROM complaints');
    expect(after).toBe(before);
  });

  it('refuses an unknown enum value at the GraphQL layer', async () => {
    const result = await server.request(
      `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { id } } }`,
      { input: { ...SAMPLE_COMPLAINT, channel: 'PIGEON' } },
      { token: staff.agent },
    );
    expect(result.errors?.[0].extensions?.code).toMatch(/BAD_USER_INPUT|GRAPHQL_VALIDATION_FAILED/);
  });

  it('refuses negative, absurd or unpriced amounts and a wrong currency', async () => {
    let c = await fileComplaint(server, staff.agent);
    c = (await change(server, staff.agent, 'acknowledgeComplaint', base(c))).complaint;
    c = (await change(server, staff.supervisor, 'assessComplaint', { ...base(c), decision: 'ACCEPT', categoryCode: 'price' })).complaint;
    c = (await change(server, staff.supervisor, 'assignComplaint', { ...base(c), ownerId: staff.handlerId })).complaint;
    c = (
      await change(server, staff.handler, 'recordInvestigation', {
        ...base(c),
        cause: 'c',
        course: 'c',
        conclusion: 'c',
        countermeasures: 'c',
        prevention: 'c',
      })
    ).complaint;
    const before = await complaintRows(c.id);
    for (const [resolution, field] of [
      [{ amount: -5, currency: 'CNY' }, 'amount'],
      [{ amount: 1e13, currency: 'CNY' }, 'amount'],
      [{ amount: 10.001, currency: 'CNY' }, 'amount'],
      [{ amount: 10, currency: 'XYZ' }, 'currency'],
      [{ amount: 10 }, 'currency'],
    ] as const) {
      const result = await change(server, staff.handler, 'proposeResolution', {
        ...base(c),
        kind: 'REFUND',
        description: 'Refund',
        ...resolution,
      });
      expect({ resolution, errors: result.errors.map((e) => ({ code: e.code, field: e.field })) }).toEqual({
        resolution,
        errors: [{ code: 'INVALID_INPUT', field }],
      });
    }
    expect(await complaintRows(c.id)).toEqual(before);
    const [{ n }] = await server.ownerQuery('SELECT count(*)::int AS n FROM complaint_resolutions WHERE complaint_id = $1', [before.id]);
    expect(n).toBe(0);
  });

  it('names the note, or the fields, that an input gets wrong, and changes nothing', async () => {
    const c = await fileComplaint(server, staff.agent);
    const before = await complaintRows(c.id);
    const longNote = 'x'.repeat(2001);
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['assignComplaint', staff.supervisor, { ownerId: staff.handlerId, note: longNote }, 'note'],
      ['markResolutionExecuted', staff.supervisor, { note: longNote }, 'note'],
      ['resumeClock', staff.agent, { note: longNote }, 'note'],
      ['updateComplaintFields', staff.agent, { fields: { orderNumber: 'A-1' }, note: longNote }, 'note'],
      ['updateComplaintFields', staff.agent, { fields: {} }, 'fields'],
      ['updateComplaintFields', staff.agent, { fields: ['orderNumber'] }, 'fields'],
      ['recordRefusalToReceive', staff.agent, { employeeId: staff.handlerId, note: '   ' }, 'note'],
      ['recordRefusalToReceive', staff.agent, { employeeId: staff.handlerId, note: longNote }, 'note'],
    ];
    for (const [mutation, token, input, field] of cases) {
      const result = await change(server, token, mutation, { ...base(c), ...input });
      expect({ mutation, input: Object.keys(input), errors: result.errors.map((e) => [e.code, e.field]) }).toEqual({
        mutation,
        input: Object.keys(input),
        errors: [['INVALID_INPUT', field]],
      });
    }
    expect(await complaintRows(c.id)).toEqual(before);
  });

  it('answers a stale or foreign complaint id with NOT_FOUND', async () => {
    const result = await change(server, staff.agent, 'acknowledgeComplaint', { complaintId: 'bm9wZQ', expectedVersion: 1 });
    expect(result.errors).toEqual([expect.objectContaining({ code: 'NOT_FOUND', field: 'complaintId' })]);
  });
});
