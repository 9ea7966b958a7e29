import { CHANNEL, DEMAND, PRIORITY, RESOLUTION_KIND, SATISFACTION_DIMENSION } from '@redress/plugin-api';
import { GraphQLJSON } from 'graphql-scalars';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { amountSchema, currencySchema, optionalText, text } from './complaint.schemas';
import {
  ApprovalDecisionEnum,
  AssessmentDecisionEnum,
  ChannelEnum,
  ComplaintStatusEnum,
  DemandEnum,
  PriorityEnum,
  RespondentKindEnum,
  ResolutionKindEnum,
  SatisfactionDimensionEnum,
} from './complaint.enums';
import type { ComplaintRow, EventRow } from './complaint-rows';
import { Complaint, ComplaintEvent } from './complaint.types';

/**
 * Inputs and payloads of the complaint API. Values are checked by the services (zod): an
 * input declared with `declareInput` carries its rules, the others are checked field by field.
 */

export const ComplainantInput = declareInput(
  'ComplainantInput',
  {
    name: field(text(200), () => String),
    phone: field(
      z
        .string()
        .trim()
        .transform((value) => value.replace(/[\s()-]/g, ''))
        .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, 'Not a phone number'))
        .nullish()
        .transform((value) => value ?? null),
      () => String,
      { description: 'Digits, optionally with a leading +' },
    ),
    email: field(
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email('Not an email address').max(320))
        .nullish()
        .transform((value) => value ?? null),
      () => String,
    ),
    notifyByEmail: field(
      z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
      () => Boolean,
      {
        description:
          'The complainant consents to be written to at `email` about this complaint: receipt, acknowledgment, a decision not to accept it, the answer and the survey',
      },
    ),
    locale: field(
      z
        .enum(['zh-CN', 'en'])
        .nullish()
        .transform((value) => value ?? null),
      () => String,
      { description: "Language of those messages: zh-CN or en; default the request's Accept-Language, else the organization's" },
    ),
  },
  {
    refine: (input) =>
      input
        .refine((value) => value.phone || value.email, { message: 'Give a phone number or an email address', path: ['phone'] })
        .refine((value) => !value.notifyByEmail || value.email, { message: 'Give the email address to write to', path: ['email'] }),
  },
);
export type ComplainantInput = InstanceType<typeof ComplainantInput>;

export const RespondentInput = declareInput('RespondentInput', {
  kind: field(z.enum(['STORE', 'DEPARTMENT', 'STAFF']), () => RespondentKindEnum),
  name: field(text(200), () => String),
  departmentId: field(z.string().nullish(), () => ID),
  userId: field(z.string().nullish(), () => ID),
});
export type RespondentInput = InstanceType<typeof RespondentInput>;

export const AssetInput = declareInput(
  'AssetInput',
  {
    name: field(text(200), () => String),
    serialNumber: field(optionalText(100), () => String, { description: 'Serial number or VIN' }),
    model: field(optionalText(200), () => String),
    warrantyEndsOn: field(
      z.iso
        .date('Not an ISO date (YYYY-MM-DD)')
        .nullish()
        .transform((value) => value ?? null),
      () => String,
      { description: 'ISO date, e.g. 2027-06-30' },
    ),
    parentId: field(
      z
        .string()
        .nullish()
        .transform((value) => value ?? null),
      () => ID,
    ),
  },
  { description: 'The asset concerned; an existing one is found again by serial number' },
);
export type AssetInput = InstanceType<typeof AssetInput>;

export const EvidenceInput = declareInput('EvidenceInput', {
  fileName: field(text(255), () => String),
  contentType: field(
    z
      .string()
      .trim()
      .regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'Not a media type'),
    () => String,
  ),
  sizeBytes: field(
    z
      .number()
      .int('Must be whole bytes')
      .nonnegative()
      .max(1024 ** 3, 'At most 1 GiB'),
    () => Float,
  ),
  sha256: field(
    z
      .string()
      .regex(/^[0-9a-f]{64}$/, 'Not a hex SHA-256')
      .nullish()
      .transform((value) => value ?? null),
    () => String,
  ),
  note: field(optionalText(1000), () => String),
});
export type EvidenceInput = InstanceType<typeof EvidenceInput>;

export const EvidenceUploadInput = declareInput(
  'EvidenceUploadInput',
  {
    uploadId: field(z.string().trim().min(1, 'Must not be empty').max(100, 'Not an upload id'), () => String, {
      description: 'What POST /files/uploads answered',
    }),
    note: field(optionalText(1000), () => String),
  },
  { description: 'A file staged by POST /files/uploads, to attach' },
);
export type EvidenceUploadInput = InstanceType<typeof EvidenceUploadInput>;

