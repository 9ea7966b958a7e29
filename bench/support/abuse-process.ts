import WebSocket from 'ws';

/**
 * Abusive traffic, in its own process like the load generator: wrong-password logins,
 * oversized and aliased queries, malformed requests, over HTTP and graphql-ws. Each kind is
 * sent at its rate per second by `loops` loops (a loop whose last request is still unanswered
 * waits for it), for the job's duration, against the loopback server only. Answers with what
 * was sent and how each ended.
 */
export type AbuseKind = 'wrong-login' | 'http-aliased' | 'http-malformed' | 'ws-oversized' | 'ws-aliased' | 'ws-malformed';

export interface AbuseJob {
  /** The server's GraphQL URL (http://127.0.0.1:…/graphql). */
  url: string;
  kinds: AbuseKind[];
  /** Requests per second of each kind (at most: a slow answer delays its loop). */
  ratePerSecond: Partial<Record<AbuseKind, number>>;
  loops: number;
  durationSeconds: number;
  /** A member's email and tenant, for logins with a wrong password. */
  login: { email: string; tenantSlug: string };
  /** A complainant's connection parameters (tenant slug and tracking code). */
  complainant: { tenantSlug: string; trackingCode: string };
}

/** Per kind: requests sent, and how they ended (HTTP status, close code or error code). */
export type AbuseResult = Record<string, { sent: number; outcomes: Record<string, number> }>;

/** `{ a0: __typename a1: __typename … }` of about `bytes` bytes. */
export function aliasedQuery(bytes: number): string {
  const parts: string[] = [];
  let size = 2;
  for (let i = 0; size < bytes; i++) {
    const part = `a${i}: __typename `;
    parts.push(part);
    size += part.length;
  }
  return `{ ${parts.join('')}}`;
}

const HTTP_ALIASED = JSON.stringify({ query: aliasedQuery(900_000) });
const WS_OVERSIZED = JSON.stringify({ id: 'x', type: 'subscribe', payload: { query: aliasedQuery(1_200_000) } });
const WS_ALIASED_QUERY = aliasedQuery(500_000);
const MALFORMED_HTTP = [
  '{"query": "{ tenant { slug ',
  JSON.stringify({ query: 'subscription { complaintStatusChanged(tenantSlug: "x" {' }),
  JSON.stringify({ query: `{ ${'__typename '.repeat(5000)}}` }),
  JSON.stringify({ query: '{ __schema { types { name fields { name type { name ofType { name ofType { name } } } } } } }' }),
];

async function post(url: string, body: string): Promise<string> {
  try {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    return String(response.status);
  } catch (error) {
    return `failed: ${(error as Error).message.slice(0, 40)}`;
  }
}

/** A graphql-transport-ws connection, acknowledged; resolves null when refused. */
function openSocket(url: string, params: Record<string, unknown>): Promise<{ socket: WebSocket; closed: Promise<number> } | null> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((done) => socket.once('close', (code) => done(code)));
    socket.on('error', () => undefined);
    socket.once('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload: params })));
    const onMessage = (data: WebSocket.RawData) => {
      if (JSON.parse(String(data)).type === 'connection_ack') {
        socket.off('message', onMessage);
        resolve({ socket, closed });
      }
    };
    socket.on('message', onMessage);
    void closed.then(() => resolve(null));
  });
}

/** Sends `subscribe` messages on one socket and waits for each answer; reopens the socket when the server closed it. */
class Subscriber {
  private open: { socket: WebSocket; closed: Promise<number> } | null = null;
  private next = 0;
  constructor(
    private readonly url: string,
    private readonly params: Record<string, unknown>,
  ) {}

  async send(query: string): Promise<string> {
    this.open ??= await openSocket(this.url, this.params);
    const open = this.open;
    if (!open) return 'refused';
    const id = String(++this.next);
    const answer = new Promise<string>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(String(data));
        if (message.id !== id) return;
        open.socket.off('message', onMessage);
        resolve(message.type === 'error' ? (message.payload?.[0]?.extensions?.code ?? 'error') : message.type);
      };
      open.socket.on('message', onMessage);
      void open.closed.then((code) => resolve(`closed ${code}`));
    });
    open.socket.send(JSON.stringify({ id, type: 'subscribe', payload: { query } }));
    const outcome = await answer;
    if (outcome.startsWith('closed')) this.open = null;
    return outcome;
  }

  close(): void {
    this.open?.socket.close();
    this.open = null;
  }
}

async function loop(job: AbuseJob, kind: AbuseKind, deadline: number, tally: AbuseResult[string]): Promise<void> {
  const count = (outcome: string) => {
    tally.sent++;
    tally.outcomes[outcome] = (tally.outcomes[outcome] ?? 0) + 1;
  };
  const subscriber = new Subscriber(job.url, job.complainant);
  const intervalMs = (1000 * job.loops) / (job.ratePerSecond[kind] ?? 1);
  let i = 0;
  let next = Date.now() + Math.random() * intervalMs;
  try {
    while (true) {
      if (next > Date.now()) await new Promise((resolve) => setTimeout(resolve, next - Date.now()));
      if (Date.now() >= deadline) break;
      next += intervalMs;
      i++;
      switch (kind) {
        case 'wrong-login': {
          const body = JSON.stringify({
            query: 'mutation ($input: LoginInput!) { login(input: $input) { token errors { code } } }',
            variables: { input: { email: job.login.email, password: `wrong-${i}`, tenantSlug: job.login.tenantSlug } },
          });
          count(await post(job.url, body));
          break;
        }
        case 'http-aliased':
          count(await post(job.url, HTTP_ALIASED));
          break;
        case 'http-malformed':
          count(await post(job.url, MALFORMED_HTTP[i % MALFORMED_HTTP.length]));
          break;
        case 'ws-oversized': {
          const open = await openSocket(job.url, job.complainant);
          if (!open) {
            count('refused');
            break;
          }
          open.socket.send(WS_OVERSIZED);
          const code = await Promise.race([open.closed, new Promise<number>((r) => setTimeout(() => r(0), 5000))]);
          open.socket.terminate();
          count(`closed ${code}`);
          break;
        }
        case 'ws-aliased':
          count(await subscriber.send(WS_ALIASED_QUERY));
          break;
        case 'ws-malformed':
          count(await subscriber.send(i % 2 ? '{ tenant { slug' : 'subscription { complaintStatusChanged(tenantSlug: "x" {'));
          break;
      }
    }
  } finally {
    subscriber.close();
  }
}

async function run(job: AbuseJob): Promise<AbuseResult> {
  const deadline = Date.now() + job.durationSeconds * 1000;
  const result: AbuseResult = {};
  const loops: Promise<void>[] = [];
  for (const kind of job.kinds) {
    result[kind] = { sent: 0, outcomes: {} };
    for (let i = 0; i < job.loops; i++) loops.push(loop(job, kind, deadline, result[kind]));
  }
  await Promise.all(loops);
  return result;
}

if (process.send) {
  process.on('message', (job: AbuseJob) => {
    run(job).then(
      (result) => process.send!({ ok: true, result }),
      (error: Error) => process.send!({ ok: false, error: error.message }),
    );
  });
}
