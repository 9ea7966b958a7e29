import type { RequestContext } from '../context/request-context';
import { normalizeTrackingCode } from '../complaints/tracking-code';
import { toApprovalStep, toDeadline } from '../complaints/complaint.mappers';
import { camelRow, type ApprovalStepRow, type DeadlineRow, type EventRow } from '../complaints/complaint-rows';
import { Complaint, ComplaintEvent, type PublicComplaintStatus } from '../complaints/complaint.types';
import type { ComplaintFilter } from '../complaints/complaint.inputs';
import { badUserInput, forbidden, notFound } from '../graphql/errors';
import { fromGlobalId } from '../graphql/relay';
import type { LiveSignal } from './live-hub';
import { liveStream, type LiveDelivery, type LiveSession } from './live-stream';
import {
  LiveUpdateKind,
  type ApprovalRequest,
  type ComplaintChange,
  type DeadlineAlert,
  DeadlineAlertKind,
  type MonthlyReportPublication,
} from './live.types';

type Stream<T> = AsyncIterableIterator<LiveDelivery<T>>;

const REFETCH_CHANGE: ComplaintChange = { kind: LiveUpdateKind.REFETCH, complaint: null, event: null };
const complaintSignals = (signal: LiveSignal) => signal.type === 'resync' || signal.type === 'complaint';

function sessionOf(ctx: RequestContext): LiveSession {
  if (!ctx.live) throw badUserInput('Subscriptions are served over graphql-ws on the GraphQL path');
  return ctx.live;
}

/** A tenant-scoped read done once for all subscribers of the event (each applies its own rules after). */
function shared<T>(ctx: RequestContext, key: string, read: () => Promise<T>): Promise<T> {
  return ctx.sharedReads ? ctx.sharedReads.once(key, read) : read();
}

function eventById(ctx: RequestContext, complaintId: string, eventId: string): Promise<EventRow | null> {
  return shared(ctx, `event:${eventId}`, async () => {
    const [row] = await ctx.db.query('SELECT * FROM complaint_events WHERE id = $1 AND complaint_id = $2', [eventId, complaintId]);
    return row ? camelRow<EventRow>(row) : null;
  });
}

/**
 * The subscriptions. Each one opens a stream on its tenant's events; for each event the
 * viewer is authenticated again in a fresh context and the complaint is read through it,
 * under row-level security and the visibility rule, so nobody receives what they may not see.
 */
export class LiveService {
  complaintChanged(ctx: RequestContext, filter: ComplaintFilter | null): Stream<ComplaintChange> {
    const viewer = ctx.requireTenantViewer();
    ctx.services.complaintQueries.checkFilter(filter);
    return liveStream(sessionOf(ctx), viewer.tenantId, { requireViewer: true, relevant: complaintSignals }, async (fresh, signal) => {
      if (signal.type === 'resync') return REFETCH_CHANGE;
      if (signal.type !== 'complaint') return null;
      const found = await fresh.services.complaintQueries.visibleChange(fresh, signal.complaintId, signal.eventId, filter);
      return found && { kind: LiveUpdateKind.CHANGE, complaint: Complaint.from(found.row), event: ComplaintEvent.from(found.event) };
    });
  }

  async complaintEvents(ctx: RequestContext, complaintId: string): Promise<Stream<ComplaintChange>> {
    const viewer = ctx.requireTenantViewer();
    const decoded = fromGlobalId(complaintId, 'Complaint');
    if (!decoded) throw badUserInput('`complaintId` is not a complaint id', 'complaintId');
    // The same answer for a complaint of another tenant, one the viewer may not see, and none.
    if (!(await ctx.services.complaintQueries.visibleById(ctx, decoded.id))) throw notFound('No complaint with this id');
    const relevant = (signal: LiveSignal) => signal.type === 'resync' || (signal.type === 'complaint' && signal.complaintId === decoded.id);
    return liveStream(sessionOf(ctx), viewer.tenantId, { requireViewer: true, relevant }, async (fresh, signal) => {
      if (signal.type === 'resync') return REFETCH_CHANGE;
      if (signal.type !== 'complaint') return null;
      const found = await fresh.services.complaintQueries.visibleChange(fresh, decoded.id, signal.eventId, null);
      return found && { kind: LiveUpdateKind.CHANGE, complaint: Complaint.from(found.row), event: ComplaintEvent.from(found.event) };
    });
  }

