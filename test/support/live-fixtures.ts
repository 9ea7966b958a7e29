import { change, fileComplaint } from './complaint-fixtures';
import { connectLive, type LiveClient } from './live-client';
import type { TestServer } from './test-server';

export const COMPLAINT_CHANGED = `subscription ($filter: ComplaintFilter) {
  complaintChanged(filter: $filter) { kind complaint { id status version department { code } } event { id kind } }
}`;
export const COMPLAINT_EVENTS = `subscription ($id: ID!) {
  complaintEvents(complaintId: $id) { kind complaint { id version } event { id kind } }
}`;
export const DEADLINE_ALERTS = `subscription { deadlineAlerts { kind alert deadline { stage dueAt } complaint { id } } }`;
export const APPROVAL_REQUESTED = `subscription { approvalRequested { kind step { position role label } complaint { id status } } }`;
export const MONTHLY_REPORT_PUBLISHED = `subscription { monthlyReportPublished { kind report { id month addressedTo generatedBy { id } } } }`;
export const COMPLAINT_STATUS_CHANGED = `subscription ($slug: String!, $code: String!) {
  complaintStatusChanged(tenantSlug: $slug, trackingCode: $code) { trackingCode status history { label status } }
}`;

/** Opens graphql-ws connections and closes them all when asked (after each test). */
export class LiveClients {
  private readonly open: LiveClient[] = [];
  constructor(private readonly url: () => string) {}

  async as(token: string): Promise<LiveClient> {
    return this.with({ authorization: `Bearer ${token}` });
  }

  async with(connectionParams: Record<string, unknown>): Promise<LiveClient> {
    const client = await connectLive(this.url(), connectionParams);
    this.open.push(client);
    return client;
  }

  async closeAll(): Promise<void> {
    await Promise.all(this.open.splice(0).map((client) => client.close()));
  }
}

/** The subscription's payload field of a `next` result, or its errors' codes. */
export const payloadOf = (result: any, field: string) => result?.data?.[field];
export const errorCodes = (result: any): string[] => (result?.errors ?? []).map((e: any) => e.extensions?.code);

/** A complaint kept at its latest version, changed through the API. */
export class TrackedComplaint {
  private constructor(
    private readonly server: TestServer,
    public current: any,
  ) {}

  static async file(server: TestServer, token: string): Promise<TrackedComplaint> {
    return new TrackedComplaint(server, await fileComplaint(server, token));
  }

  get id(): string {
    return this.current.id;
  }

  async do(token: string, mutation: string, input: Record<string, unknown> = {}): Promise<any> {
    const result = await change(this.server, token, mutation, {
      complaintId: this.current.id,
      expectedVersion: this.current.version,
      ...input,
    });
    if (result.errors.length || result.graphqlErrors) {
      throw new Error(`${mutation} failed: ${JSON.stringify(result.errors.length ? result.errors : result.graphqlErrors)}`);
    }
    this.current = result.complaint;
    return result.complaint;
  }

  note(token: string, body = 'Called the customer back'): Promise<any> {
    return this.do(token, 'addNote', { body });
  }
}

/** Global id of a row id, as the API encodes it. */
export const globalId = (type: string, id: string) => Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
export const rowId = (global: string) => Buffer.from(global, 'base64url').toString('utf8').split(':')[1];
