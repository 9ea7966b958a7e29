import {
  Kind,
  buildSchema,
  parse,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type SelectionSetNode,
} from 'graphql';

export type RootOperation = 'query' | 'mutation' | 'subscription';

export interface RootField {
  operation: RootOperation;
  field: string;
}

/** Every root field of the schema: what the SDK must offer an operation for. */
export function schemaRootFields(schemaSdl: string): RootField[] {
  const schema = buildSchema(schemaSdl);
  const roots: [RootOperation, GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
    ['subscription', schema.getSubscriptionType()],
  ];
  return roots.flatMap(([operation, type]) => (type ? Object.keys(type.getFields()).map((field) => ({ operation, field })) : []));
}

/** The root fields the operation documents select, by operation type. */
export function selectedRootFields(documents: DocumentNode[]): RootField[] {
  const definitions = documents.flatMap((document) => document.definitions);
  const fragments = new Map(
    definitions
      .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const fieldsOf = (selectionSet: SelectionSetNode): string[] =>
    selectionSet.selections.flatMap((selection) => {
      if (selection.kind === Kind.FIELD) return [selection.name.value];
      if (selection.kind === Kind.INLINE_FRAGMENT) return fieldsOf(selection.selectionSet);
      const fragment = fragments.get(selection.name.value);
      return fragment ? fieldsOf(fragment.selectionSet) : [];
    });
  return definitions.flatMap((definition) =>
    definition.kind === Kind.OPERATION_DEFINITION
      ? fieldsOf(definition.selectionSet)
          .filter((field) => !field.startsWith('__'))
          .map((field) => ({ operation: definition.operation, field }))
      : [],
  );
}

/** Root fields of the schema that no operation document selects. */
export function findUncoveredRootFields(schemaSdl: string, documentSources: string[]): RootField[] {
  const covered = new Set(
    selectedRootFields(documentSources.map((source) => parse(source))).map(({ operation, field }) => `${operation}.${field}`),
  );
  return schemaRootFields(schemaSdl).filter(({ operation, field }) => !covered.has(`${operation}.${field}`));
}
