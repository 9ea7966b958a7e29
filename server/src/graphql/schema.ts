import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { ApprovalStepResolver, ComplaintEventResolver, InvestigationResolver } from '../complaints/complaint-event.resolver';
import { ComplaintLifecycleResolver } from '../complaints/complaint-lifecycle.resolver';
import { ComplaintResolver } from '../complaints/complaint.resolver';
import { PublicIntakeResolver } from '../complaints/public-intake.resolver';
import { PluginResolver, TenantPluginsResolver } from '../plugins/plugin.resolver';
import { ApiKeyResolver } from '../identity/api-key.resolver';
import { DepartmentResolver } from '../identity/department.resolver';
import { IdentityResolver } from '../identity/identity.resolver';
import { MemberResolver } from '../identity/member.resolver';
import { NodeResolver } from '../identity/node.resolver';
import { authChecker, withMutationBoundary } from './auth-checker';

export const RESOLVERS = [
  IdentityResolver,
  MemberResolver,
  DepartmentResolver,
  ApiKeyResolver,
  NodeResolver,
  ComplaintResolver,
  ComplaintEventResolver,
  ApprovalStepResolver,
  InvestigationResolver,
  ComplaintLifecycleResolver,
  PublicIntakeResolver,
  PluginResolver,
  TenantPluginsResolver,
] as const;

/** The one schema of the process, built at start from the core and the shipped plugins. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: 'error',
    // Inputs are validated by the services (zod), which report every problem with its field.
    validate: false,
    emitSchemaFile: false,
  });
  return withMutationBoundary(schema);
}
