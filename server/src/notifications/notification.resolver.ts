import {
  Arg,
  Args,
  Authorized,
  Ctx,
  Field,
  FieldResolver,
  Int,
  Mutation,
  ObjectType,
  Query,
  Resolver,
  Root,
  Subscription,
} from 'type-graphql';
import type { RequestContext } from '../context/request-context';
import { Complaint } from '../complaints/complaint.types';
import { PageArgs } from '../graphql/connection';
import { Role } from '../identity/roles';
import type { LiveSignal } from '../live/live-hub';
import { liveStream, type LiveDelivery } from '../live/live-stream';
import { LiveUpdateKind } from '../live/live.types';
import { badUserInput } from '../graphql/errors';
import { NotificationEventEnum, type NotificationEvent } from './notification-events';
import {
  InboxNotification,
  InboxNotificationConnection,
  MailMessageConnection,
  MailMessagePayload,
  RetryMailMessageInput,
  MarkNotificationsReadInput,
  MarkNotificationsReadPayload,
  NotificationOutbox,
  NotificationPreferences,
  NotificationPreferencesPayload,
  NotificationTemplate,
  NotificationTemplatePayload,
  SentMailFilter,
  SetNotificationPreferencesInput,
  SetNotificationTemplateInput,
} from './notification.types';

@ObjectType({ description: 'A notification that just reached the viewer’s inbox, or a request to refetch' })
export class NotificationReceived {
  @Field(() => LiveUpdateKind) kind: LiveUpdateKind;
  @Field(() => InboxNotification, { nullable: true }) notification: InboxNotification | null;
  @Field(() => Int, { nullable: true, description: 'Unread notifications of the viewer now' }) unreadCount: number | null;
}

/** The inbox, preferences and the subscription: every member, each their own. */
@Resolver(() => InboxNotification)
export class NotificationResolver {
  @Authorized()
  @Query(() => InboxNotificationConnection, { description: "The viewer's notifications: unread first, newest first" })
  notifications(
    @Args() page: PageArgs,
    @Arg('unreadOnly', () => Boolean, { nullable: true }) unreadOnly: boolean | null,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.notifications.inbox(ctx, { ...page, unreadOnly });
  }

  @Authorized()
  @Query(() => Int, { description: "The viewer's unread notifications" })
  unreadNotificationCount(@Ctx() ctx: RequestContext): Promise<number> {
    return ctx.services.notifications.unreadCount(ctx);
  }

  @Authorized()
  @Mutation(() => MarkNotificationsReadPayload, { description: 'Marks some of the viewer’s notifications, or all of them, read' })
  async markNotificationsRead(
    @Arg('input', () => MarkNotificationsReadInput) input: MarkNotificationsReadInput,
    @Ctx() ctx: RequestContext,
  ): Promise<MarkNotificationsReadPayload> {
    return { ...(await ctx.services.notifications.markRead(ctx, input)), errors: [] };
  }

  @Authorized()
  @Query(() => NotificationPreferences, { description: 'Which events reach the viewer by which channel, and in which language' })
  notificationPreferences(@Ctx() ctx: RequestContext): Promise<NotificationPreferences> {
    return ctx.services.notifications.preferences(ctx);
  }

  @Authorized()
  @Mutation(() => NotificationPreferencesPayload)
  async setNotificationPreferences(
    @Arg('input', () => SetNotificationPreferencesInput) input: SetNotificationPreferencesInput,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationPreferencesPayload> {
    return { preferences: await ctx.services.notifications.setPreferences(ctx, input), errors: [] };
  }

  @Authorized()
  @Subscription(() => NotificationReceived, {
    description: "Each notification as it reaches the viewer's inbox (once the change that caused it commits)",
    subscribe: ({ context }: { context: RequestContext }) => {
      const viewer = context.requireTenantViewer();
      if (!context.live) throw badUserInput('Subscriptions are served over graphql-ws on the GraphQL path');
      const relevant = (signal: LiveSignal) =>
        signal.type === 'resync' || (signal.type === 'notification' && signal.userId === viewer.userId);
      return liveStream(context.live, viewer.tenantId, { requireViewer: true, relevant }, async (fresh, signal) => {
        if (signal.type === 'resync') return { kind: LiveUpdateKind.REFETCH, notification: null, unreadCount: null };
        if (signal.type !== 'notification') return null;
        const notification = await fresh.services.notifications.one(fresh, signal.notificationId);
        if (!notification) return null;
        return { kind: LiveUpdateKind.CHANGE, notification, unreadCount: await fresh.services.notifications.unreadCount(fresh) };
      });
    },
  })
  notificationReceived(@Root() delivery: LiveDelivery<NotificationReceived>): NotificationReceived {
    return delivery.unwrap();
  }

  @FieldResolver(() => Complaint, {
    nullable: true,
    description: 'The complaint it concerns; null when none, or not visible to the viewer',
  })
  async complaint(@Root() notification: InboxNotification, @Ctx() ctx: RequestContext): Promise<Complaint | null> {
    if (!notification.complaintId) return null;
    const row = await ctx.services.complaintQueries.visibleById(ctx, notification.complaintId);
    return row ? Complaint.from(row) : null;
  }
}

/** Templates, the mail outbox and its state: tenant administrators. */
@Resolver()
export class NotificationAdminResolver {
  @Authorized(Role.TenantAdmin)
  @Query(() => [NotificationTemplate], { description: 'The message of every event in every language: the tenant’s or the shipped one' })
  notificationTemplates(
    @Arg('event', () => NotificationEventEnum, { nullable: true }) event: NotificationEvent | null,
    @Arg('locale', () => String, { nullable: true }) locale: string | null,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationTemplate[]> {
    return ctx.services.notificationAdmin.templates(ctx, event, locale);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => NotificationTemplatePayload, { description: "Adjusts (or resets) one event's message in one language" })
  async setNotificationTemplate(
    @Arg('input', () => SetNotificationTemplateInput) input: SetNotificationTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<NotificationTemplatePayload> {
    return { template: await ctx.services.notificationAdmin.setTemplate(ctx, input), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Query(() => MailMessageConnection, {
    description: 'Mail of the tenant, newest first: sent, kept (no SMTP server configured), waiting or failed',
  })
  sentMail(
    @Arg('filter', () => SentMailFilter, { nullable: true }) filter: SentMailFilter | null,
    @Args() page: PageArgs,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.services.notificationAdmin.sentMail(ctx, filter, page);
  }

  @Authorized(Role.TenantAdmin)
  @Mutation(() => MailMessagePayload, { description: 'Sends a FAILED mail message again, with a fresh set of attempts' })
  async retryMailMessage(@Arg('input') input: RetryMailMessageInput, @Ctx() ctx: RequestContext): Promise<MailMessagePayload> {
    return { mail: await ctx.services.notificationAdmin.retryMail(ctx, input.id), errors: [] };
  }

  @Authorized(Role.TenantAdmin)
  @Query(() => NotificationOutbox, { description: "Counts of the tenant's mail and webhook deliveries by status (FAILED: gave up)" })
  notificationOutbox(@Ctx() ctx: RequestContext): Promise<NotificationOutbox> {
    return ctx.services.notificationAdmin.outbox(ctx);
  }
}
