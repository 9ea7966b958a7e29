import type { Channel, ComplaintStatus, DeadlineStage, Demand, Priority, ResolutionKind } from '@redress/plugin-api';
import type { ProvisionalReason } from '../calendar/provisional';

/** Rows as the complaint tables hold them, in camelCase (see `camelRow`). */
export interface ComplaintRow {
  id: string;
  tenantId: string;
  number: string;
  trackingCode: string;
  status: ComplaintStatus;
  channel: Channel;
  receivedAt: Date;
  receivedBy: string | null;
  description: string;
  demands: Demand[];
  respondent: RespondentValue | null;
  customerId: string;
  assetId: string | null;
  categoryCode: string | null;
  priority: Priority;
  major: boolean;
  fields: Record<string, unknown>;
  departmentId: string | null;
  ownerId: string | null;
  rejectionReason: string | null;
  rejectionNote: string | null;
  closingSummary: string | null;
  lossAmount: string | null;
  lossCurrency: string | null;
  pluginId: string;
  pluginVersion: string;
  pluginConfig: Record<string, unknown>;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  acknowledgedAt: Date | null;
  closedAt: Date | null;
  /** Set while the clocks wait on the complainant. */
  clockPausedAt: Date | null;
  /** The complainant's address and language for messages, kept only with their consent. */
  notifyEmail: string | null;
  notifyLocale: string | null;
}

export type RespondentKind = 'STORE' | 'DEPARTMENT' | 'STAFF';

export interface RespondentValue {
  kind: RespondentKind;
  name: string;
  departmentId: string | null;
  userId: string | null;
}

export interface CustomerRow {
  id: string;
  tenantId: string;
  name: string;
  phone: string | null;
  email: string | null;
  createdAt: Date;
}

export interface AssetRow {
  id: string;
  name: string;
  serialNumber: string | null;
  model: string | null;
  ownerCustomerId: string | null;
  warrantyEndsOn: string | null;
  parentId: string | null;
  createdAt: Date;
}

interface ChildRow {
  id: string;
  complaintId: string;
  createdAt: Date;
}

export interface EvidenceRow extends ChildRow {
  tenantId: string;
  fileName: string;
  contentType: string;
  sizeBytes: string;
  sha256: string | null;
  note: string | null;
  /** The kept file's key in the file store; null for a metadata-only record. */
  fileKey: string | null;
  thumbnailKey: string | null;
  source: 'COMPLAINANT' | 'STAFF';
  internal: boolean;
}

export interface InvestigationRow extends ChildRow {
  cause: string;
  course: string;
  responsiblePerson: string | null;
  responsibleUserId: string | null;
  conclusion: string;
  countermeasures: string;
  prevention: string;
  recordedBy: string | null;
  updatedAt: Date;
}

export type ResolutionStatus = 'PENDING' | 'APPROVED' | 'REJECTED' | 'SENT_BACK';

export interface ResolutionRow extends ChildRow {
  kind: ResolutionKind;
  amount: string | null;
  currency: string | null;
  description: string;
  status: ResolutionStatus;
  proposedBy: string | null;
  executedAt: Date | null;
  executedBy: string | null;
}

export interface ApprovalStepRow extends ChildRow {
  resolutionId: string;
  position: number;
  role: string;
  label: { en: string; 'zh-CN': string };
  decision: 'APPROVE' | 'REJECT' | 'SEND_BACK' | null;
  comment: string | null;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface ResponseRow extends ChildRow {
  channel: Channel;
  message: string;
  customerReaction: string | null;
  respondedBy: string | null;
}

export interface FollowUpRow extends ChildRow {
  scores: Record<string, number>;
  comment: string | null;
  recordedBy: string | null;
  scaleMax: number;
  answeredBy: 'STAFF' | 'COMPLAINANT';
}

export interface NoteRow extends ChildRow {
  body: string;
  authorId: string | null;
}

export interface DeadlineRow extends ChildRow {
  stage: DeadlineStage;
  dueAt: Date;
  metAt: Date | null;
  cancelledAt: Date | null;
  decidedBy: string;
  startedAt: Date | null;
  remindAt: Date | null;
  remindedAt: Date | null;
  breachedAt: Date | null;
  pausedAt: Date | null;
  provisional: boolean;
  provisionalReason: ProvisionalReason | null;
}

export interface EventRow {
  id: string;
  seq: string;
  complaintId: string;
  kind: string;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus | null;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  isPublic: boolean;
  changes: Record<string, unknown>;
  decidedBy: string | null;
  createdAt: Date;
}

const camelNames = new Map<string, string>();

function camelName(column: string): string {
  let name = camelNames.get(column);
  if (name === undefined) {
    name = column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
    camelNames.set(column, name);
  }
  return name;
}

/** snake_case columns to camelCase properties; values untouched. Column names are converted once. */
export function camelRow<T>(row: Record<string, unknown>): T {
  const out: Record<string, unknown> = {};
  for (const key in row) out[camelName(key)] = row[key];
  return out as T;
}
