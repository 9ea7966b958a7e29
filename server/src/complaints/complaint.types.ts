import type { Channel, ComplaintStatus, DeadlineStage, Demand, Priority, ResolutionKind } from '@redress/plugin-api';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../graphql/connection';
import { Node, toGlobalId } from '../graphql/relay';
import { Department, User } from '../identity/identity.types';
import {
  ApprovalDecisionEnum,
  ChannelEnum,
  ComplaintEventKindEnum,
  ComplaintStatusEnum,
  DeadlineStageEnum,
  DemandEnum,
  EvidenceSourceEnum,
  PriorityEnum,
  RespondentKindEnum,
  ResolutionKindEnum,
  ResolutionStatusEnum,
  SatisfactionDimensionEnum,
  SurveyAnsweredByEnum,
  type ComplaintEventKind,
} from './complaint.enums';
import type { ComplaintRow, EventRow } from './complaint-rows';

/**
 * Output types of the complaint API. Objects that need more rows (people, departments,
 * the timeline) are completed by field resolvers through the request's DataLoaders.
 */
@ObjectType({ description: 'The person who complains; recognised again by phone or email' })
export class Complainant {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true }) phone: string | null;
  @Field(() => String, { nullable: true }) email: string | null;
  /** Internal id for field resolvers. */
  customerId: string;
}

@ObjectType({ description: 'Whom the complaint is about: a store, a department or a staff member' })
export class Respondent {
  @Field(() => RespondentKindEnum) kind: 'STORE' | 'DEPARTMENT' | 'STAFF';
  @Field() name: string;
  departmentId: string | null;
  userId: string | null;
}

@ObjectType({ description: 'A category of the governing plugin' })
export class Category {
  @Field() code: string;
  @Field() label: string;
  @Field(() => [String], { description: 'Labels from the root category down to this one' }) path: string[];
}

@ObjectType({ implements: Node, description: "A customer's asset: a device, a vehicle, a product unit" })
export class Asset implements Node {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Serial number or VIN' }) serialNumber: string | null;
  @Field(() => String, { nullable: true }) model: string | null;
  @Field(() => String, { nullable: true, description: 'ISO date' }) warrantyEndsOn: string | null;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  ownerCustomerId: string | null;
}

@ObjectType({
  description:
    'A piece of evidence (receipt, photo, warranty card): a file the server keeps, or, for records made before files were received, its metadata alone',
})
export class Evidence {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field({ description: 'For a kept file, the type its bytes show (not what the uploader claimed)' }) contentType: string;
  @Field(() => Float) sizeBytes: number;
  @Field(() => String, { nullable: true, description: 'Hex SHA-256 of the bytes, computed by the server for a kept file' })
  sha256: string | null;
  @Field(() => String, { nullable: true }) note: string | null;
  @Field() createdAt: Date;
  @Field(() => EvidenceSourceEnum, { description: 'Who added it: the complainant (public form, tracking code) or staff' })
  source: 'COMPLAINANT' | 'STAFF';
  @Field({ description: 'Shown to staff only, never to the complainant' }) internal: boolean;
  @Field({ description: 'An image (a thumbnail may be offered)' }) isImage: boolean;
  /** The row's own id, its tenant, and which files it names: for the download URLs. */
  rowId: string;
  tenantId: string;
  hasFile: boolean;
  hasThumbnail: boolean;
}

@ObjectType({ description: 'The investigation report' })
export class Investigation {
  @Field() cause: string;
  @Field() course: string;
  @Field(() => String, { nullable: true }) responsiblePerson: string | null;
  @Field() conclusion: string;
  @Field() countermeasures: string;
  @Field() prevention: string;
  @Field() recordedAt: Date;
  @Field() updatedAt: Date;
  responsibleUserId: string | null;
  recordedById: string | null;
}

