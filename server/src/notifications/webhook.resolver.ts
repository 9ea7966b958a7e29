import { Arg, Args, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { PageArgs } from '../graphql/connection';
import { Role } from '../identity/roles';
import { WEBHOOK_EVENT_TYPES } from './notification-events';
import {
  CreateWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  ReplayWebhookDeliveryInput,
  WebhookDeliveryConnection,
  WebhookDeliveryFilter,
  WebhookDeliveryPayload,
  WebhookEndpoint,
  WebhookEndpointIdInput,
  WebhookSecretPayload,
} from './webhook.types';

/** Webhooks: tenant administrators only. */
@Resolver()
export class WebhookResolver {
  @Authorized(Role.TenantAdmin)
  @Query(() => [WebhookEndpoint], { description: "The tenant's webhook endpoints (secrets are never shown again)" })
  webhookEndpoints(@Ctx() ctx: RequestContext): Promise<WebhookEndpoint[]> {
    return ctx.services.webhooks.endpoints(ctx);
  }

  @Authorized(Role.TenantAdmin)
  @Query(() => [String], { description: 'Every event type an endpoint may subscribe to' })
  webhookEventTypes(): string[] {
    return WEBHOOK_EVENT_TYPES;
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => WebhookSecretPayload, { description: 'Adds an endpoint; its signing secret is returned this once' })
  async createWebhookEndpoint(
    @Arg('input', () => CreateWebhookEndpointInput) input: CreateWebhookEndpointInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookSecretPayload> {
    return { ...(await ctx.services.webhooks.create(ctx, input)), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => WebhookSecretPayload, {
    description: 'A new signing secret, returned this once; the previous one signs beside it until previousSecretExpiresAt',
  })
  async rotateWebhookSecret(@Arg('input') input: WebhookEndpointIdInput, @Ctx() ctx: RequestContext): Promise<WebhookSecretPayload> {
    return { ...(await ctx.services.webhooks.rotateSecret(ctx, input.id)), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => DeleteWebhookEndpointPayload, { description: 'Stops an endpoint; its delivery log stays' })
  async deleteWebhookEndpoint(
    @Arg('input') input: WebhookEndpointIdInput,
    @Ctx() ctx: RequestContext,
  ): Promise<DeleteWebhookEndpointPayload> {
    return { deletedId: await ctx.services.webhooks.delete(ctx, input.id), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Query(() => WebhookDeliveryConnection, { description: 'The delivery log, newest first, with status and the last answer' })
  webhookDeliveries(
    @Arg('filter', () => WebhookDeliveryFilter, { nullable: true }) filter: WebhookDeliveryFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.webhooks.deliveries(ctx, filter, page);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => WebhookDeliveryPayload, { description: 'Sends a logged event again to its endpoint, as a new delivery' })
  async replayWebhookDelivery(
    @Arg('input') input: ReplayWebhookDeliveryInput,
    @Ctx() ctx: RequestContext,
  ): Promise<WebhookDeliveryPayload> {
    return { delivery: await ctx.services.webhooks.replay(ctx, input.id), errors: [] };
  }
}
