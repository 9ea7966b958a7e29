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
  answerSatisfactionSurvey,
  complaintWorkflow,
  fileComplaint,
  submitComplaint,
  type ComplaintChange,
  type ComplaintRef,
  type ComplaintWorkflow,
  type StageAction,
} from './flows/complaint-flows.js';
export { watchComplaintQueue, type ComplaintQueue, type ComplaintQueueOptions } from './flows/live-queue.js';
export * from './generated/graphql.js';
