import type { RedressClient } from '../client.js';
import type { MutationDocument, VariablesArgument } from '../documents.js';
import { TransportError } from '../errors.js';
import {
  AcknowledgeComplaintDocument,
  AddComplainantEvidenceDocument,
  AddComplainantMessageDocument,
  AnswerSatisfactionSurveyDocument,
  AddNoteDocument,
  AssessComplaintDocument,
  AssignComplaintDocument,
  CloseComplaintDocument,
  DecideApprovalDocument,
  EscalateComplaintDocument,
  FileComplaintDocument,
  MarkResolutionExecutedDocument,
  PauseClockDocument,
  ProposeResolutionDocument,
  RecordFollowUpDocument,
  RecordInvestigationDocument,
  RecordRefusalToReceiveDocument,
  ReopenComplaintDocument,
  RespondToComplainantDocument,
  ResumeClockDocument,
  SubmitComplaintDocument,
  UpdateComplaintFieldsDocument,
  WithdrawComplaintDocument,
  type AddComplainantEvidenceInput,
  type AddComplainantMessageInput,
  type AnswerSatisfactionSurveyInput,
  type ComplainantInput,
  type ComplaintDetailFragment,
  type ComplaintEventFieldsFragment,
  type ComplaintPayloadFieldsFragment,
  type FileComplaintInput,
  type PublicComplaintStatusFieldsFragment,
  type SubmitComplaintInput,
} from '../generated/graphql.js';
import type { MutationResult } from '../mutation-result.js';

/** The complaint a change applies to: its id and the version last seen. */
export interface ComplaintRef {
  id: string;
  version: number;
}

/** A successful lifecycle change: the complaint as it is now, and the timeline event written. */
export interface ComplaintChange {
  complaint: ComplaintDetailFragment;
  event: ComplaintEventFieldsFragment | null;
}

type LifecycleDocument<TVariables> = MutationDocument<{ [field: string]: ComplaintPayloadFieldsFragment }, TVariables>;
type StageInput<TVariables extends { input: object }> = Omit<TVariables['input'], 'complaintId' | 'expectedVersion'>;
type StageArgument<T> = Record<never, never> extends T ? [input?: T] : [input: T];

/** A lifecycle action bound to a client: fills in the complaint id and expected version. */
export type StageAction<TVariables extends { input: object }> = (
  complaint: ComplaintRef,
  ...input: StageArgument<StageInput<TVariables>>
) => Promise<MutationResult<ComplaintChange>>;

function complaintChange(result: MutationResult<ComplaintPayloadFieldsFragment>, operation: string): MutationResult<ComplaintChange> {
  if (!result.ok) return result;
  const { complaint, event } = result.data;
  if (!complaint) throw new TransportError(`${operation} succeeded without returning the complaint`);
  return { ok: true, data: { complaint, event } };
}

function stageAction<TVariables extends { input: object }>(
  client: RedressClient,
  document: LifecycleDocument<TVariables>,
  operation: string,
): StageAction<TVariables> {
  return async (complaint, ...[input]) => {
    const variables = { input: { ...input, complaintId: complaint.id, expectedVersion: complaint.version } };
    const result = await client.mutate(document, ...([variables] as VariablesArgument<TVariables>));
    return complaintChange(result, operation);
  };
}

/**
 * The stages of a complaint as methods: each takes the complaint (id and version last
 * seen) and the stage's own input, and returns the changed complaint or the expected
 * failures (STALE_VERSION when someone else changed it first, ILLEGAL_TRANSITION, FORBIDDEN…).
 */
export function complaintWorkflow(client: RedressClient) {
  return {
    acknowledge: stageAction(client, AcknowledgeComplaintDocument, 'acknowledgeComplaint'),
    assess: stageAction(client, AssessComplaintDocument, 'assessComplaint'),
    assign: stageAction(client, AssignComplaintDocument, 'assignComplaint'),
    recordInvestigation: stageAction(client, RecordInvestigationDocument, 'recordInvestigation'),
    proposeResolution: stageAction(client, ProposeResolutionDocument, 'proposeResolution'),
    decideApproval: stageAction(client, DecideApprovalDocument, 'decideApproval'),
    markResolutionExecuted: stageAction(client, MarkResolutionExecutedDocument, 'markResolutionExecuted'),
    respond: stageAction(client, RespondToComplainantDocument, 'respondToComplainant'),
    recordFollowUp: stageAction(client, RecordFollowUpDocument, 'recordFollowUp'),
    close: stageAction(client, CloseComplaintDocument, 'closeComplaint'),
    reopen: stageAction(client, ReopenComplaintDocument, 'reopenComplaint'),
    escalate: stageAction(client, EscalateComplaintDocument, 'escalateComplaint'),
    withdraw: stageAction(client, WithdrawComplaintDocument, 'withdrawComplaint'),
    addNote: stageAction(client, AddNoteDocument, 'addNote'),
    updateFields: stageAction(client, UpdateComplaintFieldsDocument, 'updateComplaintFields'),
    pauseClock: stageAction(client, PauseClockDocument, 'pauseClock'),
    resumeClock: stageAction(client, ResumeClockDocument, 'resumeClock'),
    recordRefusalToReceive: stageAction(client, RecordRefusalToReceiveDocument, 'recordRefusalToReceive'),
  };
}

