import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { ratioRow } from '../support/compare';
import { FILE_COMPLAINT } from '../support/complaint-data';
import { startBenchPlatform } from '../support/platform';
import { progress, runScenario, type ScenarioRow } from '../support/report';
import { median } from '../support/stats';

/**
 * S10 notification delivery: how long after a change commits its notification reaches a real
 * SMTP server and a real webhook receiver on 127.0.0.1, and how many the outbox delivers per
 * second in a burst. Platform: a complaint filed through the API with the complainant's
 * consent; its receipt mail and its `complaint.filed` webhook are written in the filing's
 * transaction and delivered by the job queue (claim, render, send, record). Baseline: the
 * same SMTP server and receiver reached directly, a nodemailer send and an HTTP POST of the
 * same size from the process, with nothing durable about them.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SINGLES = 20;
const BURST = 100;
const ACKNOWLEDGE = `mutation ($input: AcknowledgeComplaintInput!) { acknowledgeComplaint(input: $input) { errors { code } } }`;
const CONCURRENCY = 4;

interface Sink {
  port: number;
  arrivals: Map<string, number>;
  close(): Promise<void>;
}

/** An SMTP server that notes when each message (by its first recipient) arrived. */
async function smtpSink(): Promise<Sink> {
  const arrivals = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        arrivals.set(session.envelope.rcptTo[0].address, performance.now());
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    arrivals,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** An HTTP receiver that notes when each complaint's webhook (by tracking code or marker) arrived. */
async function webhookSink(): Promise<Sink> {
  const arrivals = new Map<string, number>();
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      const key = body.data?.complaint?.trackingCode ?? body.marker;
      arrivals.set(request.url === '/hook' ? key : `${request.url}:${key}`, performance.now());
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    arrivals,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 60_000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function inParallel<T>(count: number, concurrency: number, work: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next++;
        results[index] = await work(index);
      }
    }),
  );
  return results;
}

