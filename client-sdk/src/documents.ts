import type { DocumentTypeDecoration, TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode, FieldNode, OperationDefinitionNode } from 'graphql';
import type { OperationDocument, OperationKind } from './operation-document.js';

export type { TypedDocumentNode };
export type { OperationDocument, OperationKind };

/** A document `query()` takes: one of the SDK's queries, or an app's own `TypedDocumentNode`. */
export type QueryDocument<TData, TVariables> = OperationDocument<'query', TData, TVariables> | TypedDocumentNode<TData, TVariables>;
/** A document `mutate()` takes. */
export type MutationDocument<TData, TVariables> = OperationDocument<'mutation', TData, TVariables> | TypedDocumentNode<TData, TVariables>;
/** A document `subscribe()` takes: a subscription, or a query answered once over the socket. */
export type LiveDocument<TData, TVariables> =
  OperationDocument<'subscription' | 'query', TData, TVariables> | TypedDocumentNode<TData, TVariables>;

/** `ResultOf<typeof XDocument>` and `VariablesOf<…>`: for the SDK's documents and for a `TypedDocumentNode`. */
export type { ResultOf, VariablesOf } from '@graphql-typed-document-node/core';

/** `[variables?]` when every variable is optional, `[variables]` otherwise. */
export type VariablesArgument<V> = Record<never, never> extends V ? [variables?: V] : [variables: V];

/** Options of one HTTP request. */
export interface RequestOptions {
  /** Aborts the request: it rejects with a TransportError whose `aborted` is true. */
  signal?: AbortSignal;
}

/** The variables, then the request options: `query(doc, undefined, { signal })` for a document without required variables. */
export type OperationArguments<V> =
  Record<never, never> extends V ? [variables?: V, options?: RequestOptions] : [variables: V, options?: RequestOptions];

export interface PreparedOperation {
  kind: OperationKind;
  operationName: string | undefined;
  rootFields: readonly string[];
  /** The text to send; for an app's syntax tree, printed on first use (graphql's printer is loaded then). */
  text(): string | Promise<string>;
}

type AnyDocument = DocumentTypeDecoration<unknown, never> & object;

const prepared = new WeakMap<object, PreparedOperation>();

function isSyntaxTree(document: object): document is DocumentNode {
  return (document as { kind?: unknown }).kind === 'Document';
}

/** The shape of a document, computed once per document; throws TypeError for one that is not a single operation. */
export function prepareOperation(document: AnyDocument): PreparedOperation {
  const cached = prepared.get(document);
  if (cached) return cached;
  const result = isSyntaxTree(document)
    ? fromSyntaxTree(document)
    : fromOperation(document as OperationDocument<OperationKind, unknown, never>);
  prepared.set(document, result);
  return result;
}

function fromOperation(document: OperationDocument<OperationKind, unknown, never>): PreparedOperation {
  if (typeof document.text !== 'string') throw new TypeError('Not an operation document');
  const { text } = document;
  return { kind: document.kind, operationName: document.name, rootFields: document.rootFields, text: () => text };
}

// Kinds are compared by their string values: importing graphql's Kind would put graphql in
// every bundle, even one that only uses the SDK's own documents.
const kindOf = (node: { kind: string }): string => node.kind;

function fromSyntaxTree(document: DocumentNode): PreparedOperation {
  const operations = document.definitions.filter((definition) => kindOf(definition) === 'OperationDefinition');
  if (operations.length !== 1) {
    throw new TypeError(`An operation document must hold exactly one operation, found ${operations.length}`);
  }
  const [operation] = operations as OperationDefinitionNode[];
  const rootFields = operation.selectionSet.selections.flatMap((selection) =>
    kindOf(selection) === 'Field' ? [((selection as FieldNode).alias ?? (selection as FieldNode).name).value] : [],
  );
  let printed: Promise<string> | null = null;
  return {
    kind: operation.operation,
    operationName: operation.name?.value,
    rootFields,
    text: () => (printed ??= import('graphql/language/printer.js').then(({ print }) => print(document))),
  };
}

/** The operation kind is in the type of the SDK's documents; an app's syntax tree is checked here. */
export function expectOperationKind(operation: PreparedOperation, expected: readonly OperationKind[], method: string): void {
  if (!expected.includes(operation.kind)) {
    throw new TypeError(
      `${method}() takes a ${expected.join(' or ')} document; ${operation.operationName ?? 'this one'} is a ${operation.kind}`,
    );
  }
}
