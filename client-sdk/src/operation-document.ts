import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';

export type OperationKind = 'query' | 'mutation' | 'subscription';

/**
 * An operation as the SDK ships it: its text printed when the code was generated, and its
 * shape. The kind is part of the type, so `query()` refuses a subscription at compile time;
 * the result and variables types ride along as with a `TypedDocumentNode`.
 */
export interface OperationDocument<TKind extends OperationKind, TResult, TVariables> extends DocumentTypeDecoration<TResult, TVariables> {
  readonly kind: TKind;
  /** The operation name, sent as `operationName`. */
  readonly name: string;
  /** The response keys of the root selections (field names or aliases). */
  readonly rootFields: readonly string[];
  /** The operation and the fragments it uses, as sent to the server. */
  readonly text: string;
}

/** Types a generated operation; the value is the object given. */
export function operation<TKind extends OperationKind, TResult, TVariables>(shape: {
  kind: TKind;
  name: string;
  rootFields: string[];
  text: string;
}): OperationDocument<TKind, TResult, TVariables> {
  return shape;
}