  deadlineAlerts(ctx: RequestContext): Stream<DeadlineAlert> {
    const viewer = ctx.requireTenantViewer();
    const relevant = (signal: LiveSignal) => signal.type === 'resync' || signal.type === 'deadline';
    return liveStream(sessionOf(ctx), viewer.tenantId, { requireViewer: true, relevant }, async (fresh, signal) => {
      if (signal.type === 'resync') return { kind: LiveUpdateKind.REFETCH, alert: null, deadline: null, complaint: null };
      if (signal.type !== 'deadline') return null;
      const row = await fresh.services.complaintQueries.visibleById(fresh, signal.complaintId);
      const [deadline] = row
        ? await shared(fresh, `deadline:${signal.deadlineId}`, () =>
            fresh.db.query('SELECT * FROM complaint_deadlines WHERE id = $1 AND complaint_id = $2', [signal.deadlineId, row.id]),
          )
        : [];
      if (!row || !deadline) return null;
      return {
        kind: LiveUpdateKind.CHANGE,
        alert: DeadlineAlertKind[signal.alert],
        deadline: toDeadline(camelRow<DeadlineRow>(deadline), await fresh.locale(), fresh.services.clock.now().getTime()),
        complaint: Complaint.from(row),
      };
    });
  }

  approvalRequested(ctx: RequestContext): Stream<ApprovalRequest> {
    const viewer = ctx.requireTenantViewer();
    return liveStream(sessionOf(ctx), viewer.tenantId, { requireViewer: true, relevant: complaintSignals }, async (fresh, signal) => {
      if (signal.type === 'resync') return { kind: LiveUpdateKind.REFETCH, step: null, complaint: null };
      if (signal.type !== 'complaint') return null;
      const event = await eventById(fresh, signal.complaintId, signal.eventId);
      if (event?.kind !== 'RESOLUTION_PROPOSED' && event?.kind !== 'APPROVAL_DECIDED') return null;
      // The step that waits now: the first undecided one of the complaint's pending resolution.
      const [step] = await shared(fresh, `waiting-step:${signal.eventId}`, () =>
        // Every column: the delivery shows the whole step.
        fresh.db.query<Record<string, unknown> & { role: string }>(
          `SELECT s.* FROM approval_steps s JOIN complaint_resolutions r ON r.tenant_id = s.tenant_id AND r.id = s.resolution_id
            WHERE r.complaint_id = $1 AND r.status = 'PENDING' AND s.decision IS NULL ORDER BY s.position LIMIT 1`,
          [signal.complaintId],
        ),
      );
      if (!step || !fresh.viewer!.roles.has(step.role)) return null;
      const row = await fresh.services.complaintQueries.visibleById(fresh, signal.complaintId);
      if (!row) return null;
      return {
        kind: LiveUpdateKind.CHANGE,
        step: toApprovalStep(camelRow<ApprovalStepRow>(step), await fresh.locale()),
        complaint: Complaint.from(row),
      };
    });
  }

  /** Monthly reports as they are made (on schedule or by a member), to the viewers who may open them. */
  monthlyReportPublished(ctx: RequestContext): Stream<MonthlyReportPublication> {
    const viewer = ctx.requireTenantViewer();
    const relevant = (signal: LiveSignal) => signal.type === 'resync' || signal.type === 'report';
    return liveStream(sessionOf(ctx), viewer.tenantId, { requireViewer: true, relevant }, async (fresh, signal) => {
      if (signal.type === 'resync') return { kind: LiveUpdateKind.REFETCH, report: null };
      if (signal.type !== 'report') return null;
      const report = await fresh.services.monthlyReports.readable(fresh, signal.reportId);
      return report && { kind: LiveUpdateKind.CHANGE, report };
    });
  }

  /**
   * A complainant's view of their complaint, sent again whenever it changes (an internal
   * change that leaves the public view as it was sends nothing) and after a refetch signal.
   */
  async complaintStatusChanged(ctx: RequestContext, tenantSlug: string, trackingCode: string): Promise<Stream<PublicComplaintStatus>> {
    const session = sessionOf(ctx);
    const opened = session.publicTracking;
    if (
      opened &&
      (opened.tenantSlug !== tenantSlug || normalizeTrackingCode(opened.trackingCode) !== normalizeTrackingCode(trackingCode))
    ) {
      throw forbidden('This connection was opened for another tracking code');
    }
    const queries = ctx.services.complaintQueries;
    const target = await queries.locatePublic(ctx.db, tenantSlug, trackingCode);
    const missing = (): never => {
      throw notFound('No complaint with this tracking code');
    };
    let last = JSON.stringify((await queries.publicStatus(ctx.db, tenantSlug, trackingCode, ctx.requestedLocale)) ?? missing());
    const relevant = (signal: LiveSignal) =>
      signal.type === 'resync' || (signal.type === 'complaint' && signal.complaintId === target.complaintId);
    return liveStream(session, target.tenantId, { requireViewer: false, relevant }, async (fresh, signal) => {
      const status = (await queries.publicStatus(fresh.db, tenantSlug, trackingCode, fresh.requestedLocale)) ?? missing();
      const shown = JSON.stringify(status);
      if (shown === last && signal.type !== 'resync') return null;
      last = shown;
      return status;
    });
  }
}