/** Staged uploads to attach: each once. */
export const evidenceUploads = (max: number) =>
  z
    .array(EvidenceUploadInput.schema)
    .max(max, `At most ${max} files at once`)
    .superRefine((uploads, issues) => {
      const seen = new Set<string>();
      uploads.forEach((upload, index) => {
        if (seen.has(upload.uploadId)) issues.addIssue({ code: 'custom', message: 'The same upload twice', path: [index, 'uploadId'] });
        seen.add(upload.uploadId);
      });
    });

/** What both intakes record, checked in this order before the fields of each. */
const intakeFields = {
  description: field(text(10_000), () => String),
  demands: field(
    z
      .array(z.enum(DEMAND.values))
      .max(8)
      .transform((demands) => [...new Set(demands)]),
    () => [DemandEnum],
  ),
  complainant: field(ComplainantInput.schema, () => ComplainantInput),
  asset: field(
    AssetInput.schema.nullish().transform((value) => value ?? null),
    () => AssetInput,
  ),
  evidence: field(
    z
      .array(EvidenceInput.schema)
      .max(50, 'At most 50 pieces of evidence')
      .nullish()
      .transform((value) => value ?? []),
    () => [EvidenceInput],
    { description: 'Metadata of files the server does not receive; to attach real files, stage them and give `uploads`' },
  ),
  uploads: field(
    evidenceUploads(20)
      .nullish()
      .transform((value) => value ?? []),
    () => [EvidenceUploadInput],
    { description: 'Files staged by POST /files/uploads, attached with the complaint' },
  ),
};

const intakeFieldValues = (description: string) =>
  field(
    z
      .record(z.string(), z.unknown())
      .nullish()
      .transform((value) => value ?? {})
      .refine((value) => JSON.stringify(value).length <= 20_000, 'Intake fields too large'),
    () => GraphQLJSON,
    { description },
  );

export const FileComplaintInput = declareInput(
  'FileComplaintInput',
  {
    ...intakeFields,
    fields: intakeFieldValues('Industry intake fields'),
    channel: field(z.enum(CHANNEL.values), () => ChannelEnum),
    // Not in the future: checked against the business clock by the intake service.
    receivedAt: field(z.date().nullish(), () => Date, { description: 'Defaults to now; may not lie in the future' }),
    respondent: field(RespondentInput.schema.nullish(), () => RespondentInput),
    categoryCode: field(z.string().nullish(), () => String, { description: 'A first guess; the assessment decides' }),
  },
  { description: 'A complaint recorded by staff (first-receiver responsibility)' },
);
export type FileComplaintInput = InstanceType<typeof FileComplaintInput>;

export const SubmitComplaintInput = declareInput(
  'SubmitComplaintInput',
  {
    ...intakeFields,
    fields: intakeFieldValues("Industry intake fields of the organization's plugin"),
    tenantSlug: field(z.string().trim().min(1).max(63), () => String),
    respondentName: field(optionalText(200), () => String, { description: 'The store, department or person complained about' }),
  },
  { description: 'A complaint filed by the complainant, without an account' },
);
export type SubmitComplaintInput = InstanceType<typeof SubmitComplaintInput>;

/** Fields every lifecycle input has; the subclasses are the inputs of the mutations. */
@InputType()
export abstract class ComplaintChangeInput {
  @Field(() => ID) complaintId: string;
  @Field(() => Int, { description: 'The version the client last saw; a newer one fails with STALE_VERSION' })
  expectedVersion: number;
}

@InputType()
export class AcknowledgeComplaintInput extends ComplaintChangeInput {}

export const AssessComplaintInput = declareInput(
  'AssessComplaintInput',
  {
    decision: field(z.enum(['ACCEPT', 'REJECT']), () => AssessmentDecisionEnum),
    categoryCode: field(z.string().nullish(), () => String, { description: 'Required to accept' }),
    priority: field(z.enum(PRIORITY.values).nullish(), () => PriorityEnum, { description: "Overrides the plugin's priority" }),
    major: field(z.boolean().nullish(), () => Boolean, { description: 'Marks a major complaint' }),
    rejectionReason: field(z.string().nullish(), () => String, { description: "Required to reject: one of the plugin's reasons" }),
    note: field(optionalText(2000), () => String),
  },
  { extends: ComplaintChangeInput },
);
export type AssessComplaintInput = InstanceType<typeof AssessComplaintInput>;

export const AssignComplaintInput = declareInput(
  'AssignComplaintInput',
  {
    departmentId: field(z.string().nullish(), () => ID),
    ownerId: field(z.string().nullish(), () => ID),
    note: field(optionalText(2000), () => String),
  },
  { description: 'Assigns, or hands over, to a department and/or a person', extends: ComplaintChangeInput },
);
export type AssignComplaintInput = InstanceType<typeof AssignComplaintInput>;

