import type { FileSettings } from '../config/config';
import type { RequestContext } from '../context/request-context';
import type { TenantTransaction } from '../db/tenant-transaction';
import { UserErrorCode, UserFailure } from '../graphql/errors';
import { requireGlobalId, validateInput } from '../graphql/validate';
import type { ChangeResult, ComplaintChanges } from './complaint-changes';
import { writeComplaintChange } from './complaint-journal';
import { camelRow, type ComplaintRow, type EvidenceRow } from './complaint-rows';
import { complaintVisibility, mayViewComplaint } from './complaint-visibility';
import { attachUploads } from './evidence-attach';
import { AddComplainantEvidenceInput, AddEvidenceInput } from './evidence.types';
import { FINISHED_STATUSES } from './lifecycle';
import type { ComplaintTableRow } from './lifecycle-rows';
import { trackedTenant } from './tracking-code';

/**
 * Files added to a complaint after it was filed: by staff who may see it (internal to staff
 * unless they say otherwise), or by the complainant through the tracking code while the
 * complaint is open. Each attaches staged uploads and records one timeline event (public
 * unless the files are internal) in the mutation's transaction.
 */
export class EvidenceService {
  constructor(
    private readonly changes: ComplaintChanges,
    private readonly limits: Pick<FileSettings, 'perComplaint' | 'perTenantMaxBytes'>,
  ) {}

  async addByStaff(ctx: RequestContext, input: AddEvidenceInput): Promise<ChangeResult> {
    const viewer = ctx.requireTenantViewer();
    const data = validateInput(AddEvidenceInput.schema, input);
    const id = requireGlobalId(data.complaintId, 'Complaint', 'complaintId');
    const [found] = await ctx.db.query<ComplaintTableRow>('SELECT * FROM complaints WHERE id = $1 AND tenant_id = $2 FOR UPDATE', [
      id,
      viewer.tenantId,
    ]);
    const row = found ? camelRow<ComplaintRow>(found) : null;
    // A complaint outside the viewer's queue is not theirs to add to, nor to learn of.
    if (!row || !mayViewComplaint(complaintVisibility(viewer), row)) {
      throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this id', 'complaintId');
    }
    if (data.expectedVersion !== null && row.version !== data.expectedVersion) {
      throw new UserFailure(
        UserErrorCode.STALE_VERSION,
        `The complaint changed meanwhile: it is at version ${row.version}; reload it and try again`,
        'expectedVersion',
      );
    }
    const actor = { userId: viewer.userId, apiKeyId: viewer.apiKeyId };
    const attached = await attachUploads(ctx.db, row, data.uploads, {
      uploader: { kind: 'STAFF', userId: viewer.userId, apiKeyId: viewer.apiKeyId },
      source: 'STAFF',
      internal: data.internal,
      limits: this.limits,
    });
    return writeComplaintChange(ctx.db, row, {
      kind: data.internal ? 'INTERNAL_EVIDENCE_ADDED' : 'EVIDENCE_ADDED',
      actor,
      changes: evidenceChanges(attached, data.internal),
    });
  }

  /** Runs on the operation's transaction `tx`, scoped to the complaint's tenant meanwhile. */
  async addByComplainant(tx: TenantTransaction, input: AddComplainantEvidenceInput): Promise<void> {
    const data = validateInput(AddComplainantEvidenceInput.schema, input);
    const tracked = await trackedTenant(tx, data.tenantSlug, data.trackingCode);
    // One answer for an unknown organisation and an unknown code: neither is confirmed to exist.
    if (!tracked) throw new UserFailure(UserErrorCode.NOT_FOUND, 'No complaint with this tracking code', 'trackingCode');
    const { tenant, code } = tracked;
    await tx.inScope({ tenantId: tenant.id, userId: null }, async (tx) => {
      const { row } = await this.changes.lockByTrackingCode(tx, tenant, code);
      if (FINISHED_STATUSES.includes(row.status)) {
        throw new UserFailure(UserErrorCode.ILLEGAL_TRANSITION, 'The complaint is finished: files can no longer be added to it');
      }
      const attached = await attachUploads(tx, row, data.uploads, {
        uploader: { kind: 'PUBLIC', complaintId: row.id },
        source: 'COMPLAINANT',
        internal: false,
        limits: this.limits,
      });
      await writeComplaintChange(tx, row, { kind: 'EVIDENCE_ADDED', actor: null, changes: evidenceChanges(attached, false) });
    });
  }
}

function evidenceChanges(attached: EvidenceRow[], internal: boolean): Record<string, unknown> {
  return {
    internal,
    files: attached.map((row) => ({
      evidenceId: row.id,
      fileName: row.fileName,
      contentType: row.contentType,
      sizeBytes: Number(row.sizeBytes),
    })),
  };
}