export type ComplaintWorkflow = ReturnType<typeof complaintWorkflow>;

/** A complainant who can be answered: a phone number, an email address, or both. */
export type ReachableComplainant = ComplainantInput &
  ({ phone: string; email?: string | null | undefined } | { phone?: string | null | undefined; email: string });

/** `FileComplaintInput` with a complainant who can be answered. */
export type FileComplaintRequest = Omit<FileComplaintInput, 'complainant'> & { complainant: ReachableComplainant };

/** `SubmitComplaintInput` with a complainant who can be answered. */
export type SubmitComplaintRequest = Omit<SubmitComplaintInput, 'complainant'> & { complainant: ReachableComplainant };

/** Staff intake: records a complaint received through any channel. */
export async function fileComplaint(client: RedressClient, input: FileComplaintRequest): Promise<MutationResult<ComplaintChange>> {
  return complaintChange(await client.mutate(FileComplaintDocument, { input }), 'fileComplaint');
}

/** Public intake (no account): returns the tracking code the complainant keeps. */
export async function submitComplaint(
  client: RedressClient,
  input: SubmitComplaintRequest,
): Promise<MutationResult<{ trackingCode: string }>> {
  const result = await client.mutate(SubmitComplaintDocument, { input });
  if (!result.ok) return result;
  if (!result.data.trackingCode) throw new TransportError('submitComplaint succeeded without a tracking code');
  return { ok: true, data: { trackingCode: result.data.trackingCode } };
}

/**
 * The complainant scores the answer they were given (no account). Expected refusals come back
 * as errors: ILLEGAL_TRANSITION before the answer or after closing, ALREADY_EXISTS for a
 * second answer to the same answer, NOT_FOUND for an unknown organisation or code.
 */
export async function answerSatisfactionSurvey(
  client: RedressClient,
  input: AnswerSatisfactionSurveyInput,
): Promise<MutationResult<{ status: PublicComplaintStatusFieldsFragment }>> {
  const result = await client.mutate(AnswerSatisfactionSurveyDocument, { input });
  if (!result.ok) return result;
  if (!result.data.status) throw new TransportError('answerSatisfactionSurvey succeeded without a status');
  return { ok: true, data: { status: result.data.status } };
}

/**
 * The complainant adds a message to their complaint (no account): plain text, shown in their
 * public history and on the staff's timeline. NOT_FOUND for an unknown organisation or code,
 * INVALID_INPUT for an empty or too long message.
 */
export async function addComplainantMessage(
  client: RedressClient,
  input: AddComplainantMessageInput,
): Promise<MutationResult<{ status: PublicComplaintStatusFieldsFragment }>> {
  const result = await client.mutate(AddComplainantMessageDocument, { input });
  if (!result.ok) return result;
  if (!result.data.status) throw new TransportError('addComplainantMessage succeeded without a status');
  return { ok: true, data: { status: result.data.status } };
}

/**
 * The complainant attaches files they staged with their tracking code (`uploadEvidenceFile`
 * with `tenantSlug` and `trackingCode`) to their open complaint (no account). NOT_FOUND for an
 * unknown organisation or code, ILLEGAL_TRANSITION once the complaint is finished,
 * UPLOAD_NOT_FOUND for an upload that is not theirs or expired, EVIDENCE_LIMIT_EXCEEDED over
 * the complaint's limits; nothing is attached then.
 */
export async function addComplainantEvidence(
  client: RedressClient,
  input: AddComplainantEvidenceInput,
): Promise<MutationResult<{ status: PublicComplaintStatusFieldsFragment }>> {
  const result = await client.mutate(AddComplainantEvidenceDocument, { input });
  if (!result.ok) return result;
  if (!result.data.status) throw new TransportError('addComplainantEvidence succeeded without a status');
  return { ok: true, data: { status: result.data.status } };
}
