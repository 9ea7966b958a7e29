import type { RequestContext } from '../context/request-context';
import type { TenantViewer } from '../context/viewer';
import type { TenantTransaction } from '../db/tenant-transaction';
import { forbidden, UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import type { BoundPlugin, PluginHost } from '../plugins/plugin-host';
import { cancelOpenClocks, meetClocks, startClocks, writeComplaintChange } from './complaint-journal';
import { camelRow, type ComplaintRow, type EventRow } from './complaint-rows';
import * as schema from './complaint.schemas';
import { complaintVisibility, mayViewComplaint } from './complaint-visibility';
import type { ComplaintTableRow } from './lifecycle-rows';
import {
  checkTransition,
  clocksStarted,
  eventOf,
  leadsTo,
  LIFECYCLE,
  type FactsOf,
  type LifecycleAction,
  type StepFacts,
} from './lifecycle';

export interface ChangeResult {
  row: ComplaintRow;
  event: EventRow;
}

/** Who makes a change, as the timeline records it; null for the complainant through their tracking code. */
export type ChangeActor = { userId: string | null; apiKeyId: string | null } | null;

/** A complaint locked for one change, with who changes it and the plugin that governs it. */
export interface LockedComplaint {
  row: ComplaintRow;
  actor: ChangeActor;
  plugin: BoundPlugin;
}

/** Locked by a member or an integration of the tenant. */
export interface Locked extends LockedComplaint {
  viewer: TenantViewer;
}

/** What the writes need of an operation: its transaction (a RequestContext is one). */
export interface InTransaction {
  db: TenantTransaction;
}

/**
 * One step of the lifecycle: the action names where it leads, the event it records and the
 * clocks it starts, meets or ends (lifecycle.ts); `facts` are what its rules read.
 */
export type Change<A extends LifecycleAction> = {
  action: A;
  /** Complaint columns to set (snake_case). */
  set?: Record<string, unknown>;
  changes?: Record<string, unknown>;
  decidedByPlugin?: boolean;
} & StepFacts<A>;

/**
 * The one way a complaint changes: lock its row, check the expected version, the state
 * machine and the viewer's roles, then update it, bump the version, append the event and
 * settle the stage clocks, all in the operation's transaction. The complaint services
 * (lifecycle, record, clocks) build on this.
 */
export class ComplaintChanges {
  constructor(private readonly plugins: PluginHost) {}

  /**
   * Locks the complaint row (a concurrent change waits here, then sees the new version and
   * fails with STALE_VERSION), then checks the state machine and the viewer's roles.
   */
  async lock(
    ctx: RequestContext,
    input: { complaintId: string; expectedVersion: number },
    action: LifecycleAction,
    stepRole?: (row: ComplaintRow) => Promise<string | undefined>,
  ): Promise<Locked> {
    const viewer = ctx.requireTenantViewer();
    const id = requireGlobalId(input.complaintId, 'Complaint', 'complaintId');
    const expectedVersion = validateInput(schema.versionSchema, input.expectedVersion);
    const [found] = await ctx.db.query<ComplaintTableRow>('SELECT * FROM complaints WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [
      id,
      viewer.tenantId,
    ]);
    const row = found ? camelRow<ComplaintRow>(found) : null;
    // A complaint outside the viewer's queue is not theirs to change, nor to learn of.
    if (!row || !mayViewComplaint(complaintVisibility(viewer), row)) {
      throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this id', 'complaintId');
    }
    if (row.version !== expectedVersion) {
      throw new UserFailure(
        UserErrorCode.STALE_VERSION,
        `The complaint changed meanwhile: it is at version ${row.version}; reload it and try again`,
        'expectedVersion',
      );
    }
    const check = checkTransition(
      action,
      row.status,
      { roles: viewer.roles, isOwner: row.ownerId === viewer.userId },
      stepRole ? await stepRole(row) : undefined,
      row.clockPausedAt !== null,
    );
    if (!check.ok && check.reason === 'STATE') throw new UserFailure(UserErrorCode.ILLEGAL_TRANSITION, check.message);
    if (!check.ok) throw forbidden(check.message);
    const tenant = await ctx.loaders.tenantById.load(viewer.tenantId);
    return { row, viewer, actor: { userId: viewer.userId, apiKeyId: viewer.apiKeyId }, plugin: this.plugins.pinned(row, tenant!.timeZone) };
  }

  /**
   * Locks the complaint a complainant names by its tracking code, in a transaction scoped to
   * its tenant; NOT_FOUND for any unknown code. The complainant holds no role and no version:
   * the caller checks that the complaint's state allows what they ask, in their own words.
   */
  async lockByTrackingCode(
    tx: TenantTransaction,
    tenant: { id: string; timeZone: string },
    trackingCode: string,
  ): Promise<LockedComplaint> {
    const [found] = await tx.query<ComplaintTableRow>('SELECT * FROM complaints WHERE tracking_code = $1 AND tenant_id = $2 FOR UPDATE', [
      trackingCode,
      tenant.id,
    ]);
    if (!found) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this tracking code', 'trackingCode');
    const row = camelRow<ComplaintRow>(found);
    return { row, actor: null, plugin: this.plugins.pinned(row, tenant.timeZone) };
  }

  /**
   * Applies one step as the lifecycle table says: the status it leads to and the event it
   * records, then the clocks it meets, ends and starts.
   */
  async apply<A extends LifecycleAction>(ctx: InTransaction, locked: LockedComplaint, change: Change<A>): Promise<ChangeResult> {
    const { action } = change;
    const facts = change.facts as FactsOf<A>;
    const from = locked.row.status;
    const result = await writeComplaintChange(ctx.db, locked.row, {
      kind: eventOf(action, facts),
      to: leadsTo(action, from, facts),
      set: change.set,
      actor: locked.actor,
      changes: change.changes,
      decidedBy: change.decidedByPlugin ? locked.plugin.decidedBy : null,
    });
    const step = LIFECYCLE[action];
    await meetClocks(ctx.db, result.row.id, step.meets ?? []);
    if (step.endsClocks) await cancelOpenClocks(ctx.db, result.row.id);
    const start = clocksStarted(action, from, result.row.status);
    if (start) await startClocks(ctx.db, result.row, locked.plugin, start, ctx.db.clock.now());
    return result;
  }
}
