import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { Category, LabelledValue } from '../complaints/complaint.types';
import { UserError } from '../graphql/errors';
import { InstalledPlugin, Tenant } from '../identity/identity.types';

@ObjectType({ description: 'An industry field a plugin records at intake' })
export class PluginIntakeField {
  @Field() key: string;
  @Field() label: string;
  @Field() required: boolean;
  @Field(() => GraphQLJSON, { description: 'JSON Schema of the value' }) schema: unknown;
}

@ObjectType({ description: 'A rule of a plugin, with the arguments a tenant may tune' })
export class PluginRule {
  @Field() code: string;
  @Field() description: string;
  @Field(() => GraphQLJSON, { description: 'The default arguments' }) defaults: unknown;
}

@ObjectType({ description: 'A plugin the server ships, at one version' })
export class AvailablePlugin {
  @Field() id: string;
  @Field() version: string;
  @Field() title: string;
  @Field() description: string;
  /** Always false: a tenant runs one plugin at a time, so none is installed beside another. */
  @Field({ description: 'May be installed beside another industry plugin' }) combinable: boolean;
  @Field(() => [Category]) categories: Category[];
  @Field(() => [PluginIntakeField]) intakeFields: PluginIntakeField[];
  @Field(() => [LabelledValue], { description: 'Roles the plugin brings; `value` is the role code' }) roles: LabelledValue[];
  @Field(() => [LabelledValue], { description: 'Departments seeded on install; `value` is the code' }) departments: LabelledValue[];
  @Field(() => [LabelledValue]) rejectionReasons: LabelledValue[];
  @Field(() => [PluginRule]) rules: PluginRule[];
  @Field(() => GraphQLJSON, { description: 'JSON Schema of `config`: rule code → arguments' }) configSchema: unknown;
}

@InputType()
export class InstallPluginInput {
  @Field() pluginId: string;
  @Field(() => String, { nullable: true, description: 'Defaults to the newest version' }) version?: string | null;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Rule code → arguments; omitted rules keep their defaults' })
  config?: Record<string, unknown> | null;
}

@InputType()
export class ConfigurePluginInput {
  @Field() pluginId: string;
  @Field(() => GraphQLJSON) config: Record<string, unknown>;
}

@InputType()
export class UpgradePluginInput {
  @Field() pluginId: string;
  @Field() version: string;
  @Field(() => GraphQLJSON, { nullable: true, description: 'Defaults to the current configuration, checked against the new version' })
  config?: Record<string, unknown> | null;
}

@InputType()
export class UninstallPluginInput {
  @Field() pluginId: string;
}

@ObjectType()
export class PluginPayload {
  @Field(() => InstalledPlugin, { nullable: true }) plugin: InstalledPlugin | null;
  @Field(() => Tenant, { nullable: true }) tenant: Tenant | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class UninstallPluginPayload {
  @Field(() => ID, { nullable: true }) pluginId: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