export const RecordInvestigationInput = declareInput(
  'RecordInvestigationInput',
  {
    cause: field(text(5000), () => String),
    course: field(text(10_000), () => String, { description: 'The course of events' }),
    responsiblePerson: field(optionalText(200), () => String),
    responsibleUserId: field(z.string().nullish(), () => ID),
    conclusion: field(text(5000), () => String),
    countermeasures: field(text(5000), () => String),
    prevention: field(text(5000), () => String),
  },
  { extends: ComplaintChangeInput },
);
export type RecordInvestigationInput = InstanceType<typeof RecordInvestigationInput>;

export const ProposeResolutionInput = declareInput(
  'ProposeResolutionInput',
  {
    kind: field(z.enum(RESOLUTION_KIND.values), () => ResolutionKindEnum),
    amount: field(
      amountSchema.nullish().transform((value) => value ?? null),
      () => Float,
      { description: 'Up to 2 decimals; needs currency' },
    ),
    currency: field(
      currencySchema.nullish().transform((value) => value ?? null),
      () => String,
      { description: 'ISO 4217, e.g. CNY' },
    ),
    description: field(text(5000), () => String),
  },
  {
    extends: ComplaintChangeInput,
    refine: (input) =>
      input.refine((value) => value.amount === null || value.currency !== null, {
        message: 'An amount needs a currency',
        path: ['currency'],
      }),
  },
);
export type ProposeResolutionInput = InstanceType<typeof ProposeResolutionInput>;

export const DecideApprovalInput = declareInput(
  'DecideApprovalInput',
  {
    decision: field(z.enum(['APPROVE', 'REJECT', 'SEND_BACK']), () => ApprovalDecisionEnum),
    comment: field(optionalText(2000), () => String),
  },
  { extends: ComplaintChangeInput },
);
export type DecideApprovalInput = InstanceType<typeof DecideApprovalInput>;

export const MarkResolutionExecutedInput = declareInput(
  'MarkResolutionExecutedInput',
  { note: field(optionalText(2000), () => String) },
  { extends: ComplaintChangeInput },
);
export type MarkResolutionExecutedInput = InstanceType<typeof MarkResolutionExecutedInput>;

export const RespondToComplainantInput = declareInput(
  'RespondToComplainantInput',
  {
    channel: field(z.enum(CHANNEL.values), () => ChannelEnum),
    message: field(text(5000), () => String),
    customerReaction: field(optionalText(2000), () => String, { description: "The complainant's reaction, as told" }),
  },
  { extends: ComplaintChangeInput },
);
export type RespondToComplainantInput = InstanceType<typeof RespondToComplainantInput>;

export const SatisfactionScoreInput = declareInput('SatisfactionScoreInput', {
  dimension: field(z.enum(SATISFACTION_DIMENSION.values), () => SatisfactionDimensionEnum),
  // The tenant's own scale (at most 10) is checked by the service.
  score: field(z.number().int().min(1, 'Scores start at 1').max(10, 'Scores run to 10 at most'), () => Int, {
    description: "1 (worst) to the tenant's scaleMax (best)",
  }),
});
export type SatisfactionScoreInput = InstanceType<typeof SatisfactionScoreInput>;

export const RecordFollowUpInput = declareInput(
  'RecordFollowUpInput',
  {
    scores: field(
      z
        .array(SatisfactionScoreInput.schema)
        .min(1, 'Give at least one score')
        .refine((scores) => new Set(scores.map((s) => s.dimension)).size === scores.length, 'One score per dimension'),
      () => [SatisfactionScoreInput],
    ),
    comment: field(optionalText(2000), () => String),
  },
  { extends: ComplaintChangeInput },
);
export type RecordFollowUpInput = InstanceType<typeof RecordFollowUpInput>;

export const CloseComplaintInput = declareInput(
  'CloseComplaintInput',
  {
    summary: field(text(10_000), () => String, { description: 'Lessons, corrective and preventive actions' }),
    lossAmount: field(
      amountSchema.nullish().transform((value) => value ?? null),
      () => Float,
    ),
    lossCurrency: field(
      currencySchema.nullish().transform((value) => value ?? null),
      () => String,
    ),
  },
  {
    extends: ComplaintChangeInput,
    refine: (input) =>
      input.refine((value) => value.lossAmount === null || value.lossCurrency !== null, {
        message: 'A loss amount needs a currency',
        path: ['lossCurrency'],
      }),
  },
);
export type CloseComplaintInput = InstanceType<typeof CloseComplaintInput>;