@ObjectType({ description: 'One step of the approval chain, decided once' })
export class ApprovalStep {
  @Field(() => ID) id: string;
  @Field(() => Int) position: number;
  @Field({ description: 'The role whose holders decide this step' }) role: string;
  @Field() label: string;
  @Field(() => ApprovalDecisionEnum, { nullable: true }) decision: 'APPROVE' | 'REJECT' | 'SEND_BACK' | null;
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field(() => Date, { nullable: true }) decidedAt: Date | null;
  decidedById: string | null;
}

@ObjectType({ description: 'A proposed resolution and where it stands' })
export class Resolution {
  @Field(() => ID) id: string;
  @Field(() => ResolutionKindEnum) kind: ResolutionKind;
  @Field() kindLabel: string;
  @Field(() => Float, { nullable: true }) amount: number | null;
  @Field(() => String, { nullable: true, description: 'ISO 4217 code' }) currency: string | null;
  @Field() description: string;
  @Field(() => ResolutionStatusEnum) status: string;
  @Field() proposedAt: Date;
  @Field(() => Date, { nullable: true }) executedAt: Date | null;
  resolutionId: string;
  proposedById: string | null;
}

@ObjectType({ description: 'A clock on one stage of the complaint' })
export class Deadline {
  @Field(() => DeadlineStageEnum) stage: DeadlineStage;
  @Field() stageLabel: string;
  @Field() dueAt: Date;
  @Field(() => Date, { nullable: true }) metAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'Set when the stage no longer applies (withdrawn, rejected)' })
  cancelledAt: Date | null;
  @Field({ description: 'Open, running and past due, met after it was due, or recorded as breached' }) breached: boolean;
  @Field({ description: 'Waiting on the complainant: paused time does not count, the due time moves on resume' })
  paused: boolean;
  @Field(() => Date, { nullable: true, description: 'When the breach was recorded and handled' }) breachedAt: Date | null;
  @Field(() => Date, { nullable: true, description: 'When the reminder goes, or went, out' }) remindAt: Date | null;
  @Field({ description: 'The plugin that set it, e.g. default@1.0.0' }) decidedBy: string;
  @Field({
    description:
      'Counted on weekends alone because its period runs into a year without a public-holiday schedule; counted again when the year is loaded',
  })
  provisional: boolean;
  @Field(() => String, { nullable: true, description: "Why the due time is provisional, in the viewer's language" })
  provisionalReason: string | null;
}

@ObjectType({ description: 'The answer given to the complainant' })
export class ComplaintResponse {
  @Field(() => ID) id: string;
  @Field(() => ChannelEnum) channel: Channel;
  @Field() message: string;
  @Field(() => String, { nullable: true }) customerReaction: string | null;
  @Field() respondedAt: Date;
  respondedById: string | null;
}

@ObjectType()
export class SatisfactionScore {
  @Field(() => SatisfactionDimensionEnum) dimension: string;
  @Field(() => Int) score: number;
}

@ObjectType({ description: 'A follow-up with the complainant and the satisfaction they reported' })
export class FollowUp {
  @Field(() => ID) id: string;
  @Field(() => [SatisfactionScore]) scores: SatisfactionScore[];
  @Field(() => Int, { description: 'The top of the scale the scores were given on' }) scaleMax: number;
  @Field(() => SurveyAnsweredByEnum) answeredBy: 'STAFF' | 'COMPLAINANT';
  @Field(() => String, { nullable: true }) comment: string | null;
  @Field() recordedAt: Date;
  recordedById: string | null;
}

@ObjectType({ description: 'An internal note; never shown to the complainant' })
export class Note {
  @Field(() => ID) id: string;
  @Field() body: string;
  @Field() createdAt: Date;
  authorId: string | null;
}

@ObjectType()
export class Rejection {
  @Field() reasonCode: string;
  @Field() reasonLabel: string;
  @Field(() => String, { nullable: true }) note: string | null;
}

