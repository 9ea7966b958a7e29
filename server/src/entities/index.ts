import { ApiKeyEntity } from './api-key.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { DepartmentEntity } from './department.entity';
import { MembershipEntity } from './membership.entity';
import { TenantEntity } from './tenant.entity';
import { UserEntity } from './user.entity';

export { ApiKeyEntity, AuditEntryEntity, DepartmentEntity, MembershipEntity, TenantEntity, UserEntity };

export const ENTITIES = [TenantEntity, UserEntity, MembershipEntity, DepartmentEntity, ApiKeyEntity, AuditEntryEntity];
