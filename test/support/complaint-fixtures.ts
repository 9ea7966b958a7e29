import type { TestServer } from './test-server';

/** Staff of one tenant, each logged in with the roles the lifecycle asks for. */
export interface Staff {
  admin: string;
  supervisor: string;
  agent: string;
  handler: string;
  handlerId: string;
  otherHandler: string;
}

export async function inviteMember(
  server: TestServer,
  tenant: { slug: string; adminToken: string },
  name: string,
  roles: string[],
): Promise<{ token: string; userId: string }> {
  const email = `${name}@${tenant.slug}.test`;
  const invited = await server.request(
    `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { membership { user { id } } temporaryPassword errors { code message } } }`,
    { input: { email, name, roles } },
    { token: tenant.adminToken },
  );
  const payload = invited.data?.inviteUser;
  if (!payload?.temporaryPassword) throw new Error(`inviteUser failed: ${JSON.stringify(invited)}`);
  return { token: await server.login(email, payload.temporaryPassword, tenant.slug), userId: payload.membership.user.id };
}

export async function createStaffedTenant(server: TestServer, slug: string): Promise<{ slug: string; staff: Staff }> {
  const tenant = await server.createTenant(slug);
  const supervisor = await inviteMember(server, tenant, 'supervisor', ['supervisor']);
  const agent = await inviteMember(server, tenant, 'agent', ['agent']);
  const handler = await inviteMember(server, tenant, 'handler', ['handler']);
  const otherHandler = await inviteMember(server, tenant, 'other-handler', ['handler']);
  return {
    slug,
    staff: {
      admin: tenant.adminToken,
      supervisor: supervisor.token,
      agent: agent.token,
      handler: handler.token,
      handlerId: handler.userId,
      otherHandler: otherHandler.token,
    },
  };
}

export const COMPLAINT_FIELDS = `id number trackingCode status version priority major
  category { code label path } department { code } owner { id }
  deadlines { stage dueAt metAt cancelledAt breached }`;

export const SAMPLE_COMPLAINT = {
  channel: 'PHONE',
  description: 'The washing machine bought on 3 May leaks from the door seal.',
  demands: ['REPAIR', 'COMPENSATION'],
  complainant: { name: '张三', phone: '13800138000' },
  asset: { name: 'Washing machine', serialNumber: 'WM-2026-0001', model: 'WM-9', warrantyEndsOn: '2028-05-03' },
  evidence: [{ fileName: 'receipt.jpg', contentType: 'image/jpeg', sizeBytes: 20480 }],
};

export async function fileComplaint(server: TestServer, token: string, input: Record<string, unknown> = SAMPLE_COMPLAINT): Promise<any> {
  const result = await server.request(
    `mutation ($input: FileComplaintInput!) { fileComplaint(input: $input) { complaint { ${COMPLAINT_FIELDS} } errors { code message field } } }`,
    { input },
    { token },
  );
  const payload = result.data?.fileComplaint;
  if (!payload?.complaint) throw new Error(`fileComplaint failed: ${JSON.stringify(result)}`);
  return payload.complaint;
}

/** Runs one lifecycle mutation and returns its payload (complaint, errors) and any GraphQL errors. */
export async function change(
  server: TestServer,
  token: string,
  mutation: string,
  input: Record<string, unknown>,
): Promise<{ complaint: any; errors: { code: string; field: string | null; message: string }[]; graphqlErrors?: any[] }> {
  const inputType = mutation.charAt(0).toUpperCase() + mutation.slice(1) + 'Input';
  const result = await server.request(
    `mutation ($input: ${inputType}!) { ${mutation}(input: $input) { complaint { ${COMPLAINT_FIELDS} } event { kind } errors { code field message } } }`,
    { input },
    { token },
  );
  const payload = result.data?.[mutation];
  return { complaint: payload?.complaint ?? null, errors: payload?.errors ?? [], graphqlErrors: result.errors };
}