@ObjectType()
export class ClosingSummary {
  @Field() summary: string;
  @Field(() => Float, { nullable: true }) lossAmount: number | null;
  @Field(() => String, { nullable: true }) lossCurrency: string | null;
}

@ObjectType({ description: 'An assessment computed by the governing plugin: an eligibility, a suggested amount' })
export class ComplaintFinding {
  @Field() code: string;
  @Field() label: string;
  @Field({ description: 'The legal or internal source' }) cites: string;
  @Field(() => GraphQLJSON) details: unknown;
}

@ObjectType({ description: 'The plugin (id and version) that governs a complaint' })
export class GovernedBy {
  @Field() pluginId: string;
  @Field() version: string;
}

@ObjectType({ description: 'One change of a complaint, append-only' })
export class ComplaintEvent {
  @Field(() => ID) id: string;
  @Field(() => ComplaintEventKindEnum) kind: ComplaintEventKind;
  @Field(() => ComplaintStatusEnum, { nullable: true }) fromStatus: ComplaintStatus | null;
  @Field(() => ComplaintStatusEnum, { nullable: true }) toStatus: ComplaintStatus | null;
  @Field(() => GraphQLJSON, { description: 'What changed, field by field' }) changes: unknown;
  @Field(() => String, { nullable: true, description: 'The plugin version that decided it, e.g. default@1.0.0' })
  decidedBy: string | null;
  @Field({ description: 'Shown to the complainant in the public status' }) public: boolean;
  @Field() createdAt: Date;
  actorUserId: string | null;

  static from(row: EventRow): ComplaintEvent {
    return Object.assign(new ComplaintEvent(), {
      id: toGlobalId('ComplaintEvent', row.id),
      kind: row.kind,
      fromStatus: row.fromStatus,
      toStatus: row.toStatus,
      changes: row.changes,
      decidedBy: row.decidedBy,
      public: row.isPublic,
      createdAt: row.createdAt,
      actorUserId: row.actorUserId,
    });
  }
}

export const ComplaintEventConnection = ConnectionType(ComplaintEvent, 'ComplaintEvent');

@ObjectType({ implements: Node, description: 'A complaint, from first contact to closing' })
export class Complaint implements Node {
  @Field(() => ID) id: string;
  @Field(() => Float, { description: 'Per-tenant running number' }) number: number;
  @Field({ description: 'Unguessable code the complainant uses to follow the complaint' }) trackingCode: string;
  @Field(() => ComplaintStatusEnum) status: ComplaintStatus;
  @Field(() => ChannelEnum) channel: Channel;
  @Field() receivedAt: Date;
  @Field() description: string;
  @Field(() => [DemandEnum]) demands: Demand[];
  @Field(() => PriorityEnum) priority: Priority;
  @Field({ description: 'On the major-complaint path' }) major: boolean;
  @Field(() => GraphQLJSON, { description: 'Industry intake fields, validated by the governing plugin' }) fields: unknown;
  @Field(() => GovernedBy) governedBy: GovernedBy;
  @Field(() => Int, { description: 'Pass as expectedVersion to the next mutation' }) version: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  @Field(() => Date, { nullable: true }) acknowledgedAt: Date | null;
  @Field(() => Date, { nullable: true }) closedAt: Date | null;
  row: ComplaintRow;

  static from(row: ComplaintRow): Complaint {
    return Object.assign(new Complaint(), {
      id: toGlobalId('Complaint', row.id),
      number: Number(row.number),
      trackingCode: row.trackingCode,
      status: row.status,
      channel: row.channel,
      receivedAt: row.receivedAt,
      description: row.description,
      demands: row.demands,
      priority: row.priority,
      major: row.major,
      fields: row.fields,
      governedBy: { pluginId: row.pluginId, version: row.pluginVersion },
      version: row.version,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      acknowledgedAt: row.acknowledgedAt,
      closedAt: row.closedAt,
      row,
    });
  }
}

export const ComplaintConnection = ConnectionType(Complaint, 'Complaint');

