import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema, type PubSub } from 'type-graphql';
import { CalendarResolver } from '../calendar/calendar.resolver';
import { HolidayScheduleResolver } from '../calendar/holiday-schedule.resolver';
import { ApprovalStepResolver, ComplaintEventResolver, InvestigationResolver } from '../complaints/complaint-event.resolver';
import { ComplaintLifecycleResolver } from '../complaints/complaint-lifecycle.resolver';
import { ComplaintResolver } from '../complaints/complaint.resolver';
import { PublicIntakeResolver } from '../complaints/public-intake.resolver';
import { EvidenceResolver, PublicEvidenceResolver } from '../complaints/evidence.resolver';
import { PluginResolver, TenantPluginsResolver } from '../plugins/plugin.resolver';
import { ApiKeyResolver } from '../identity/api-key.resolver';
import { DepartmentResolver } from '../identity/department.resolver';
import { IdentityResolver } from '../identity/identity.resolver';
import { MemberResolver } from '../identity/member.resolver';
import { InvitationResolver } from '../identity/invitation.resolver';
import { NodeResolver } from '../identity/node.resolver';
import { LiveResolver } from '../live/live.resolver';
import { PenaltyResolver } from '../penalties/penalty.resolver';
import { ClockResolver } from '../deadlines/clock.resolver';
import { FollowUpResolver } from '../follow-ups/follow-up.resolver';
import { WarningRecordResolver } from '../warnings/warning-record.resolver';
import { StatisticsResolver } from '../analysis/statistics.resolver';
import { MonthlyReportResolver } from '../reports/monthly-report.resolver';
import { SurveyResolver } from '../surveys/survey.resolver';
import { RepeatResolver } from '../repeats/repeat.resolver';
import { ServerTimeResolver } from '../time/server-time.resolver';
import { NotificationAdminResolver, NotificationResolver } from '../notifications/notification.resolver';
import { WebhookResolver } from '../notifications/webhook.resolver';
import { authChecker, withMutationBoundary } from './auth-checker';
import { withTextInputRule } from './validate';

export const RESOLVERS = [
  IdentityResolver,
  MemberResolver,
  InvitationResolver,
  DepartmentResolver,
  ApiKeyResolver,
  NodeResolver,
  ComplaintResolver,
  ComplaintEventResolver,
  ApprovalStepResolver,
  InvestigationResolver,
  ComplaintLifecycleResolver,
  PublicIntakeResolver,
  EvidenceResolver,
  PublicEvidenceResolver,
  PluginResolver,
  TenantPluginsResolver,
  CalendarResolver,
  HolidayScheduleResolver,
  LiveResolver,
  PenaltyResolver,
  ClockResolver,
  FollowUpResolver,
  WarningRecordResolver,
  StatisticsResolver,
  MonthlyReportResolver,
  SurveyResolver,
  RepeatResolver,
  ServerTimeResolver,
  NotificationResolver,
  NotificationAdminResolver,
  WebhookResolver,
] as const;

/**
 * type-graphql wants a pubSub as soon as the schema has subscriptions, even when each one
 * brings its own `subscribe` (ours do: live/live.service.ts, fed by the PostgreSQL listener).
 * Topic-based subscriptions are not used here, so this one refuses them outright.
 */
const NO_TOPIC_SUBSCRIPTIONS: PubSub = {
  publish() {
    throw new Error('Publish through publishAfterCommit (live/live-events.ts), not a pubSub topic');
  },
  subscribe() {
    throw new Error('Every subscription of this schema supplies its own subscribe function');
  },
};

/** The one schema of the process, built at start from the core and the shipped plugins. */
export async function buildAppSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers: [...RESOLVERS],
    authChecker,
    authMode: 'error',
    // Inputs are validated by the services (zod), which report every problem with its field.
    validate: false,
    emitSchemaFile: false,
    pubSub: NO_TOPIC_SUBSCRIPTIONS,
  });
  // The text rule wraps outermost: refused input never opens the mutation's savepoint.
  return withTextInputRule(withMutationBoundary(schema));
}