/** The lifecycle mutations a walk takes, by the name of the mutation. */
export type WalkMutation =
  | 'acknowledgeComplaint'
  | 'assessComplaint'
  | 'assignComplaint'
  | 'recordInvestigation'
  | 'proposeResolution'
  | 'decideApproval'
  | 'markResolutionExecuted'
  | 'respondToComplainant'
  | 'recordFollowUp'
  | 'closeComplaint'
  | 'withdrawComplaint';

export interface WalkOptions {
  /** Inputs of the steps, over the defaults (ACCEPT into product.quality, an APOLOGY, …). */
  inputs?: Partial<Record<WalkMutation, Record<string, unknown>>>;
  /** Who takes a step, over the walker's choice. */
  tokens?: Partial<Record<WalkMutation, string>>;
  /** Who decides an approval step, by the role it names. */
  approvers?: Record<string, string>;
}

/** The usual way through the lifecycle; SENT_BACK, REJECTED and WITHDRAWN branch off it. */
const MAIN_LINE = [
  'RECEIVED',
  'ACKNOWLEDGED',
  'ACCEPTED',
  'ASSIGNED',
  'INVESTIGATING',
  'RESOLUTION_PROPOSED',
  'IN_APPROVAL',
  'APPROVED',
  'EXECUTED',
  'RESPONDED',
  'FOLLOW_UP',
  'CLOSED',
];

