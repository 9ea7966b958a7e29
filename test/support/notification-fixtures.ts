import type { Config } from '../../server/src/config/config';
import { poll } from './poll';
import type { MailReceiver, ReceivedMail, WebhookReceiver } from './notification-receivers';
import type { TestServer } from './test-server';

/** Test servers that deliver to the test's own receivers on 127.0.0.1, retrying quickly. */
export function notificationConfig(mail: MailReceiver, overrides: Partial<NonNullable<Config['notifications']>> = {}): Partial<Config> {
  return {
    jobPollIntervalMs: 100,
    notifications: {
      smtpUrl: mail.url,
      mailFrom: 'Redress Test <notify@redress.test>',
      webhookAllowPrivateAddresses: true,
      retryBaseMs: 100,
      retryMaxMs: 400,
      maxAttempts: 4,
      smtpTimeoutMs: 5000,
      webhookTimeoutMs: 5000,
      ...overrides,
    },
  };
}

const WAIT = { timeoutMs: 20_000, intervalMs: 50 };

/** Waits until `count` mails reached `address` (or the wait ends) and returns them. */
export async function mailsTo(mail: MailReceiver, address: string, count = 1): Promise<ReceivedMail[]> {
  return poll(
    async () => mail.to(address),
    (found) => found.length >= count,
    WAIT,
  );
}

/** Waits until the receiver accepted `count` requests (or the wait ends) and returns them. */
export async function webhooksReceived(receiver: WebhookReceiver, count: number) {
  return poll(
    async () => receiver.accepted(),
    (found) => found.length >= count,
    WAIT,
  );
}

/** Waits until the outbox holds nothing pending (every delivery sent, kept or failed). */
export async function outboxSettled(server: TestServer): Promise<void> {
  await poll(
    () =>
      server.ownerQuery<{ pending: number }>(
        `SELECT (SELECT count(*) FROM mail_messages WHERE status = 'PENDING') + (SELECT count(*) FROM webhook_deliveries WHERE status = 'PENDING') AS pending`,
      ),
    ([row]) => Number(row.pending) === 0,
    WAIT,
  );
}

export const INBOX = `query ($first: Int, $after: String, $unreadOnly: Boolean) {
  notifications(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount edges { cursor node { id event subject body data readAt createdAt complaint { id number } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** The viewer's inbox, newest unread first. */
export async function inbox(server: TestServer, token: string, variables: Record<string, unknown> = {}): Promise<any[]> {
  const result = await server.request(INBOX, { first: 100, ...variables }, { token });
  if (!result.data?.notifications) throw new Error(`notifications failed: ${JSON.stringify(result)}`);
  return result.data.notifications.edges.map((edge: any) => edge.node);
}

/** Waits until the viewer's inbox holds a notification of `event` and returns the inbox. */
export async function inboxWith(server: TestServer, token: string, event: string, count = 1): Promise<any[]> {
  return poll(
    () => inbox(server, token),
    (items) => items.filter((item) => item.event === event).length >= count,
    WAIT,
  );
}
