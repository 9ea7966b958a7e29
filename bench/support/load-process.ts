import autocannon from 'autocannon';

/**
 * The load generator, in its own process so that it never competes with the server for
 * the event loop. Receives one job per message, answers with autocannon's numbers.
 */
export interface LoadJob {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
  connections: number;
  durationSeconds: number;
  /** Each occurrence in the body is replaced by a value unique to the request. */
  uniqueMarker?: string;
  /**
   * A sequence of requests each connection sends in a loop, in place of `body`: values read
   * from one answer (`capture`: name → dotted path) fill `{{name}}` in the next ones.
   */
  sequence?: LoadStep[];
  /** Bearer tokens handed to the connections in turn (one per connection): a client per user. */
  tokens?: string[];
  /** Requests per second across all connections; as fast as answers come when not given. */
  overallRate?: number;
}

export interface LoadStep {
  body: string;
  capture?: Record<string, string>;
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  errors: number;
  non2xx: number;
  /** Answers of a `sequence` carrying GraphQL or payload errors (`"errors":[{`). */
  failedAnswers: number;
}

const prefix = `${process.pid}x${Date.now().toString(36)}x`;
let counter = 0;

const unique = () => `${prefix}${(counter++).toString(36)}`;

/** A connection's state between the steps of a sequence. */
type StepContext = Record<string, unknown> & { token?: string };

function sequenceRequests(job: LoadJob, steps: LoadStep[], failed: { count: number }): autocannon.Request[] {
  let tokenTurn = 0;
  return steps.map((step) => ({
    method: job.method,
    setupRequest: (request: autocannon.Request, context: object) => {
      const ctx = context as StepContext;
      if (job.tokens?.length && !ctx.token) ctx.token = job.tokens[tokenTurn++ % job.tokens.length];
      let body = job.uniqueMarker ? step.body.split(job.uniqueMarker).join(unique()) : step.body;
      body = body.replace(/\{\{(\w+)\}\}/g, (_all, name: string) => String(ctx[name]));
      const headers = ctx.token ? { ...request.headers, authorization: `Bearer ${ctx.token}` } : request.headers;
      return { ...request, body, headers };
    },
    onResponse: (_status: number, body: string, context: object) => {
      if (body.includes('"errors":[{')) failed.count += 1;
      if (!step.capture) return;
      try {
        const answer = JSON.parse(body) as unknown;
        for (const [name, path] of Object.entries(step.capture)) {
          (context as StepContext)[name] = path.split('.').reduce<any>((value, key) => value?.[key], answer);
        }
      } catch {
        failed.count += 1;
      }
    },
  }));
}

async function run(job: LoadJob): Promise<LoadResult> {
  const marker = job.uniqueMarker;
  const failed = { count: 0 };
  const result = await autocannon({
    url: job.url,
    method: job.method,
    headers: job.headers,
    connections: job.connections,
    duration: job.durationSeconds,
    ...(job.overallRate ? { overallRate: job.overallRate } : {}),
    requests: job.sequence
      ? sequenceRequests(job, job.sequence, failed)
      : [
          marker && job.body
            ? { method: job.method, setupRequest: (request) => ({ ...request, body: job.body!.split(marker).join(unique()) }) }
            : { method: job.method, body: job.body },
        ],
  });
  return {
    requestsPerSecond: result.requests.average,
    latencyP50: result.latency.p50,
    latencyP99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    failedAnswers: failed.count,
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ ok: true, result }),
    (error: Error) => process.send!({ ok: false, error: error.message }),
  );
});
