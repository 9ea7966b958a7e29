import type { Staff } from '../../support/complaint-fixtures';
import { TEST_PASSWORD, type TestServer } from '../../support/test-server';

/** A member who can sign in through the console's form, and their API token for arranging data. */
export interface ConsoleUser {
  tenantSlug: string;
  email: string;
  password: string;
  name: string;
  userId: string;
  token: string;
}

export interface ConsoleTenant {
  slug: string;
  admin: ConsoleUser;
  supervisor: ConsoleUser;
  agent: ConsoleUser;
  handler: ConsoleUser;
  /** The same people as complaint-fixtures' `Staff`, for `fileComplaint`, `walkTo` and `change`. */
  staff: Staff;
}

export async function invite(server: TestServer, slug: string, adminToken: string, name: string, roles: string[]): Promise<ConsoleUser> {
  const email = `${name}@${slug}.test`;
  const invited = await server.request(
    `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { membership { user { id } } temporaryPassword errors { code message } } }`,
    { input: { email, name, roles } },
    { token: adminToken },
  );
  const payload = invited.data?.inviteUser;
  if (!payload?.temporaryPassword) throw new Error(`inviteUser failed: ${JSON.stringify(invited)}`);
  const password = payload.temporaryPassword as string;
  return { tenantSlug: slug, email, password, name, userId: payload.membership.user.id, token: await server.login(email, password, slug) };
}

/** A tenant with an administrator, a supervisor, an agent and a handler, each able to sign in in a browser. */
export async function createConsoleTenant(server: TestServer, slug: string): Promise<ConsoleTenant> {
  const tenant = await server.createTenant(slug);
  const me = await server.request(`{ me { user { id name } } }`, {}, { token: tenant.adminToken });
  const admin: ConsoleUser = {
    tenantSlug: slug,
    email: tenant.adminEmail,
    password: TEST_PASSWORD,
    name: me.data.me.user.name,
    userId: me.data.me.user.id,
    token: tenant.adminToken,
  };
  const supervisor = await invite(server, slug, tenant.adminToken, 'supervisor', ['supervisor']);
  const agent = await invite(server, slug, tenant.adminToken, 'agent', ['agent']);
  const handler = await invite(server, slug, tenant.adminToken, 'handler', ['handler']);
  const otherHandler = await invite(server, slug, tenant.adminToken, 'other-handler', ['handler']);
  return {
    slug,
    admin,
    supervisor,
    agent,
    handler,
    staff: {
      admin: admin.token,
      supervisor: supervisor.token,
      agent: agent.token,
      handler: handler.token,
      handlerId: handler.userId,
      otherHandler: otherHandler.token,
    },
  };
}
