/**
 * Type-checked as a frontend would use the installed package (test/sdk/compile-time.test.ts):
 * correct usages compile, and each mistake below must be a compile error.
 */
import {
  ComplaintChangedDocument,
  ComplaintDocument,
  ComplaintStatusChangedDocument,
  ComplaintStatusDocument,
  ComplaintsDocument,
  CurrentTenantDocument,
  FileComplaintDocument,
  MeDocument,
  MembersDocument,
  PenaltiesDocument,
  complaintWorkflow,
  createClient,
  fileComplaint,
  liveChange,
  paginate,
  signIn,
  submitComplaint,
  watchComplaint,
  watchComplaintQueue,
  type ComplaintStatus,
  type ConnectionState,
  type FileComplaintInput,
  type JsonValue,
  type ResultOf,
  type TypedDocumentNode,
  type UserErrorCode,
  type VariablesOf,
} from '@redress/client-sdk';

const client = createClient({ url: 'https://redress.example/graphql', token: () => 'token' });
const workflow = complaintWorkflow(client);
const sample: FileComplaintInput = {
  channel: 'PHONE',
  description: 'The kettle leaks',
  demands: ['REFUND'],
  complainant: { name: 'Zhang San', phone: '13800138000' },
};

export async function correctUsages(): Promise<void> {
  const list = await client.query(ComplaintsDocument, { filter: { status: ['RECEIVED'], overdue: true }, first: 20 });
  const row = list.complaints.edges[0]?.node;
  const status: ComplaintStatus | undefined = row?.status;
  const owner: string | undefined = row?.owner?.name;
  const viewer = await client.query(MeDocument);
  const roles: string[] = viewer.me.roles;
  const one = await client.query(ComplaintDocument, { id: 'Q29tcGxhaW50OjE' });
  const version: number | undefined = one.complaint?.version;

  const filed = await client.mutate(FileComplaintDocument, { input: sample });
  if (filed.ok) {
    const trackingCode: string | undefined = filed.data.complaint?.trackingCode;
    void trackingCode;
  } else {
    const code: UserErrorCode = filed.errors[0].code;
    void code;
  }
  const moved = await workflow.assess({ id: 'x', version: 2 }, { decision: 'ACCEPT', categoryCode: 'product.quality' });
  if (moved.ok) void moved.data.complaint.status;
  await workflow.acknowledge({ id: 'x', version: 1 });

  const stop = client.subscribe(CurrentTenantDocument, { next: (data) => void data.tenant.slug });
  stop();
  const typed: NonNullable<ResultOf<typeof ComplaintStatusDocument>['complaintStatus']>['history'] = [];
  const variables: VariablesOf<typeof ComplaintDocument> = { id: 'x' };
  void [status, owner, roles, version, typed, variables];

  // A request aborted with a signal, with and without variables.
  const controller = new AbortController();
  await client.query(MeDocument, undefined, { signal: controller.signal });
  await client.query(ComplaintDocument, { id: 'x' }, { signal: controller.signal });
  await client.mutate(FileComplaintDocument, { input: sample }, { signal: controller.signal });

  // Live: refetch after a resumption; the connection readable at any time.
  const live = client.subscribe(ComplaintChangedDocument, { next: () => undefined, refetch: () => undefined });
  live();
  const state: ConnectionState = client.connection.state;
  if (state === 'stopped') client.reconnect();

  // The complainant's own live status page.
  const complainant = createClient({
    url: 'https://redress.example/graphql',
    complainant: { tenantSlug: 'demo-retail', trackingCode: 'ABCD-EFGH-IJKL-MNOP' },
  });
  complainant.subscribe(ComplaintStatusChangedDocument, {
    variables: { tenantSlug: 'demo-retail', trackingCode: 'ABCD-EFGH-IJKL-MNOP' },
    next: (data) => void data.complaintStatusChanged.status,
  });

  // JSON fields are JSON values.
  const fields: JsonValue | undefined = one.complaint?.fields;
  void fields;

  // An app's own syntax-tree document is still accepted.
  const own = {} as TypedDocumentNode<{ me: { id: string } }, Record<string, never>>;
  const mine = await client.query(own);
  void mine.me.id;
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error a variable of the wrong type: `first` is an Int
  await client.query(ComplaintsDocument, { first: '20' });
  // @ts-expect-error an enum value the schema does not have
  await client.query(ComplaintsDocument, { filter: { status: ['OPEN'] } });
  // @ts-expect-error a variable the schema does not have
  await client.query(ComplaintsDocument, { search: 'kettle' });
  // @ts-expect-error missing the required variable `id`
  await client.query(ComplaintDocument);
  // @ts-expect-error missing the required variable `tenantSlug`
  await client.query(ComplaintStatusDocument, { trackingCode: 'ABCD-EFGH-IJKL-MNOP' });
  // @ts-expect-error a required input field missing: `complainant`
  await client.mutate(FileComplaintDocument, { input: { channel: 'PHONE', description: 'x', demands: [] } });

  const list = await client.query(ComplaintsDocument, {});
  // @ts-expect-error a field the operation did not select (a list row has no timeline)
  void list.complaints.edges[0].node.events;
  const one = await client.query(ComplaintDocument, { id: 'x' });
  // @ts-expect-error a nullable result read without checking it
  void one.complaint.status;
  const status: ComplaintStatus = 'RECEIVED';
  // @ts-expect-error comparing with a status that does not exist
  void (status === 'OPEN');

  const filed = await client.mutate(FileComplaintDocument, { input: sample });
  // @ts-expect-error the payload read before checking `ok`
  void filed.data.complaint;
  // @ts-expect-error a query passed to mutate
  await client.mutate(MeDocument);
  // @ts-expect-error a subscription passed to query
  await client.query(ComplaintChangedDocument, {});
  // @ts-expect-error a query passed to mutate, with its variables
  await client.mutate(ComplaintDocument, { id: 'x' });
  // @ts-expect-error a mutation run over the socket
  client.subscribe(FileComplaintDocument, { variables: { input: sample }, next: () => undefined });
  // @ts-expect-error request options in place of the variables a document needs
  await client.query(ComplaintDocument, { signal: new AbortController().signal });
  // @ts-expect-error a stage with an input it does not take
  await workflow.assess({ id: 'x', version: 1 }, { decision: 'MAYBE' });
  // @ts-expect-error a stage without the version last seen
  await workflow.acknowledge({ id: 'x' });

  // @ts-expect-error a field the operation over the socket did not select
  client.subscribe(CurrentTenantDocument, { next: (data) => void data.tenant.createdAt });
  // @ts-expect-error subscribe without the variables the document needs
  client.subscribe(ComplaintDocument, { next: () => undefined });
  // @ts-expect-error a token and an API key at once
  createClient({ url: 'https://redress.example/graphql', token: 't', apiKey: 'k' });
  // @ts-expect-error a token and a complainant's tracking code at once
  createClient({ url: 'https://redress.example/graphql', token: 't', complainant: { tenantSlug: 's', trackingCode: 'c' } });
  // @ts-expect-error a state the connection does not have
  void (client.connection.state === 'reconnecting');
  // @ts-expect-error a JSON field used as a number without checking
  void (one.complaint?.fields ?? 0).toFixed();
}