export const ReopenComplaintInput = declareInput(
  'ReopenComplaintInput',
  { reason: field(text(2000), () => String) },
  { extends: ComplaintChangeInput },
);
export type ReopenComplaintInput = InstanceType<typeof ReopenComplaintInput>;

export const EscalateComplaintInput = declareInput(
  'EscalateComplaintInput',
  { reason: field(text(2000), () => String) },
  { extends: ComplaintChangeInput },
);
export type EscalateComplaintInput = InstanceType<typeof EscalateComplaintInput>;

export const WithdrawComplaintInput = declareInput(
  'WithdrawComplaintInput',
  { reason: field(optionalText(2000), () => String) },
  { extends: ComplaintChangeInput },
);
export type WithdrawComplaintInput = InstanceType<typeof WithdrawComplaintInput>;

export const AddNoteInput = declareInput('AddNoteInput', { body: field(text(10_000), () => String) }, { extends: ComplaintChangeInput });
export type AddNoteInput = InstanceType<typeof AddNoteInput>;

const SOME_FIELDS = 'Give at least one field to set or remove';

export const UpdateComplaintFieldsInput = declareInput(
  'UpdateComplaintFieldsInput',
  {
    fields: field(
      z.record(z.string(), z.unknown(), { error: SOME_FIELDS }).refine((fields) => Object.keys(fields).length > 0, SOME_FIELDS),
      () => GraphQLJSON,
    ),
    note: field(optionalText(2000), () => String, { description: 'Why they changed' }),
  },
  { description: 'Sets industry fields of the governing plugin; a null value removes the field', extends: ComplaintChangeInput },
);
export type UpdateComplaintFieldsInput = InstanceType<typeof UpdateComplaintFieldsInput>;

export const PauseClockInput = declareInput(
  'PauseClockInput',
  { reason: field(text(2000), () => String, { description: 'What the complaint waits for' }) },
  { description: 'Stops the open clocks while the complaint waits on the complainant', extends: ComplaintChangeInput },
);
export type PauseClockInput = InstanceType<typeof PauseClockInput>;

export const ResumeClockInput = declareInput(
  'ResumeClockInput',
  { note: field(optionalText(2000), () => String) },
  { description: 'Restarts the paused clocks; each due time moves by the time it was paused', extends: ComplaintChangeInput },
);
export type ResumeClockInput = InstanceType<typeof ResumeClockInput>;

export const RecordRefusalToReceiveInput = declareInput(
  'RecordRefusalToReceiveInput',
  {
    employeeId: field(z.string(), () => ID, { description: 'The member who refused' }),
    note: field(text(2000), () => String),
  },
  {
    description: 'Records that an employee refused to receive this complaint (first-receiver responsibility)',
    extends: ComplaintChangeInput,
  },
);
export type RecordRefusalToReceiveInput = InstanceType<typeof RecordRefusalToReceiveInput>;

@ObjectType()
export class ComplaintPayload {
  @Field(() => Complaint, { nullable: true }) complaint: Complaint | null;
  @Field(() => ComplaintEvent, { nullable: true, description: 'The event the change wrote' }) event: ComplaintEvent | null;
  @Field(() => [UserError]) errors: UserError[];

  /** The payload of a change that succeeded (expected failures are filled in by the mutation boundary). */
  static of(result: { row: ComplaintRow; event: EventRow }): ComplaintPayload {
    return { complaint: Complaint.from(result.row), event: ComplaintEvent.from(result.event), errors: [] };
  }
}

@ObjectType()
export class SubmitComplaintPayload {
  @Field(() => String, { nullable: true, description: 'Keep it: it is the only way to follow the complaint' })
  trackingCode: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType({ description: 'Every given condition must hold' })
export class ComplaintFilter {
  @Field(() => [ComplaintStatusEnum], { nullable: true }) status?: string[] | null;
  @Field(() => String, { nullable: true, description: 'The category or any of its sub-categories' }) categoryCode?: string | null;
  @Field(() => [PriorityEnum], { nullable: true }) priority?: string[] | null;
  @Field(() => ID, { nullable: true }) departmentId?: string | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'A stage clock ran out and is still open' }) overdue?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Words of the description or the complainant, or a tracking code or number' })
  text?: string | null;
  @Field(() => Date, { nullable: true }) receivedFrom?: Date | null;
  @Field(() => Date, { nullable: true }) receivedTo?: Date | null;
}

export enum ComplaintOrderField {
  RECEIVED_AT = 'RECEIVED_AT',
  NUMBER = 'NUMBER',
  UPDATED_AT = 'UPDATED_AT',
}
registerEnumType(ComplaintOrderField, { name: 'ComplaintOrderField' });

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class ComplaintOrder {
  @Field(() => ComplaintOrderField) field: ComplaintOrderField;
  @Field(() => OrderDirection) direction: OrderDirection;
}
