import { Field, InputType } from 'type-graphql';
import { z } from 'zod';

/** The GraphQL type of a field, as type-graphql's @Field takes it. */
export type GraphQLTypeOf = NonNullable<Parameters<typeof Field>[0]>;

/** One field of an input: the rule that checks it, and how GraphQL shows it. */
export interface InputField<Rule extends z.ZodType = z.ZodType> {
  rule: Rule;
  type: GraphQLTypeOf;
  /** Nullable in GraphQL when the rule takes a missing value. */
  nullable: boolean;
  description?: string;
}

/** Declares a field by its rule and its GraphQL type; GraphQL's nullability follows the rule. */
export function field<Rule extends z.ZodType>(rule: Rule, type: GraphQLTypeOf, options: { description?: string } = {}): InputField<Rule> {
  return { rule, type, nullable: rule.safeParse(undefined).success, description: options.description };
}

export type InputFields = Record<string, InputField>;

type RulesOf<F extends InputFields> = { [K in keyof F]: F[K]['rule'] };

type OptionalKeys<F extends InputFields> = { [K in keyof F]: undefined extends z.input<F[K]['rule']> ? K : never }[keyof F];

/** What GraphQL hands the resolver: each field as its rule takes it, left out when the rule takes a missing value. */
export type ValuesOf<F extends InputFields> = { [K in Exclude<keyof F, OptionalKeys<F>>]: z.input<F[K]['rule']> } & {
  [K in OptionalKeys<F>]?: z.input<F[K]['rule']>;
};

type AbstractClass = abstract new () => object;

/** A GraphQL input class whose fields and validation come from one declaration. */
export interface DeclaredInput<F extends InputFields, Schema extends z.ZodType, Base extends AbstractClass> {
  new (): InstanceType<Base> & ValuesOf<F>;
  /** The fields' rules (and any rule across them); fields of the base class are not part of it. */
  readonly schema: Schema;
  readonly fields: F;
}

/**
 * Builds a type-graphql input class named `name` from its fields: each becomes a @Field with
 * the declared GraphQL type, description and nullability, and their rules make the class's
 * `schema` (refined across fields by `refine`), which the services validate with.
 */
export function declareInput<
  F extends InputFields,
  Schema extends z.ZodType = z.ZodObject<RulesOf<F>>,
  Base extends AbstractClass = typeof NoBase,
>(
  name: string,
  fields: F,
  options: { description?: string; extends?: Base; refine?: (object: z.ZodObject<RulesOf<F>>) => Schema } = {},
): DeclaredInput<F, Schema, Base> {
  const Parent = (options.extends ?? NoBase) as unknown as new () => object;
  const Declared = class extends Parent {};
  Object.defineProperty(Declared, 'name', { value: name });
  for (const [key, declared] of Object.entries(fields)) {
    Field(declared.type, { nullable: declared.nullable, description: declared.description })(Declared.prototype, key);
  }
  InputType(name, { description: options.description })(Declared);
  const rules = Object.fromEntries(Object.entries(fields).map(([key, declared]) => [key, declared.rule])) as RulesOf<F>;
  const object = z.object(rules);
  const schema = options.refine ? options.refine(object) : object;
  return Object.assign(Declared, { schema, fields }) as unknown as DeclaredInput<F, Schema, Base>;
}

abstract class NoBase {}
