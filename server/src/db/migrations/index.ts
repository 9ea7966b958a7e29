import { Foundation1763800000000 } from './1763800000000-foundation.migration';
import { Complaints1763900000000 } from './1763900000000-complaints.migration';
import { Plugins1764000000000 } from './1764000000000-plugins.migration';
import { DeadlinesAndPenalties1764100000000 } from './1764100000000-deadlines-and-penalties.migration';
import { CalendarClosures1764400000000 } from './1764400000000-calendar-closures.migration';
import { FollowUps1764500000000 } from './1764500000000-follow-ups.migration';
import { WarningRecords1764500000001 } from './1764500000001-warning-records.migration';
import { MonthlyReports1764500000002 } from './1764500000002-monthly-reports.migration';
import { Surveys1764500000003 } from './1764500000003-surveys.migration';
import { RepeatComplaints1764500000004 } from './1764500000004-repeat-complaints.migration';
import { ComplainantSurveys1764600000000 } from './1764600000000-complainant-surveys.migration';
import { ScheduledReports1764600000001 } from './1764600000001-scheduled-reports.migration';
import { BusinessClock1764650000000 } from './1764650000000-business-clock.migration';
import { HolidaySchedules1764700000000 } from './1764700000000-holiday-schedules.migration';
import { RateLimits1764800000000 } from './1764800000000-rate-limits.migration';
import { ApiKeyCreator1764800000001 } from './1764800000001-api-key-creator.migration';
import { MembershipInvitations1764800000002 } from './1764800000002-membership-invitations.migration';
import { PluginColumns1764900000000 } from './1764900000000-plugin-columns.migration';
import { EndedSessions1765000000000 } from './1765000000000-ended-sessions.migration';
import { EndedSessionsAnyTenant1765100000000 } from './1765100000000-ended-sessions-any-tenant.migration';
import { PlatformTenantList1765200000100 } from './1765200000100-platform-tenant-list.migration';
import { EvidenceFiles1765300000000 } from './1765300000000-evidence-files.migration';
import { TenantLogo1765300000100 } from './1765300000100-tenant-logo.migration';
import { Notifications1765300000200 } from './1765300000200-notifications.migration';
import { TenantKeys1765300000300 } from './1765300000300-tenant-keys.migration';
import { TenantPolicyInitplan1765400000000 } from './1765400000000-tenant-policy-initplan.migration';

/** Every committed migration, in order. Schema changes happen only here. */
export const MIGRATIONS = [
  Foundation1763800000000,
  Complaints1763900000000,
  Plugins1764000000000,
  DeadlinesAndPenalties1764100000000,
  CalendarClosures1764400000000,
  FollowUps1764500000000,
  WarningRecords1764500000001,
  MonthlyReports1764500000002,
  Surveys1764500000003,
  RepeatComplaints1764500000004,
  ComplainantSurveys1764600000000,
  ScheduledReports1764600000001,
  BusinessClock1764650000000,
  HolidaySchedules1764700000000,
  RateLimits1764800000000,
  ApiKeyCreator1764800000001,
  MembershipInvitations1764800000002,
  PluginColumns1764900000000,
  EndedSessions1765000000000,
  EndedSessionsAnyTenant1765100000000,
  PlatformTenantList1765200000100,
  EvidenceFiles1765300000000,
  TenantLogo1765300000100,
  Notifications1765300000200,
  TenantKeys1765300000300,
  TenantPolicyInitplan1765400000000,
];
