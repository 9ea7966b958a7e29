import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { z } from 'zod';
import { ConnectionType } from '../graphql/connection';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { NOTIFICATION_EVENT_NAMES, NotificationEventEnum, STAFF_EVENTS, type NotificationEvent } from './notification-events';

/** The GraphQL shapes of the inbox, preferences, templates and mail. Webhooks: webhook.types.ts. */

const localeRule = z.enum(['zh-CN', 'en'], 'zh-CN or en');

@ObjectType({ description: "A notification in a member's inbox" })
export class InboxNotification {
  @Field(() => ID) id: string;
  @Field(() => NotificationEventEnum) event: NotificationEvent;
  @Field({ description: 'One line, in the viewer’s language, from the tenant’s template' }) subject: string;
  @Field({ description: 'Plain text, in the viewer’s language' }) body: string;
  @Field(() => GraphQLJSON, { description: 'The facts it tells of (codes, numbers, times), for clients that draw their own' })
  data: unknown;
  @Field(() => Date, { nullable: true }) readAt: Date | null;
  @Field() createdAt: Date;
  /** The complaint it concerns, resolved with the viewer's visibility. */
  complaintId: string | null;
}

export const InboxNotificationConnection = ConnectionType(InboxNotification, 'InboxNotification');

export const MarkNotificationsReadInput = declareInput(
  'MarkNotificationsReadInput',
  {
    ids: field(
      z
        .array(z.string())
        .max(500)
        .nullish()
        .transform((value) => value ?? []),
      () => [ID],
      { description: 'These notifications of the viewer' },
    ),
    all: field(
      z
        .boolean()
        .nullish()
        .transform((value) => value ?? false),
      () => Boolean,
      { description: 'Every unread notification of the viewer' },
    ),
  },
  {
    refine: (input) => input.refine((value) => value.all || value.ids.length > 0, { message: 'Give ids or all: true', path: ['ids'] }),
  },
);
export type MarkNotificationsReadInput = InstanceType<typeof MarkNotificationsReadInput>;

@ObjectType()
export class MarkNotificationsReadPayload {
  @Field(() => Int, { nullable: true, description: 'Notifications marked read now; null when refused' }) marked: number | null;
  @Field(() => Int, { nullable: true, description: 'Unread notifications left; null when refused' }) unreadCount: number | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: 'Where one event reaches the member' })
export class NotificationEventPreference {
  @Field(() => NotificationEventEnum) event: NotificationEvent;
  @Field({ description: 'Kept in the inbox and sent live (notificationReceived)' }) inApp: boolean;
  @Field({ description: 'Sent by mail to the member’s address' }) email: boolean;
}

@ObjectType()
export class NotificationPreferences {
  @Field(() => String, { nullable: true, description: 'Language of the member’s mail; null: the tenant’s' }) locale: string | null;
  @Field(() => [NotificationEventPreference], { description: 'Every staff event; those never set go to every channel' })
  events: NotificationEventPreference[];
}

const staffEvent = z.enum(STAFF_EVENTS as [NotificationEvent, ...NotificationEvent[]], 'Not an event staff are told of');

@InputType()
export class NotificationEventPreferenceInput {
  @Field(() => NotificationEventEnum) event: NotificationEvent;
  @Field() inApp: boolean;
  @Field() email: boolean;
}

export const SetNotificationPreferencesInput = declareInput('SetNotificationPreferencesInput', {
  locale: field(
    localeRule.nullish().transform((value) => value ?? null),
    () => String,
    {
      description: 'zh-CN or en; null: the tenant’s language',
    },
  ),
  events: field(
    z
      .array(z.object({ event: staffEvent, inApp: z.boolean(), email: z.boolean() }))
      .max(NOTIFICATION_EVENT_NAMES.length)
      .nullish()
      .transform((value) => value ?? []),
    () => [NotificationEventPreferenceInput],
    { description: 'The events to change; the others keep their setting' },
  ),
});
export type SetNotificationPreferencesInput = InstanceType<typeof SetNotificationPreferencesInput>;

