import { inScopedTransaction } from '../../server/src/db/tenant-transaction';
import { publishAfterCommit, type LiveEvent } from '../../server/src/live/live-events';
import { change, fileComplaint } from './complaint-fixtures';
import { waitForSubscribers } from './live-client';
import {
  APPROVAL_REQUESTED,
  COMPLAINT_CHANGED,
  COMPLAINT_EVENTS,
  COMPLAINT_STATUS_CHANGED,
  DEADLINE_ALERTS,
  errorCodes,
  MONTHLY_REPORT_PUBLISHED,
  LiveClients,
  payloadOf,
  rowId,
} from './live-fixtures';
import type { TestServer } from './test-server';

interface Tenants {
  server: TestServer;
  a: { adminToken: string };
  b: { complaintId: string; trackingCode: string; report: { csvUrl: string } };
}

/**
 * The subscriptions, tried by tenant A's administrator against tenant B. B's data must not
 * change during a case, so B's events are replayed as notifications of its existing rows:
 * once as B's (routing: A's streams never see B's tenant) and once forged with A's tenant id
 * and B's row ids (a guessed id: A's viewers resolve nothing through them). An event of A's
 * own, published last, proves each stream was listening.
 */
export function liveIsolationCases(t: () => Tenants): Record<string, () => Promise<void>> {
  const ids = async () => {
    const { server, b } = t();
    const [complaint] = await server.ownerQuery('SELECT id, tenant_id FROM complaints WHERE id = $1', [rowId(b.complaintId)]);
    const [event] = await server.ownerQuery('SELECT id FROM complaint_events WHERE complaint_id = $1 LIMIT 1', [complaint.id]);
    const [deadline] = await server.ownerQuery('SELECT id FROM complaint_deadlines WHERE complaint_id = $1 LIMIT 1', [complaint.id]);
    const [a] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = 'tenant-a'`);
    return {
      tenantA: a.id as string,
      tenantB: complaint.tenant_id as string,
      complaintId: complaint.id,
      eventId: event.id,
      deadlineId: deadline.id,
    };
  };
  const publish = (event: LiveEvent) =>
    inScopedTransaction(t().server.app.dataSource, t().server.app.clock, { tenantId: event.tenantId, userId: null }, (tx) =>
      publishAfterCommit(tx, event),
    );
  const replayB = async (kind: 'complaint' | 'deadline') => {
    const b = await ids();
    for (const tenantId of [b.tenantB, b.tenantA]) {
      await publish(
        kind === 'complaint'
          ? { type: 'complaint', tenantId, complaintId: b.complaintId, eventId: b.eventId }
          : { type: 'deadline', tenantId, complaintId: b.complaintId, deadlineId: b.deadlineId, alert: 'BREACHED' },
      );
    }
  };
  const subscribeAsA = async (query: string, variables: Record<string, unknown> = {}) => {
    const clients = new LiveClients(() => t().server.url);
    const subscription = await (await clients.as(t().a.adminToken)).subscribe(query, variables);
    return { clients, subscription };
  };
  const hub = () => t().server.app.live.hub;

  return {
    async complaintChanged() {
      const { clients, subscription } = await subscribeAsA(COMPLAINT_CHANGED);
      try {
        await waitForSubscribers(hub(), 1);
        await replayB('complaint');
        const own = await fileComplaint(t().server, t().a.adminToken);
        const results = [payloadOf(await subscription.nth(0), 'complaintChanged')];
        await subscription.expectNoMoreThan(1);
        expect(results.map((r) => r.complaint.id)).toEqual([own.id]);
      } finally {
        await clients.closeAll();
      }
    },
    async complaintEvents() {
      const { clients, subscription } = await subscribeAsA(COMPLAINT_EVENTS, { id: t().b.complaintId });
      try {
        expect(errorCodes(await subscription.nth(0))).toEqual(['NOT_FOUND']);
        await subscription.done();
      } finally {
        await clients.closeAll();
      }
    },
    async deadlineAlerts() {
      const { clients, subscription } = await subscribeAsA(DEADLINE_ALERTS);
      try {
        await waitForSubscribers(hub(), 1);
        await replayB('deadline');
        const own = await fileComplaint(t().server, t().a.adminToken);
        const [deadline] = await t().server.ownerQuery('SELECT id FROM complaint_deadlines WHERE complaint_id = $1 LIMIT 1', [
          rowId(own.id),
        ]);
        const { tenantA } = await ids();
        await publish({ type: 'deadline', tenantId: tenantA, complaintId: rowId(own.id), deadlineId: deadline.id, alert: 'DUE_SOON' });
        expect(payloadOf(await subscription.nth(0), 'deadlineAlerts').complaint.id).toBe(own.id);
        await subscription.expectNoMoreThan(1);
      } finally {
        await clients.closeAll();
      }
    },
    async approvalRequested() {
      const { server, a } = t();
      const { clients, subscription } = await subscribeAsA(APPROVAL_REQUESTED);
      try {
        await waitForSubscribers(hub(), 1);
        await replayB('complaint');
        // A's own complaint to the proposal, decided first by a supervisor: A's admin takes that role.
        const me = await server.request(`{ me { user { id } } }`, {}, { token: a.adminToken });
        const userId = me.data.me.user.id;
        await server.request(
          `mutation ($u: ID!) { setMemberRoles(input: { userId: $u, roles: ["tenant-admin", "supervisor"] }) { errors { code } } }`,
          { u: userId },
          { token: a.adminToken },
        );
        let c = await fileComplaint(server, a.adminToken);
        const step = async (mutation: string, input: Record<string, unknown> = {}) => {
          const result = await change(server, a.adminToken, mutation, { complaintId: c.id, expectedVersion: c.version, ...input });
          expect(result.errors).toEqual([]);
          c = result.complaint;
        };
        await step('acknowledgeComplaint');
        await step('assessComplaint', { decision: 'ACCEPT', categoryCode: 'price' });
        await step('assignComplaint', { ownerId: userId });
        await step('recordInvestigation', { cause: 'c', course: 'c', conclusion: 'c', countermeasures: 'c', prevention: 'c' });
        await step('proposeResolution', { kind: 'APOLOGY', description: 'Sorry' });
        expect(payloadOf(await subscription.nth(0), 'approvalRequested')).toMatchObject({
          step: { role: 'supervisor' },
          complaint: { id: c.id },
        });
        await subscription.expectNoMoreThan(1);
        await server.request(
          `mutation ($u: ID!) { setMemberRoles(input: { userId: $u, roles: ["tenant-admin"] }) { errors { code } } }`,
          { u: userId },
          { token: a.adminToken },
        );
      } finally {
        await clients.closeAll();
      }
    },
    async monthlyReportPublished() {
      const { server, a, b } = t();
      const { clients, subscription } = await subscribeAsA(MONTHLY_REPORT_PUBLISHED);
      try {
        await waitForSubscribers(hub(), 1);
        const { tenantA, tenantB } = await ids();
        const reportId = /([0-9a-f-]{36})\.csv$/.exec(b.report.csvUrl)![1];
        for (const tenantId of [tenantB, tenantA]) await publish({ type: 'report', tenantId, reportId });
        const own = await server.request(
          `mutation { generateMonthlyReport(input: { month: "2026-10" }) { report { id } errors { code } } }`,
          {},
          { token: a.adminToken },
        );
        expect(own.data.generateMonthlyReport.errors).toEqual([]);
        expect(payloadOf(await subscription.nth(0), 'monthlyReportPublished').report.id).toBe(own.data.generateMonthlyReport.report.id);
        await subscription.expectNoMoreThan(1);
      } finally {
        await clients.closeAll();
      }
    },
    async complaintStatusChanged() {
      const { server, b } = t();
      // B's tracking code under A's name: refused at connection, and as a subscription.
      await expect(new LiveClients(() => server.url).with({ tenantSlug: 'tenant-a', trackingCode: b.trackingCode })).rejects.toMatchObject({
        code: 4403,
      });
      const { clients, subscription } = await subscribeAsA(COMPLAINT_STATUS_CHANGED, { slug: 'tenant-a', code: b.trackingCode });
      try {
        expect(errorCodes(await subscription.nth(0))).toEqual(['NOT_FOUND']);
      } finally {
        await clients.closeAll();
      }
    },
  };
}
