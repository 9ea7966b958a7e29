import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail as the test's SMTP server received and parsed it. */
export interface ReceivedMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  headers: Map<string, unknown>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives, parsed with mailparser. It can
 * refuse the next messages (a temporary failure, 451) to show retries.
 */
export class MailReceiver {
  readonly mails: ReceivedMail[] = [];
  private refuseNext = 0;
  private server: SMTPServer;
  port = 0;

  constructor() {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          if (this.refuseNext > 0) {
            this.refuseNext -= 1;
            const error = new Error('Try again later') as Error & { responseCode: number };
            error.responseCode = 451;
            return callback(error);
          }
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              this.mails.push({
                to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                subject: parsed.subject ?? '',
                text: parsed.text ?? '',
                html: typeof parsed.html === 'string' ? parsed.html : '',
                messageId: parsed.messageId ?? '',
                headers: parsed.headers,
              });
              callback();
            })
            .catch((error: Error) => callback(error));
        });
      },
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuses the next `count` messages with a temporary failure. */
  refuse(count: number): void {
    this.refuseNext = count;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((mail) => mail.to.includes(address));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedWebhook {
  /** The path it was sent to: which endpoint. */
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  json: any;
  /** What the receiver answered. */
  answered: number;
}

/** A real HTTP receiver on 127.0.0.1 that keeps every request; it can answer 500 to the next ones. */
export class WebhookReceiver {
  readonly requests: ReceivedWebhook[] = [];
  private failNext = 0;
  private failPath: string | null = null;
  private server: Server;
  port = 0;

  constructor() {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const failing = this.failNext > 0 && (this.failPath === null || request.url === this.failPath);
        const answered = failing ? 500 : 204;
        if (failing) this.failNext -= 1;
        let json: unknown = null;
        try {
          json = JSON.parse(body);
        } catch {
          /* kept as text */
        }
        this.requests.push({ path: request.url ?? '', headers: request.headers, body, json, answered });
        response.writeHead(answered).end();
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  /** Answers 500 to the next `count` requests (to `path` only, when given). */
  fail(count: number, path: string | null = null): void {
    this.failNext = count;
    this.failPath = path;
  }

  /** Requests answered 2xx, i.e. the events this receiver accepted. */
  accepted(): ReceivedWebhook[] {
    return this.requests.filter((request) => request.answered < 300);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/**
 * Verifies a request as a receiver would, written here independently of the server's code:
 * `Redress-Signature: t=<unix>,v1=<hex>[,v1=<hex>]`, each v1 an HMAC-SHA256 of `<t>.<body>`;
 * valid when one v1 matches under the receiver's secret and t is within the tolerance.
 */
export function verifySignature(header: string | undefined, body: string, secret: string, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.split('='));
  const t = parts.find(([key]) => key === 't')?.[1];
  if (!t || Math.abs(Date.now() / 1000 - Number(t)) > toleranceSeconds) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  return parts
    .filter(([key]) => key === 'v1')
    .some(([, hex]) => {
      const given = Buffer.from(hex, 'hex');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
