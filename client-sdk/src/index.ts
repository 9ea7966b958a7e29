export { createClient, type ClientOptions, type RedressClient, type SubscribeOptions, type SubscriptionHandlers } from './client.js';
export type { ComplainantCredentials, Credentials, CredentialSource } from './credentials.js';
export type { ReconnectOptions } from './backoff.js';
export type { ConnectionListener, ConnectionState, ConnectionStatus } from './connection-state.js';
export type { FetchLike } from './http-transport.js';
export type {
  LiveDocument,
  MutationDocument,
  OperationArguments,
  OperationDocument,
  OperationKind,
  QueryDocument,
  RequestOptions,
  ResultOf,
  TypedDocumentNode,
  VariablesOf,
} from './documents.js';
export type { JsonValue } from './json-value.js';
export {
  RedressError,
  TransportError,
  AuthError,
  GraphQLRequestError,
  type AuthErrorCode,
  type GraphQLErrorCode,
  type GraphQLErrorEntry,
} from './errors.js';
export type { MutationResult, MutationPayload, UserError } from './mutation-result.js';
export {
  addComplainantEvidence,
  addComplainantMessage,
  answerSatisfactionSurvey,
  complaintWorkflow,
  fileComplaint,
  submitComplaint,
  type ComplaintChange,
  type ComplaintRef,
  type ComplaintWorkflow,
  type FileComplaintRequest,
  type ReachableComplainant,
  type StageAction,
  type SubmitComplaintRequest,
} from './flows/complaint-flows.js';
export { watchComplaintQueue, type ComplaintQueue, type ComplaintQueueOptions, type ComplaintQueueState } from './flows/live-queue.js';
export { watchComplaint, type ComplaintPage, type ComplaintPageOptions } from './flows/complaint-page.js';
export {
  watchComplaintStatus,
  type ComplaintStatusPage,
  type ComplaintStatusPageOptions,
  type TrackedComplaint,
} from './flows/complaint-status-page.js';
export { liveChange, type LiveChange } from './flows/live-change.js';
export {
  uploadEvidenceFile,
  type StagedUpload,
  type UploadError,
  type UploadErrorCode,
  type UploadOptions,
  type UploadResult,
} from './flows/evidence-upload.js';
export { pages, paginate, type ConnectionPage, type PaginateOptions } from './flows/paginate.js';
export {
  signIn,
  type Session,
  type SessionExpiry,
  type SessionGrant,
  type SessionOptions,
  type SignInOptions,
  type SignInResult,
} from './flows/session.js';
export { resumeSession, type ResumeSessionResult } from './flows/session-resume.js';
export * from './generated/graphql.js';