const WALK_INPUTS: Record<WalkMutation, Record<string, unknown>> = {
  acknowledgeComplaint: {},
  assessComplaint: { decision: 'ACCEPT', categoryCode: 'product.quality' },
  assignComplaint: {},
  recordInvestigation: { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' },
  proposeResolution: { kind: 'APOLOGY', description: 'Sorry' },
  decideApproval: { decision: 'APPROVE' },
  markResolutionExecuted: {},
  respondToComplainant: { channel: 'PHONE', message: 'Done' },
  recordFollowUp: { scores: [{ dimension: 'ATTITUDE', score: 5 }] },
  closeComplaint: { summary: 'Closed' },
  withdrawComplaint: {},
};

/**
 * Drives a complaint to `status` through the real API, one lifecycle step at a time from
 * wherever it stands, and returns it (COMPLAINT_FIELDS). `who` is one token taking every
 * step, or a tenant's staff: then the agent acknowledges, responds, follows up and withdraws;
 * the supervisor assesses, assigns (to the handler, unless `inputs.assignComplaint` says
 * otherwise) and closes; the owner, or the supervisor when the handler is not it, works the
 * complaint; approval steps go to whoever holds their role. Any refusal on the way throws.
 */
export async function walkTo(
  server: TestServer,
  who: string | Staff,
  complaintId: string,
  status: string,
  options: WalkOptions = {},
): Promise<any> {
  const staff = typeof who === 'string' ? null : who;
  const reader = staff ? staff.supervisor : (who as string);
  const read = async (field: string) => {
    const result = await server.request(`query ($id: ID!) { complaint(id: $id) { ${field} } }`, { id: complaintId }, { token: reader });
    if (!result.data?.complaint) throw new Error(`walkTo(${status}): cannot read the complaint: ${JSON.stringify(result)}`);
    return result.data.complaint;
  };
  const approvers: Record<string, string> = {
    ...(staff ? { supervisor: staff.supervisor, 'tenant-admin': staff.admin } : {}),
    ...options.approvers,
  };
  const tokenFor = async (mutation: WalkMutation, complaint: any): Promise<string> => {
    const given = options.tokens?.[mutation];
    if (given) return given;
    if (mutation === 'decideApproval') {
      const pending = (await read('approvals { role decision }')).approvals.find((step: any) => step.decision === null);
      const holder = pending && (approvers[pending.role] ?? (staff ? undefined : (who as string)));
      if (!holder) throw new Error(`walkTo(${status}): nobody to decide the approval step ${JSON.stringify(pending)}`);
      return holder;
    }
    if (!staff) return who as string;
    switch (mutation) {
      case 'acknowledgeComplaint':
      case 'respondToComplainant':
      case 'recordFollowUp':
      case 'withdrawComplaint':
        return staff.agent;
      case 'recordInvestigation':
      case 'proposeResolution':
      case 'markResolutionExecuted':
        return complaint.owner?.id === staff.handlerId ? staff.handler : staff.supervisor;
      default:
        return staff.supervisor;
    }
  };
  const inputFor = async (mutation: WalkMutation): Promise<Record<string, unknown>> => {
    const given = { ...WALK_INPUTS[mutation], ...options.inputs?.[mutation] };
    if (mutation === 'assignComplaint' && !given.ownerId && !given.departmentId) {
      given.ownerId = staff
        ? staff.handlerId
        : (await server.request(`{ me { user { id } } }`, {}, { token: who as string })).data.me.user.id;
    }
    return given;
  };
  const nextStep = (from: string): WalkMutation => {
    if (status === 'WITHDRAWN') return 'withdrawComplaint';
    if (status === 'REJECTED' && from === 'ACKNOWLEDGED') return 'assessComplaint';
    if (status === 'SENT_BACK' && (from === 'RESOLUTION_PROPOSED' || from === 'IN_APPROVAL')) return 'decideApproval';
    const target = status === 'REJECTED' ? 'ACKNOWLEDGED' : status === 'SENT_BACK' ? 'RESOLUTION_PROPOSED' : status;
    if (from === 'SENT_BACK') return 'proposeResolution';
    if (!MAIN_LINE.includes(target) || !MAIN_LINE.includes(from) || MAIN_LINE.indexOf(from) >= MAIN_LINE.indexOf(target)) {
      throw new Error(`walkTo: no way forward from ${from} to ${status}`);
    }
    const steps: Record<string, WalkMutation> = {
      RECEIVED: 'acknowledgeComplaint',
      ACKNOWLEDGED: 'assessComplaint',
      ACCEPTED: 'assignComplaint',
      ASSIGNED: 'recordInvestigation',
      INVESTIGATING: 'proposeResolution',
      RESOLUTION_PROPOSED: 'decideApproval',
      IN_APPROVAL: 'decideApproval',
      APPROVED: 'markResolutionExecuted',
      EXECUTED: 'respondToComplainant',
      RESPONDED: target === 'FOLLOW_UP' ? 'recordFollowUp' : 'closeComplaint',
      FOLLOW_UP: 'closeComplaint',
    };
    return steps[from];
  };

  let complaint = await read(COMPLAINT_FIELDS);
  for (let steps = 0; complaint.status !== status; steps += 1) {
    if (steps === 30) throw new Error(`walkTo(${status}): still in ${complaint.status} after ${steps} steps`);
    const mutation = nextStep(complaint.status);
    const input = await inputFor(mutation);
    if (status === 'REJECTED' && mutation === 'assessComplaint')
      Object.assign(input, { decision: 'REJECT', rejectionReason: 'customer-at-fault' }, options.inputs?.assessComplaint);
    if (status === 'SENT_BACK' && mutation === 'decideApproval')
      Object.assign(input, { decision: 'SEND_BACK' }, options.inputs?.decideApproval);
    const token = await tokenFor(mutation, complaint);
    const result = await change(server, token, mutation, { complaintId, expectedVersion: complaint.version, ...input });
    if (!result.complaint || result.errors.length || result.graphqlErrors) {
      throw new Error(
        `walkTo(${status}): ${mutation} from ${complaint.status} failed: ${JSON.stringify(result.errors.length ? result.errors : result.graphqlErrors)}`,
      );
    }
    const before = complaint.status;
    complaint = result.complaint;
    // Only a chain of approvals may take more than one step in a status.
    if (complaint.status === before && before !== 'IN_APPROVAL') {
      throw new Error(`walkTo(${status}): ${mutation} left the complaint in ${before}`);
    }
  }
  return complaint;
}
