import { Client } from 'pg';
import pino from 'pino';
import { startApp, type RunningApp } from '../../server/src/app';
import { LIVE_CHANNEL, type LiveEvent } from '../../server/src/live/live-events';
import type { LiveSignal } from '../../server/src/live/live-hub';
import { createTestDatabase } from '../support/test-database';
import { testConfig, TEST_EPOCH } from '../support/test-server';
import { SettableClock } from '../../server/src/time/clock';

/**
 * Notifications on the live channel that are not events the server knows (another version's
 * type, a malformed payload) are logged with their type and dropped; known ones still flow.
 * Real NOTIFYs over a real connection, read by the server's own listener.
 */
const TENANT = '11111111-1111-4111-8111-111111111111';
const lines: Record<string, any>[] = [];
let app: RunningApp;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let notifier: Client;

beforeAll(async () => {
  database = await createTestDatabase();
  const destination = { write: (line: string) => void lines.push(JSON.parse(line)) };
  app = await startApp(testConfig(database.url), pino({ level: 'warn' }, destination), { clock: new SettableClock(TEST_EPOCH) });
  notifier = new Client({ connectionString: database.url });
  await notifier.connect();
});

afterAll(async () => {
  await notifier?.end();
  await app?.stop();
  await database?.drop();
});

async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const notify = (payload: string) => notifier.query('SELECT pg_notify($1, $2)', [LIVE_CHANNEL, payload]);
const ignored = () => lines.filter((line) => line.msg === 'ignored a live notification that is not a known event');

describe('live notifications', () => {
  it('logs an unknown event type as a warning with its type, and still delivers the known event after it', async () => {
    const seen: LiveSignal[] = [];
    const unlisten = app.live.hub.listen(TENANT, (signal) => seen.push(signal));
    try {
      await notify(JSON.stringify({ type: 'complaint-archived', tenantId: TENANT, complaintId: TENANT }));
      const known: LiveEvent = { type: 'report', tenantId: TENANT, reportId: '22222222-2222-4222-8222-222222222222' };
      await notify(JSON.stringify(known));
      await until(() => seen.length === 1, 'the known event');
      expect(seen).toEqual([known]);
      expect(ignored()).toEqual([
        expect.objectContaining({
          level: pino.levels.values.warn,
          component: 'live-listener',
          type: 'complaint-archived',
          problem: expect.any(String),
        }),
      ]);
    } finally {
      unlisten();
    }
  });

  it('logs a known type with a malformed field, and a payload that is not JSON, without passing them on', async () => {
    const seen: LiveSignal[] = [];
    const unlisten = app.live.hub.listen(TENANT, (signal) => seen.push(signal));
    try {
      const before = ignored().length;
      await notify(JSON.stringify({ type: 'deadline', tenantId: TENANT, complaintId: TENANT, deadlineId: TENANT, alert: 'LATE' }));
      await notify('{not json');
      await until(() => ignored().length === before + 2, 'two warnings');
      expect(ignored().slice(before)).toEqual([
        expect.objectContaining({ type: 'deadline', problem: expect.stringContaining('alert') }),
        expect.objectContaining({ type: null, problem: 'not JSON', payload: '{not json' }),
      ]);
      expect(seen).toEqual([]);
    } finally {
      unlisten();
    }
  });
});
