import type { DataSource } from 'typeorm';
import type { TokenService } from './auth/token';
import { CalendarService } from './calendar/calendar.service';
import { HolidayScheduleService } from './calendar/holiday-schedule.service';
import { ComplaintChanges } from './complaints/complaint-changes';
import { ComplaintIntakeService } from './complaints/complaint-intake.service';
import { ComplaintLifecycleService } from './complaints/complaint-lifecycle.service';
import { ComplaintRecordService } from './complaints/complaint-record.service';
import { ClockService } from './deadlines/clock.service';
import { FollowUpService } from './follow-ups/follow-up.service';
import { PenaltyService } from './penalties/penalty.service';
import { StatisticsService } from './analysis/statistics.service';
import { HotspotService } from './analysis/hotspots.service';
import { MonthlyReportService } from './reports/monthly-report.service';
import { SurveySettingsService } from './surveys/survey-settings.service';
import { ComplainantSurveyService } from './surveys/complainant-survey.service';
import { WarningRecordService } from './warnings/warning-record.service';
import { ComplaintQueryService } from './complaints/complaint-query.service';
import { ComplainantMessageService } from './complaints/complainant-message.service';
import { PublicTenantService } from './complaints/public-tenant.service';
import { ApiKeyService } from './identity/api-key.service';
import { AuthService } from './identity/auth.service';
import { SessionService } from './identity/session.service';
import { DepartmentService } from './identity/department.service';
import { InvitationService } from './identity/invitation.service';
import { MemberService } from './identity/member.service';
import type { RateLimits } from './rate-limits/rate-limits';
import { TenantService } from './identity/tenant.service';
import { ViewerService } from './identity/viewer.service';
import { LiveService } from './live/live.service';
import type { PluginHost } from './plugins/plugin-host';
import { PluginService } from './plugins/plugin.service';
import { RelatedComplaintService } from './repeats/related-complaints.service';
import type { Clock } from './time/clock';
import { EvidenceService } from './complaints/evidence.service';
import type { Files } from './files/files';
import type { NotificationSettings } from './config/config';
import { MessageRenderer } from './notifications/message-renderer';
import { NotificationService } from './notifications/notification.service';
import { NotificationAdminService } from './notifications/notification-admin.service';
import { WebhookService } from './notifications/webhook.service';

/** The application's services, created once per process and reached through the request context. */
export interface Services {
  /** Business time: every service reads "now" and "today" from it. */
  clock: Clock;
  auth: AuthService;
  sessions: SessionService;
  tenants: TenantService;
  viewers: ViewerService;
  members: MemberService;
  invitations: InvitationService;
  /** Rate limits of the public operations and of login (PostgreSQL-backed, shared by processes). */
  rateLimits: RateLimits;
  departments: DepartmentService;
  apiKeys: ApiKeyService;
  plugins: PluginHost;
  pluginAdmin: PluginService;
  calendar: CalendarService;
  holidaySchedules: HolidayScheduleService;
  complaintIntake: ComplaintIntakeService;
  complaintLifecycle: ComplaintLifecycleService;
  complaintQueries: ComplaintQueryService;
  complaintRecords: ComplaintRecordService;
  relatedComplaints: RelatedComplaintService;
  clocks: ClockService;
  penalties: PenaltyService;
  followUps: FollowUpService;
  warningRecords: WarningRecordService;
  statistics: StatisticsService;
  hotspots: HotspotService;
  monthlyReports: MonthlyReportService;
  surveys: SurveySettingsService;
  complainantSurveys: ComplainantSurveyService;
  /** The organisation as its public complaint pages show it. */
  publicTenants: PublicTenantService;
  /** Messages complainants add to their complaints through the tracking code. */
  complainantMessages: ComplainantMessageService;
  live: LiveService;
  /** Evidence files: the store, the download URL signer and the upload limits. */
  files: Files;
  evidence: EvidenceService;
  /** Renders notifications into messages with the tenant's templates. */
  messages: MessageRenderer;
  /** A member's inbox and notification preferences. */
  notifications: NotificationService;
  /** Templates, the mail kept or sent, and the outbox's state, for tenant administrators. */
  notificationAdmin: NotificationAdminService;
  webhooks: WebhookService;
}

export function createServices(
  dataSource: DataSource,
  clock: Clock,
  tokens: TokenService,
  plugins: PluginHost,
  rateLimits: RateLimits,
  files: Files,
  notificationSettings: NotificationSettings,
): Services {
  const viewers = new ViewerService();
  const invitations = new InvitationService();
  const members = new MemberService(dataSource, invitations);
  const changes = new ComplaintChanges(plugins);
  const analysis = { statistics: new StatisticsService(), hotspots: new HotspotService() };
  const messages = new MessageRenderer(plugins);
  return {
    clock,
    auth: new AuthService(tokens, viewers, rateLimits),
    sessions: new SessionService(tokens, viewers),
    tenants: new TenantService(),
    viewers,
    members,
    invitations,
    rateLimits,
    departments: new DepartmentService(),
    apiKeys: new ApiKeyService(members),
    plugins,
    pluginAdmin: new PluginService(plugins),
    calendar: new CalendarService(),
    holidaySchedules: new HolidayScheduleService(),
    complaintIntake: new ComplaintIntakeService(plugins, files.settings),
    complaintLifecycle: new ComplaintLifecycleService(changes),
    complaintQueries: new ComplaintQueryService(plugins),
    complaintRecords: new ComplaintRecordService(changes),
    relatedComplaints: new RelatedComplaintService(),
    clocks: new ClockService(changes),
    penalties: new PenaltyService(),
    followUps: new FollowUpService(),
    warningRecords: new WarningRecordService(),
    ...analysis,
    monthlyReports: new MonthlyReportService(plugins, analysis),
    surveys: new SurveySettingsService(),
    complainantSurveys: new ComplainantSurveyService(changes),
    publicTenants: new PublicTenantService(plugins, files.settings),
    complainantMessages: new ComplainantMessageService(changes),
    live: new LiveService(),
    files,
    evidence: new EvidenceService(changes, files.settings),
    messages,
    notifications: new NotificationService(messages),
    notificationAdmin: new NotificationAdminService(messages),
    webhooks: new WebhookService(notificationSettings),
  };
}
