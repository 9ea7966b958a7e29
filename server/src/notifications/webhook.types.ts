import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { ConnectionType } from '../graphql/connection';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { isWebhookPattern } from './notification-events';

/** Webhook endpoints and their delivery log, as tenant administrators manage them. */

@ObjectType({ description: "An address of the tenant's own systems that receives events, signed (see README, Notifications)" })
export class WebhookEndpoint {
  @Field(() => ID) id: string;
  @Field() url: string;
  @Field(() => String, { nullable: true }) description: string | null;
  @Field(() => [String], { description: 'Event types or patterns: complaint.closed, complaint.*, deadline.due_soon, *' })
  events: string[];
  @Field(() => Date, { nullable: true, description: 'Until then the previous secret signs beside the current one' })
  previousSecretExpiresAt: Date | null;
  @Field() createdAt: Date;
}

export const CreateWebhookEndpointInput = declareInput('CreateWebhookEndpointInput', {
  url: field(
    z
      .string()
      .trim()
      .max(2000)
      .refine((value) => {
        try {
          const url = new URL(value);
          return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password;
        } catch {
          return false;
        }
      }, 'An http:// or https:// URL without credentials'),
    () => String,
  ),
  events: field(
    z
      .array(z.string().trim().refine(isWebhookPattern, 'Not an event type (see webhookEventTypes), a family such as complaint.*, or *'))
      .min(1, 'Name at least one event type')
      .max(100)
      .transform((events) => [...new Set(events)]),
    () => [String],
  ),
  description: field(
    z
      .string()
      .trim()
      .max(500)
      .nullish()
      .transform((value) => value || null),
    () => String,
  ),
});
export type CreateWebhookEndpointInput = InstanceType<typeof CreateWebhookEndpointInput>;

@ObjectType()
export class WebhookSecretPayload {
  @Field(() => WebhookEndpoint, { nullable: true }) endpoint: WebhookEndpoint | null;
  @Field(() => String, { nullable: true, description: 'The signing secret: shown this once' }) secret: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class WebhookEndpointIdInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class DeleteWebhookEndpointPayload {
  @Field(() => ID, { nullable: true }) deletedId: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'Where a webhook delivery stands' });

@ObjectType({ description: 'One event sent (or to be sent) to one endpoint' })
export class WebhookDelivery {
  @Field(() => ID) id: string;
  @Field(() => ID) endpointId: string;
  @Field({ description: 'The event id receivers see (Redress-Event-Id); a replay carries the same' }) eventId: string;
  @Field() eventType: string;
  @Field(() => GraphQLJSON, { description: 'The body as sent' }) payload: unknown;
  @Field(() => WebhookDeliveryStatus) status: WebhookDeliveryStatus;
  @Field(() => Int) attempts: number;
  @Field(() => Int, { nullable: true, description: 'The HTTP status of the last answer; null when none came' })
  responseStatus: number | null;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => ID, { nullable: true, description: 'The delivery this one replays' }) replayOf: string | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

@InputType()
export class WebhookDeliveryFilter {
  @Field(() => ID, { nullable: true }) endpointId?: string | null;
  @Field(() => [WebhookDeliveryStatus], { nullable: true }) status?: WebhookDeliveryStatus[] | null;
  @Field(() => String, { nullable: true }) eventType?: string | null;
}

@InputType()
export class ReplayWebhookDeliveryInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class WebhookDeliveryPayload {
  @Field(() => WebhookDelivery, { nullable: true }) delivery: WebhookDelivery | null;
  @Field(() => [UserError]) errors: UserError[];
}