@ObjectType()
export class NotificationPreferencesPayload {
  @Field(() => NotificationPreferences, { nullable: true }) preferences: NotificationPreferences | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType({ description: "One event's message in one language: the tenant's, or the shipped one" })
export class NotificationTemplate {
  @Field(() => NotificationEventEnum) event: NotificationEvent;
  @Field() locale: string;
  @Field({ description: 'Mustache; one line' }) subject: string;
  @Field({ description: 'Mustache; the plain-text part' }) text: string;
  @Field({ description: 'Mustache; the HTML part, every value HTML-escaped' }) html: string;
  @Field({ description: 'False: the shipped template' }) customized: boolean;
  @Field(() => [String], { description: 'Variables the template may use, e.g. complaint.trackingCode' }) variables: string[];
  @Field(() => Date, { nullable: true }) updatedAt: Date | null;
}

export const SetNotificationTemplateInput = declareInput('SetNotificationTemplateInput', {
  event: field(z.enum(NOTIFICATION_EVENT_NAMES as [NotificationEvent, ...NotificationEvent[]]), () => NotificationEventEnum),
  locale: field(localeRule, () => String),
  subject: field(z.string().trim().min(1).max(500).nullish(), () => String),
  text: field(z.string().min(1).max(20_000).nullish(), () => String),
  html: field(z.string().min(1).max(50_000).nullish(), () => String),
  reset: field(
    z
      .boolean()
      .nullish()
      .transform((value) => value ?? false),
    () => Boolean,
    { description: 'Go back to the shipped template (the other fields are then not given)' },
  ),
});
export type SetNotificationTemplateInput = InstanceType<typeof SetNotificationTemplateInput>;

@ObjectType()
export class NotificationTemplatePayload {
  @Field(() => NotificationTemplate, { nullable: true }) template: NotificationTemplate | null;
  @Field(() => [UserError]) errors: UserError[];
}

export enum MailStatus {
  PENDING = 'PENDING',
  SENT = 'SENT',
  KEPT = 'KEPT',
  FAILED = 'FAILED',
}
registerEnumType(MailStatus, {
  name: 'MailStatus',
  description: 'Where a mail message stands',
  valuesConfig: {
    PENDING: { description: 'Waiting to be sent, or to be tried again' },
    SENT: { description: 'Accepted by the SMTP server' },
    KEPT: { description: 'Kept here, not sent: no SMTP server is configured (SMTP_URL)' },
    FAILED: { description: 'Every attempt failed; see lastError' },
  },
});

@ObjectType({ description: 'A mail message of the outbox, as it was (or will be) sent' })
export class MailMessage {
  @Field(() => ID) id: string;
  @Field(() => NotificationEventEnum) event: NotificationEvent;
  @Field() to: string;
  @Field() locale: string;
  @Field(() => String, { nullable: true, description: 'Null until it is rendered, when it is sent or kept' }) subject: string | null;
  @Field(() => String, { nullable: true }) text: string | null;
  @Field(() => String, { nullable: true }) html: string | null;
  @Field(() => MailStatus) status: MailStatus;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true }) lastError: string | null;
  @Field(() => Date, { nullable: true }) nextAttemptAt: Date | null;
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) finishedAt: Date | null;
}

export const MailMessageConnection = ConnectionType(MailMessage, 'MailMessage');

@InputType()
export class RetryMailMessageInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class MailMessagePayload {
  @Field(() => MailMessage, { nullable: true }) mail: MailMessage | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class SentMailFilter {
  @Field(() => [MailStatus], { nullable: true }) status?: MailStatus[] | null;
  @Field(() => String, { nullable: true, description: 'Messages to this address' }) to?: string | null;
}

@ObjectType({ description: 'Counts of one channel’s outbox by status' })
export class OutboxCount {
  @Field() status: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: "The tenant's outbox: what waits, what went, what failed for good" })
export class NotificationOutbox {
  @Field(() => [OutboxCount]) mail: OutboxCount[];
  @Field(() => [OutboxCount]) webhooks: OutboxCount[];
}
