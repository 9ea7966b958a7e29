import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { Kind, OperationTypeNode, print, type OperationDefinitionNode } from 'graphql';

export type { TypedDocumentNode };

/* eslint-disable @typescript-eslint/no-explicit-any -- a document's variables are contravariant:
   only `any` matches every document when inferring or accepting one. */
/** The data an operation document returns. */
export type ResultOf<D> = D extends TypedDocumentNode<infer R, any> ? R : never;
/** The variables an operation document takes. */
export type VariablesOf<D> = D extends TypedDocumentNode<any, infer V> ? V : never;

/** `[variables?]` when every variable is optional, `[variables]` otherwise. */
export type VariablesArgument<V> = Record<never, never> extends V ? [variables?: V] : [variables: V];

export interface PreparedOperation {
  query: string;
  operationName: string | undefined;
  type: OperationTypeNode;
  /** The response keys of the operation's root selections (field names or aliases). */
  rootFields: string[];
}

const prepared = new WeakMap<object, PreparedOperation>();

/** The text and shape of an operation document, computed once per document. */
export function prepareOperation(document: TypedDocumentNode<any, any>): PreparedOperation {
  /* eslint-enable @typescript-eslint/no-explicit-any */
  const cached = prepared.get(document);
  if (cached) return cached;
  const operations = document.definitions.filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1) {
    throw new TypeError(`An operation document must hold exactly one operation, found ${operations.length}`);
  }
  const [operation] = operations;
  const rootFields = operation.selectionSet.selections.flatMap((selection) =>
    selection.kind === Kind.FIELD ? [selection.alias?.value ?? selection.name.value] : [],
  );
  const result: PreparedOperation = {
    query: print(document),
    operationName: operation.name?.value,
    type: operation.operation,
    rootFields,
  };
  prepared.set(document, result);
  return result;
}

export function expectOperationType(operation: PreparedOperation, expected: OperationTypeNode, method: string): void {
  if (operation.type !== expected) {
    throw new TypeError(`${method}() takes a ${expected} document; ${operation.operationName ?? 'this one'} is a ${operation.type}`);
  }
}
