import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { fromGlobalId } from '../graphql/relay';
import { Tenant } from '../identity/identity.types';
import { Role } from '../identity/roles';
import {
  AddCalendarClosureInput,
  AddCalendarClosurePayload,
  RemoveCalendarClosureInput,
  RemoveCalendarClosurePayload,
  WorkingCalendar,
} from './calendar.types';

@Resolver(() => Tenant)
export class CalendarResolver {
  @FieldResolver(() => WorkingCalendar, {
    nullable: true,
    description: 'The working-day calendar; shown for the tenant the viewer acts in, null for any other',
  })
  async calendar(@Root() tenant: Tenant, @Ctx() ctx: RequestContext): Promise<WorkingCalendar | null> {
    const id = fromGlobalId(tenant.id, 'Tenant')!.id;
    if (ctx.viewer?.tenantId !== id) return null;
    return ctx.services.calendar.calendar(ctx, id);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => AddCalendarClosurePayload, { description: 'Closes a date: it is no working day for deadlines started afterwards' })
  async addCalendarClosure(
    @Arg('input', () => AddCalendarClosureInput) input: AddCalendarClosureInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AddCalendarClosurePayload> {
    const closure = await ctx.services.calendar.addClosure(ctx, input);
    return { closure, calendar: await ctx.services.calendar.calendar(ctx, ctx.requireTenantViewer().tenantId), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => RemoveCalendarClosurePayload, { description: 'Opens a closed date again, for deadlines started afterwards' })
  async removeCalendarClosure(
    @Arg('input', () => RemoveCalendarClosureInput) input: RemoveCalendarClosureInput,
    @Ctx() ctx: RequestContext,
  ): Promise<RemoveCalendarClosurePayload> {
    const removedDate = await ctx.services.calendar.removeClosure(ctx, input);
    return { removedDate, calendar: await ctx.services.calendar.calendar(ctx, ctx.requireTenantViewer().tenantId), errors: [] };
  }
}