void runScenario(async (cleanup) => {
  const smtp = await smtpSink();
  cleanup(() => smtp.close());
  const hooks = await webhookSink();
  cleanup(() => hooks.close());
  progress('S10: starting the platform');
  const platform = await startBenchPlatform({
    notifications: { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, webhookAllowPrivateAddresses: true, concurrency: CONCURRENCY },
  });
  cleanup(() => platform.stop());
  const tenant = await platform.createTenant('outbox', ['agent']);
  const endpoint = await platform.request(
    `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, events: ["complaint.filed"] }) { errors { code } } }`,
    { url: `http://127.0.0.1:${hooks.port}/hook` },
    tenant.tokens.admin,
  );
  if (endpoint.data.createWebhookEndpoint.errors.length) throw new Error(JSON.stringify(endpoint.data.createWebhookEndpoint.errors));
  // The burst: one acknowledgment offered to BURST endpoints, i.e. BURST deliveries written by one commit.
  for (let i = 0; i < BURST; i++) {
    await platform.request(
      `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url, events: ["complaint.acknowledged"] }) { errors { code } } }`,
      { url: `http://127.0.0.1:${hooks.port}/burst/${i}` },
      tenant.tokens.admin,
    );
  }
  const transport = nodemailer.createTransport({ url: `smtp://127.0.0.1:${smtp.port}`, pool: true, maxConnections: CONCURRENCY });
  cleanup(() => transport.close());

  let serial = 0;
  /** Files one complaint with consent; resolves when the mutation answered (its transaction committed). */
  const file = async () => {
    const address = `c${++serial}@bench.example`;
    const input = {
      channel: 'WEB',
      description: 'The washing machine leaks from the door seal.',
      demands: ['REPAIR'],
      complainant: { name: '张三', email: address, notifyByEmail: true },
    };
    const result = await platform.request(FILE_COMPLAINT.replace('id version', 'id version trackingCode'), { input }, tenant.tokens.agent);
    return { address, trackingCode: result.data.fileComplaint.complaint.trackingCode as string, committed: performance.now() };
  };
  const directMail = async () => {
    const address = `d${++serial}@bench.example`;
    const started = performance.now();
    await transport.sendMail({
      from: 'bench@redress.test',
      to: address,
      subject: 'Receipt',
      text: 'Tracking code',
      html: '<p>Tracking code</p>',
    });
    return { address, started };
  };
  const directPost = async () => {
    const marker = `p${++serial}`;
    const started = performance.now();
    const body = JSON.stringify({ marker, padding: 'x'.repeat(900) });
    await fetch(`http://127.0.0.1:${hooks.port}/hook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    return { marker, started };
  };

  /** Commit → receipt, one change at a time, for mail and webhook. */
  const platformSingles = async () => {
    const mail: number[] = [];
    const hook: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const filed = await file();
      await until(() => smtp.arrivals.has(filed.address) && hooks.arrivals.has(filed.trackingCode), 'a receipt and its webhook');
      mail.push(smtp.arrivals.get(filed.address)! - filed.committed);
      hook.push(hooks.arrivals.get(filed.trackingCode)! - filed.committed);
    }
    return { mail: median(mail), hook: median(hook) };
  };
  const baselineSingles = async () => {
    const mail: number[] = [];
    const hook: number[] = [];
    for (let i = 0; i < SINGLES; i++) {
      const sent = await directMail();
      await until(() => smtp.arrivals.has(sent.address), 'a direct mail');
      mail.push(smtp.arrivals.get(sent.address)! - sent.started);
      const posted = await directPost();
      hook.push(hooks.arrivals.get(posted.marker)! - posted.started);
    }
    return { mail: median(mail), hook: median(hook) };
  };
  /** Deliveries per second: one change whose commit writes BURST webhook deliveries, to the last arrival. */
  const platformBurst = async () => {
    const filed = await file();
    await until(() => hooks.arrivals.has(filed.trackingCode), 'the filing webhook');
    const complaintId = (
      await platform.request(
        `query ($code: String!) { complaints(filter: { text: $code }) { edges { node { id version } } } }`,
        { code: filed.trackingCode },
        tenant.tokens.agent,
      )
    ).data.complaints.edges[0].node;
    await platform.request(
      ACKNOWLEDGE,
      { input: { complaintId: complaintId.id, expectedVersion: complaintId.version } },
      tenant.tokens.agent,
    );
    const committed = performance.now();
    const keys = Array.from({ length: BURST }, (_, i) => `/burst/${i}:${filed.trackingCode}`);
    await until(() => keys.every((key) => hooks.arrivals.has(key)), 'the burst');
    const last = Math.max(...keys.map((key) => hooks.arrivals.get(key)!));
    return BURST / ((last - committed) / 1000);
  };
  const baselineBurst = async () => {
    const started = performance.now();
    const posted = await inParallel(BURST, CONCURRENCY, () => directPost());
    const last = Math.max(...posted.map((post) => hooks.arrivals.get(post.marker)!));
    return BURST / ((last - started) / 1000);
  };

  progress('S10: warm-up');
  await platformSingles();
  await baselineSingles();
  const singles = { platform: [] as { mail: number; hook: number }[], baseline: [] as { mail: number; hook: number }[] };
  const bursts = { platform: [] as number[], baseline: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const order = i % 2 === 0 ? (['platform', 'baseline'] as const) : (['baseline', 'platform'] as const);
    for (const side of order) {
      singles[side].push(await (side === 'platform' ? platformSingles() : baselineSingles()));
      bursts[side].push(await (side === 'platform' ? platformBurst() : baselineBurst()));
      const last = singles[side].at(-1)!;
      progress(
        `  round ${i + 1} ${side}: mail ${last.mail.toFixed(1)} ms, webhook ${last.hook.toFixed(1)} ms, burst ${Math.round(bursts[side].at(-1)!)} deliveries/s`,
      );
    }
  }
  const rows: ScenarioRow[] = [
    ratioRow(
      'commit→receipt, mail (p50 of round medians)',
      'ms',
      singles.platform.map((r) => r.mail),
      singles.baseline.map((r) => r.mail),
      null,
    ),
    ratioRow(
      'commit→receipt, webhook (p50 of round medians)',
      'ms',
      singles.platform.map((r) => r.hook),
      singles.baseline.map((r) => r.hook),
      null,
    ),
    ratioRow(
      `outbox throughput, ${BURST} webhook deliveries written by one commit`,
      'deliveries/s',
      bursts.platform,
      bursts.baseline,
      null,
    ),
  ];
  return {
    scenario: 'S10',
    title: 'Notification delivery: commit to receipt and outbox throughput, vs a bare nodemailer send and HTTP POST',
    rows,
    notes: [
      `Each round: ${SINGLES} complaints filed one at a time, each with the complainant's consent (a receipt mail) and a webhook endpoint for complaint.filed; latency runs from the mutation's answer (its transaction committed) to the arrival at a real SMTP server (smtp-server) and a node http receiver on 127.0.0.1. Throughput: one acknowledgment offered to ${BURST} endpoints (${BURST} deliveries written by one commit), from its commit to the last arrival; the baseline POSTs the same number directly, ${CONCURRENCY} at a time.`,
      `Platform: the mail message and the webhook delivery are written in the filing's transaction with their jobs; a runner of the job queue (NOTIFICATION_CONCURRENCY ${CONCURRENCY}) claims each with a lease, renders the template, sends, and records the outcome in a second transaction. New jobs are noticed at once (LISTEN/NOTIFY).`,
      `Baseline: the same SMTP server and receiver reached directly from the process (nodemailer with a pool of ${CONCURRENCY}, fetch), measured from the call; nothing is written, so a crash loses the message and nothing is retried. No target is set for these ratios; they are reported.`,
    ],
  };
});
