// graphql-codegen plugin: each operation as a plain string with its kind, name and root
// fields, typed by typescript-operations' result and variables types. The text is printed
// here, at generation time, so the SDK never parses or prints GraphQL at run time.
'use strict';
const { Kind, print, visit } = require('graphql');

const SUFFIX = { query: 'Query', mutation: 'Mutation', subscription: 'Subscription' };

/** The fragments an operation uses, directly or through other fragments, in first-use order. */
function fragmentsUsedBy(definition, fragments) {
  const used = new Map();
  const collect = (node) =>
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (used.has(name)) return;
        const fragment = fragments.get(name);
        if (!fragment) throw new Error(`Unknown fragment ${name}`);
        used.set(name, fragment);
        collect(fragment);
      },
    });
  collect(definition);
  return [...used.values()];
}

module.exports = {
  plugin(_schema, documents) {
    const definitions = documents.flatMap((file) => (file.document ? file.document.definitions : []));
    const fragments = new Map(
      definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
    );
    const operations = definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
    const lines = operations.map((operation) => {
      if (!operation.name) throw new Error('Every SDK operation needs a name');
      const name = operation.name.value;
      const type = `${name}${SUFFIX[operation.operation]}`;
      const rootFields = operation.selectionSet.selections
        .filter((selection) => selection.kind === Kind.FIELD)
        .map((field) => (field.alias ?? field.name).value);
      const text = [operation, ...fragmentsUsedBy(operation, fragments)].map((definition) => print(definition)).join('\n\n');
      const literal = JSON.stringify({ kind: operation.operation, name, rootFields, text });
      return `export const ${name}Document = /* @__PURE__ */ operation<'${operation.operation}', ${type}, ${type}Variables>(${literal});`;
    });
    return { prepend: [`import { operation } from '../operation-document.js';`], content: lines.join('\n') };
  },
};