@ObjectType({ description: 'One entry of the public history' })
export class PublicStatusEntry {
  @Field() label: string;
  @Field(() => ComplaintStatusEnum, { nullable: true }) status: ComplaintStatus | null;
  @Field() at: Date;
  @Field(() => String, {
    nullable: true,
    description: "The complainant's own words, for a message they added (plain text); null otherwise",
  })
  message: string | null;
}

@ObjectType({ description: 'A value of a vocabulary with its label' })
export class LabelledValue {
  @Field() value: string;
  @Field() label: string;
}

@ObjectType({ description: 'The satisfaction survey a complainant answers through their tracking code' })
export class PublicSurvey {
  @Field({ description: 'True once the complainant has been answered, until they answer; again after each new answer' })
  open: boolean;
  @Field(() => Int, { description: 'Scores run from 1 (worst) to scaleMax (best)' }) scaleMax: number;
  @Field(() => [LabelledValue], { description: 'The dimensions to score' }) dimensions: LabelledValue[];
  @Field(() => Date, { nullable: true, description: 'When the complainant last answered' }) answeredAt: Date | null;
}

@ObjectType({ description: 'Why a complaint was not accepted, as the complainant is told it' })
export class PublicRejection {
  @Field({ description: "The reason, in the complainant's language" }) reason: string;
  @Field({ description: 'Where the complainant may turn instead, or what would let the complaint be accepted' })
  guidance: string;
  @Field({ description: 'When it was decided: the answer to the complaint' }) decidedAt: Date;
}

@ObjectType({ description: 'A file of the complaint the complainant may see: theirs, and what staff chose to show them' })
export class PublicEvidence {
  @Field(() => ID) id: string;
  @Field() fileName: string;
  @Field({ description: 'The type its bytes show' }) contentType: string;
  @Field(() => Float) sizeBytes: number;
  @Field({ description: 'Hex SHA-256 of the bytes, computed by the server' }) sha256: string;
  @Field(() => EvidenceSourceEnum) source: 'COMPLAINANT' | 'STAFF';
  @Field({ description: 'An image (a thumbnail may be offered)' }) isImage: boolean;
  @Field() createdAt: Date;
  rowId: string;
  tenantId: string;
  hasThumbnail: boolean;
}

@ObjectType({ description: 'What a complainant may see of their complaint: no names, notes or findings' })
export class PublicComplaintStatus {
  @Field() trackingCode: string;
  @Field(() => ComplaintStatusEnum) status: ComplaintStatus;
  @Field() statusLabel: string;
  @Field() receivedAt: Date;
  @Field(() => Date, { nullable: true, description: 'When the complainant can expect the next answer' })
  nextAnswerDueAt: Date | null;
  @Field(() => [PublicStatusEntry]) history: PublicStatusEntry[];
  @Field(() => PublicSurvey) survey: PublicSurvey;
  @Field(() => PublicRejection, { nullable: true, description: 'Set when the complaint was not accepted: the reason and where to turn' })
  rejection: PublicRejection | null;
  @Field(() => [PublicEvidence], { description: 'Files of the complaint, oldest first; never the ones staff keep internal' })
  evidence: PublicEvidence[];
}

@ObjectType({ description: 'Labels of the complaint vocabulary in the requested language' })
export class ComplaintVocabulary {
  @Field(() => [LabelledValue]) statuses: LabelledValue[];
  @Field(() => [LabelledValue]) channels: LabelledValue[];
  @Field(() => [LabelledValue]) demands: LabelledValue[];
  @Field(() => [LabelledValue]) priorities: LabelledValue[];
  @Field(() => [LabelledValue]) resolutionKinds: LabelledValue[];
  @Field(() => [LabelledValue]) satisfactionDimensions: LabelledValue[];
  @Field(() => [Category]) categories: Category[];
  @Field(() => [LabelledValue]) rejectionReasons: LabelledValue[];
}

export { Department, User };
