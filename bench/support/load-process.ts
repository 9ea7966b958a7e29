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
}

export interface LoadResult {
  requestsPerSecond: number;
  latencyP50: number;
  latencyP99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

const prefix = `${process.pid}x${Date.now().toString(36)}x`;
let counter = 0;

async function run(job: LoadJob): Promise<LoadResult> {
  const marker = job.uniqueMarker;
  const result = await autocannon({
    url: job.url,
    method: job.method,
    headers: job.headers,
    connections: job.connections,
    duration: job.durationSeconds,
    requests: [
      marker && job.body
        ? {
            method: job.method,
            setupRequest: (request) => ({ ...request, body: job.body!.split(marker).join(`${prefix}${(counter++).toString(36)}`) }),
          }
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
  };
}

process.on('message', (job: LoadJob) => {
  run(job).then(
    (result) => process.send!({ ok: true, result }),
    (error: Error) => process.send!({ ok: false, error: error.message }),
  );
});
