import { DEADLINE_STAGE, type Locale } from '@redress/plugin-api';
import { toGlobalId } from '../graphql/relay';
import { describeProvisional } from '../calendar/provisional';
import { isImage } from '../files/media-types';
import type { ApprovalStepRow, AssetRow, DeadlineRow, EvidenceRow, ResolutionRow } from './complaint-rows';
import type { ApprovalStep, Asset, Deadline, Evidence, PublicEvidence, Resolution } from './complaint.types';

export function toAsset(row: AssetRow): Asset {
  return {
    id: toGlobalId('Asset', row.id),
    name: row.name,
    serialNumber: row.serialNumber,
    model: row.model,
    warrantyEndsOn: row.warrantyEndsOn,
    parentId: row.parentId ? toGlobalId('Asset', row.parentId) : null,
    ownerCustomerId: row.ownerCustomerId,
  };
}

export function toResolution(row: ResolutionRow, kindLabel: string): Resolution {
  return {
    id: toGlobalId('Resolution', row.id),
    kind: row.kind,
    kindLabel,
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    description: row.description,
    status: row.status,
    proposedAt: row.createdAt,
    executedAt: row.executedAt,
    resolutionId: row.id,
    proposedById: row.proposedBy,
  };
}

/** A stored clock as the API shows it; `now` (ms) decides whether an open clock has run out. */
export function toDeadline(row: DeadlineRow, locale: Locale, now: number): Deadline {
  return {
    stage: row.stage,
    stageLabel: DEADLINE_STAGE.labels[row.stage][locale],
    dueAt: row.dueAt,
    metAt: row.metAt,
    cancelledAt: row.cancelledAt,
    breached:
      row.breachedAt !== null || (row.metAt ? row.metAt > row.dueAt : !row.cancelledAt && !row.pausedAt && row.dueAt.getTime() < now),
    paused: row.pausedAt !== null && !row.metAt && !row.cancelledAt,
    breachedAt: row.breachedAt,
    remindAt: row.remindAt,
    decidedBy: row.decidedBy,
    provisional: row.provisional,
    provisionalReason: describeProvisional(row.provisionalReason, locale),
  };
}

export function toApprovalStep(step: ApprovalStepRow, locale: Locale): ApprovalStep {
  return {
    id: toGlobalId('ApprovalStep', step.id),
    position: step.position,
    role: step.role,
    label: step.label[locale],
    decision: step.decision,
    comment: step.comment,
    decidedAt: step.decidedAt,
    decidedById: step.decidedBy,
  };
}

/** The GraphQL object of an evidence row. */
export function toEvidence(row: EvidenceRow): Evidence {
  return {
    ...row,
    id: toGlobalId('Evidence', row.id),
    sizeBytes: Number(row.sizeBytes),
    isImage: isImage(row.contentType),
    rowId: row.id,
    hasFile: row.fileKey !== null,
    hasThumbnail: row.thumbnailKey !== null,
  };
}

/** What the complainant sees of a kept, non-internal file. */
export function toPublicEvidence(row: EvidenceRow): PublicEvidence {
  return {
    id: toGlobalId('Evidence', row.id),
    fileName: row.fileName,
    contentType: row.contentType,
    sizeBytes: Number(row.sizeBytes),
    sha256: row.sha256 ?? '',
    source: row.source,
    isImage: isImage(row.contentType),
    createdAt: row.createdAt,
    rowId: row.id,
    tenantId: row.tenantId,
    hasThumbnail: row.thumbnailKey !== null,
  };
}