export async function flowUsages(): Promise<void> {
  await fileComplaint(client, { ...sample, complainant: { name: 'Li Si', email: 'li@example.com' } });
  await submitComplaint(client, {
    tenantSlug: 'demo-retail',
    description: 'Late delivery',
    demands: ['APOLOGY'],
    complainant: { name: 'Wang Wu', phone: '13800138000' },
  });

  client.subscribe(ComplaintChangedDocument, {
    next: (data) => {
      const change = liveChange(data.complaintChanged);
      if (change.kind === 'CHANGE') {
        const status: ComplaintStatus = change.complaint.status;
        const kind: string = change.event.kind;
        void [status, kind];
      }
    },
  });

  // Paging without annotations, over any connection query.
  for await (const complaint of paginate(client, ComplaintsDocument, { first: 100 }, (data) => data.complaints)) {
    const number: number = complaint.number;
    void number;
  }
  for await (const penalty of paginate(client, PenaltiesDocument, { filter: {} }, (data) => data.penalties)) void penalty.points;
  for await (const member of paginate(client, MembersDocument, {}, (data) => data.members)) void member.user.email;

  const queue = await watchComplaintQueue(client, {
    filter: { status: ['RECEIVED'] },
    orderBy: { field: 'NUMBER', direction: 'ASC' },
    first: 25,
    onChange: ({ complaints, totalCount, hasMore }) => void [complaints[0]?.number, totalCount, hasMore],
  });
  await queue.loadMore();
  const page = await watchComplaint(client, 'Q29tcGxhaW50OjE', {
    onChange: (complaint, event) => void [complaint?.lastEvent?.kind, complaint?.penalties.length, event?.kind],
  });
  page.stop();

  const signedIn = await signIn(client, { tenantSlug: 'demo-retail', email: 'a@example.com', password: 'secret' });
  if (signedIn.ok) void signedIn.session.token.length;
  else void signedIn.errors[0]?.code;
}

export async function flowMistakes(): Promise<void> {
  // @ts-expect-error a complainant who cannot be answered: neither phone nor email
  await fileComplaint(client, { ...sample, complainant: { name: 'Nobody' } });
  await submitComplaint(client, {
    tenantSlug: 'demo-retail',
    description: 'Late delivery',
    demands: ['APOLOGY'],
    // @ts-expect-error the public form needs a phone or an email too
    complainant: { name: 'Nobody', phone: null },
  });

  client.subscribe(ComplaintChangedDocument, {
    next: (data) => {
      const change = liveChange(data.complaintChanged);
      // @ts-expect-error a REFETCH has no complaint: check `kind` first
      void change.complaint;
    },
  });

  // @ts-expect-error the iterator sets `after` itself
  paginate(client, ComplaintsDocument, { after: 'x' }, (data) => data.complaints);
  // @ts-expect-error `select` must pick a connection out of the data
  paginate(client, ComplaintsDocument, {}, (data) => data.complaints.totalCount);

  await watchComplaintQueue(client, {
    // @ts-expect-error an order the complaints query does not offer
    orderBy: { field: 'PRIORITY', direction: 'ASC' },
    onChange: () => undefined,
  });

  const signedIn = await signIn(client, { email: 'a@example.com', password: 'secret' });
  // @ts-expect-error the session read before checking `ok`
  void signedIn.session.token;
}
