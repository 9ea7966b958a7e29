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

export async function fileComplaint(
  server: TestServer,
  token: string,
  input: Record<string, unknown> = SAMPLE_COMPLAINT,
): Promise<any> {
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
