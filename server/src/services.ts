import type { DataSource } from 'typeorm';
import type { TokenService } from './auth/token';
import { ApiKeyService } from './identity/api-key.service';
import { AuthService } from './identity/auth.service';
import { DepartmentService } from './identity/department.service';
import { MemberService } from './identity/member.service';
import { TenantService } from './identity/tenant.service';
import { ViewerService } from './identity/viewer.service';

/** The application's services, created once per process and reached through the request context. */
export interface Services {
  auth: AuthService;
  tenants: TenantService;
  viewers: ViewerService;
  members: MemberService;
  departments: DepartmentService;
  apiKeys: ApiKeyService;
}

export function createServices(dataSource: DataSource, tokens: TokenService): Services {
  const viewers = new ViewerService();
  const members = new MemberService(dataSource);
  return {
    auth: new AuthService(dataSource, tokens, viewers),
    tenants: new TenantService(dataSource),
    viewers,
    members,
    departments: new DepartmentService(),
    apiKeys: new ApiKeyService(members),
  };
}
