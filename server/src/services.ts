import type { DataSource } from 'typeorm';
import type { TokenService } from './auth/token';
import { ComplaintIntakeService } from './complaints/complaint-intake.service';
import { ComplaintLifecycleService } from './complaints/complaint-lifecycle.service';
import { ComplaintQueryService } from './complaints/complaint-query.service';
import { ApiKeyService } from './identity/api-key.service';
import { AuthService } from './identity/auth.service';
import { DepartmentService } from './identity/department.service';
import { MemberService } from './identity/member.service';
import { TenantService } from './identity/tenant.service';
import { ViewerService } from './identity/viewer.service';
import { PolicyHost } from './policies/policy-host';

/** The application's services, created once per process and reached through the request context. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  viewers: ViewerService;
  members: MemberService;
  departments: DepartmentService;
  apiKeys: ApiKeyService;
  policies: PolicyHost;
  complaintIntake: ComplaintIntakeService;
  complaintLifecycle: ComplaintLifecycleService;
  complaintQueries: ComplaintQueryService;
}

export function createServices(dataSource: DataSource, tokens: TokenService): Services {
  const viewers = new ViewerService();
  const members = new MemberService(dataSource);
  const policies = new PolicyHost();
  return {
    auth: new AuthService(dataSource, tokens, viewers),
    tenants: new TenantService(dataSource),
    viewers,
    members,
    departments: new DepartmentService(),
    apiKeys: new ApiKeyService(members),
    policies,
    complaintIntake: new ComplaintIntakeService(dataSource, policies),
    complaintLifecycle: new ComplaintLifecycleService(policies),
    complaintQueries: new ComplaintQueryService(dataSource, policies),
  };
}
