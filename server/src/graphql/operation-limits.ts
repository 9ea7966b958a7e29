import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError,
  NoSchemaIntrospectionCustomRule,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type GraphQLSchema,
  type ValidationRule,
} from 'graphql';

/**
 * The limits every operation meets, over HTTP and over WebSocket alike: tokens (the parse
 * itself stops there), depth, aliases, cost, directives, and introspection when it is off.
 */
export const OPERATION_LIMITS = {
  maxTokens: 2000,
  maxDepth: 12,
  maxAliases: 15,
  // A full complaint view (record, approvals, timeline with actors) costs about 6,000.
  maxCost: 20000,
  maxDirectives: 20,
} as const;

export interface OperationLimits {
  /** For Apollo: the parse stopping at the token limit, armor's plugins and validation rules. */
  apollo: {
    parseOptions: { maxTokens: number };
    plugins: ReturnType<ApolloArmor['protect']>['plugins'];
    validationRules: ValidationRule[];
  };
  /** Parses and validates one operation as HTTP does; errors are the operation's own, never thrown. */
  check(schema: GraphQLSchema, query: unknown): { document: DocumentNode } | { errors: GraphQLError[] };
}

export function operationLimits(options: { introspection: boolean }): OperationLimits {
  const armor = new ApolloArmor({
    maxDepth: { n: OPERATION_LIMITS.maxDepth },
    maxAliases: { n: OPERATION_LIMITS.maxAliases },
    costLimit: { maxCost: OPERATION_LIMITS.maxCost },
    maxDirectives: { n: OPERATION_LIMITS.maxDirectives },
    // The token limit is graphql-js's own (`parseOptions` below): armor's plugin would parse
    // every document twice and turn a syntax error into an unexpected one.
    maxTokens: { enabled: false },
  }).protect();
  const armorRules = armor.validationRules;
  // Apollo adds the introspection rule itself over HTTP when introspection is off.
  const rules: ValidationRule[] = [...specifiedRules, ...armorRules, ...(options.introspection ? [] : [NoSchemaIntrospectionCustomRule])];
  return {
    apollo: { parseOptions: { maxTokens: OPERATION_LIMITS.maxTokens }, plugins: armor.plugins, validationRules: armorRules },
    check(schema, query) {
      if (typeof query !== 'string' || query.length === 0) {
        return { errors: [operationError('The operation has no query', 'GRAPHQL_PARSE_FAILED')] };
      }
      let document: DocumentNode;
      try {
        document = parse(query, { maxTokens: OPERATION_LIMITS.maxTokens });
      } catch (error) {
        const message = error instanceof GraphQLError ? error.message : 'Syntax Error';
        return { errors: [operationError(message, 'GRAPHQL_PARSE_FAILED', error instanceof GraphQLError ? error : undefined)] };
      }
      const invalid = validate(schema, document, rules);
      if (invalid.length > 0) {
        return { errors: invalid.map((error) => operationError(error.message, 'GRAPHQL_VALIDATION_FAILED', error)) };
      }
      return { document };
    },
  };
}

function operationError(message: string, code: string, original?: GraphQLError): GraphQLError {
  return new GraphQLError(withoutSuggestions(message), {
    nodes: original?.nodes,
    source: original?.source,
    positions: original?.positions,
    extensions: { code },
  });
}

/**
 * graphql-js names the fields, arguments, types and enum values a misspelt one might have
 * meant ("Did you mean …?"): a map of the schema for whoever probes it. They are removed from
 * every message a client sees, over both transports, so turning introspection off hides it.
 */
export function withoutSuggestions(message: string): string {
  return message.includes('Did you mean') ? message.replace(/\s*Did you mean[^?]*\?/g, '') : message;
}
