import { getNamedType, isInputObjectType, isNonNullType, type GraphQLSchema } from 'graphql';
import { Field, ObjectType } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { ComplaintActionEnum } from './complaint.enums';
import type { ComplaintRow } from './complaint-rows';
import { availableActions, LIFECYCLE, type LifecycleAction } from './lifecycle';

@ObjectType({ description: 'An input value that chooses an action within its mutation' })
export class ActionPreset {
  @Field() field: string;
  @Field() value: string;
}

@ObjectType({ description: 'An action the viewer may take on the complaint now, and what its mutation needs' })
export class AvailableAction {
  @Field(() => ComplaintActionEnum) action: LifecycleAction;
  @Field({ description: 'The mutation that takes it' }) mutation: string;
  @Field(() => [ActionPreset], { description: 'Input values that choose this action in its mutation, e.g. decision ACCEPT' })
  presets: ActionPreset[];
  @Field(() => [String], { description: "The mutation input's required fields besides complaintId and expectedVersion" })
  requiredFields: string[];
}

const ALWAYS_GIVEN = new Set(['complaintId', 'expectedVersion']);
const requiredBySchema = new WeakMap<GraphQLSchema, Map<string, string[]>>();

/** The non-null input fields without a default of `mutation`, read from the schema once. */
function requiredFields(schema: GraphQLSchema, mutation: string): string[] {
  let bySchema = requiredBySchema.get(schema);
  if (!bySchema) requiredBySchema.set(schema, (bySchema = new Map()));
  let fields = bySchema.get(mutation);
  if (!fields) {
    const input = schema
      .getMutationType()
      ?.getFields()
      [mutation]?.args.find((arg) => arg.name === 'input');
    const type = input && getNamedType(input.type);
    if (!type || !isInputObjectType(type)) throw new Error(`The lifecycle names ${mutation}, which takes no input object`);
    fields = Object.values(type.getFields())
      .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined && !ALWAYS_GIVEN.has(field.name))
      .map((field) => field.name);
    bySchema.set(mutation, fields);
  }
  return fields;
}

/** The role the waiting approval step of the complaint's pending resolution names, if one waits. */
async function waitingStepRole(ctx: RequestContext, complaintId: string): Promise<string | undefined> {
  const resolution = await ctx.loaders.complaints.resolutionByComplaint.load(complaintId);
  if (resolution?.status !== 'PENDING') return undefined;
  const steps = await ctx.loaders.complaints.approvalStepsByResolution.load(resolution.id);
  return steps.find((step) => step.decision === null)?.role;
}

/**
 * What the viewer may do with the complaint now, by the lifecycle table the mutations enforce:
 * the status, the viewer's roles (or their owning it), the waiting approval step, the clocks.
 */
export async function availableActionsFor(ctx: RequestContext, row: ComplaintRow, schema: GraphQLSchema): Promise<AvailableAction[]> {
  const viewer = ctx.viewer;
  if (!viewer?.tenantId || viewer.tenantId !== row.tenantId) return [];
  const waiting = row.status === 'RESOLUTION_PROPOSED' || row.status === 'IN_APPROVAL';
  const actions = availableActions(
    row.status,
    { roles: viewer.roles, isOwner: row.ownerId !== null && row.ownerId === viewer.userId },
    { stepRole: waiting ? await waitingStepRole(ctx, row.id) : undefined, clockPaused: row.clockPausedAt !== null },
  );
  return actions.map((action) => {
    const { name, preset = {} } = LIFECYCLE[action].mutation;
    return {
      action,
      mutation: name,
      presets: Object.entries(preset).map(([field, value]) => ({ field, value })),
      requiredFields: requiredFields(schema, name).filter((field) => !(field in preset)),
    };
  });
}
