import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { DEFAULT_HOLIDAY_REGION, holidayRegionSchema } from '../calendar/holiday-schedule';
import { ConnectionType } from '../graphql/connection';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import {
  codeSchema,
  emailSchema,
  labelSchema,
  localeSchema,
  passwordSchema,
  personNameSchema,
  rolesSchema,
  slugSchema,
  timeZoneSchema,
} from './identity.schemas';
import { Node, toGlobalId } from '../graphql/relay';
import { Invitation } from './invitation.types';
import type { ApiKeyEntity, DepartmentEntity, TenantEntity, UserEntity } from '../entities';

@ObjectType({ description: 'A plugin installed in a tenant, with the configuration it runs with' })
export class InstalledPlugin {
  @Field() pluginId: string;
  @Field() version: string;
  @Field(() => GraphQLJSON) config: unknown;
}

@ObjectType({ implements: Node, description: 'An organization using Redress' })
export class Tenant implements Node {
  @Field(() => ID) id: string;
  @Field() slug: string;
  @Field() name: string;
  @Field({ description: 'IANA time zone, e.g. Asia/Shanghai' }) timeZone: string;
  @Field({ description: 'Default language of labels: zh-CN or en' }) locale: string;
  @Field({ description: 'Whose public holidays its deadlines count, e.g. CN for mainland China' }) holidayRegion: string;
  @Field(() => String, {
    nullable: true,
    description: 'Its logo as a data:image URL, shown on its public pages; set with updateTenantBranding',
  })
  logoUrl: string | null;
  @Field() createdAt: Date;

  static from(row: TenantEntity): Tenant {
    return Object.assign(new Tenant(), {
      id: toGlobalId('Tenant', row.id),
      slug: row.slug,
      name: row.name,
      timeZone: row.timeZone,
      locale: row.locale,
      holidayRegion: row.holidayRegion,
      logoUrl: row.logoUrl ?? null,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ implements: Node, description: 'A person who can log in; may belong to several tenants' })
export class User implements Node {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field() name: string;
  @Field() createdAt: Date;

  static from(row: UserEntity): User {
    return Object.assign(new User(), {
      id: toGlobalId('User', row.id),
      email: row.email,
      name: row.displayName,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ implements: Node, description: 'An organizational unit of a tenant' })
export class Department implements Node {
  @Field(() => ID) id: string;
  @Field() code: string;
  @Field() name: string;
  @Field(() => ID, { nullable: true }) parentId: string | null;
  @Field() createdAt: Date;

  static from(row: DepartmentEntity): Department {
    return Object.assign(new Department(), {
      id: toGlobalId('Department', row.id),
      code: row.code,
      name: row.name,
      parentId: row.parentId ? toGlobalId('Department', row.parentId) : null,
      createdAt: row.createdAt,
    });
  }
}

@ObjectType({ description: "A user's place in a tenant: roles and department" })
export class Membership {
  @Field(() => Tenant) tenant: Tenant;
  @Field(() => User) user: User;
  @Field(() => [String]) roles: string[];
  @Field(() => Department, { nullable: true }) department: Department | null;
  @Field() joinedAt: Date;
}

@ObjectType({ description: 'Who is asking: the user, the current tenant and roles there, all memberships' })
export class Viewer {
  @Field(() => User) user: User;
  @Field(() => Tenant, { nullable: true, description: 'Null for a platform-level login without a tenant' })
  tenant: Tenant | null;
  @Field(() => [String]) roles: string[];
  @Field() isPlatformAdmin: boolean;
  @Field(() => [Membership]) memberships: Membership[];
}

@ObjectType({ implements: Node, description: 'A credential for an integration; the secret is shown once' })
export class ApiKey implements Node {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => [String]) roles: string[];
  @Field() createdAt: Date;
  @Field(() => Date, { nullable: true }) revokedAt: Date | null;

  static from(row: Pick<ApiKeyEntity, 'id' | 'name' | 'roles' | 'createdAt' | 'revokedAt'>): ApiKey {
    return Object.assign(new ApiKey(), {
      id: toGlobalId('ApiKey', row.id),
      name: row.name,
      roles: row.roles,
      createdAt: row.createdAt,
      revokedAt: row.revokedAt,
    });
  }
}

export const MembershipConnection = ConnectionType(Membership, 'Membership');
export const DepartmentConnection = ConnectionType(Department, 'Department');
export const ApiKeyConnection = ConnectionType(ApiKey, 'ApiKey');

// ---- inputs and payloads ----

@InputType()
export class LoginInput {
  @Field() email: string;
  @Field() password: string;
  @Field(() => String, { nullable: true, description: 'Omit for a platform-level login (platform administrators)' })
  tenantSlug?: string | null;
}

@InputType()
export class SwitchTenantInput {
  @Field(() => String, {
    nullable: true,
    description: 'The organisation to act in, one the viewer is a member of; null or absent for platform level (platform administrators)',
  })
  tenantSlug?: string | null;
}

@ObjectType()
export class LoginPayload {
  @Field(() => String, { nullable: true }) token: string | null;
  @Field(() => Date, { nullable: true }) expiresAt: Date | null;
  @Field(() => Viewer, { nullable: true }) viewer: Viewer | null;
  @Field(() => [UserError]) errors: UserError[];
}

@ObjectType()
export class LogoutPayload {
  @Field(() => [UserError]) errors: UserError[];
}

export const TenantAdminInput = declareInput('TenantAdminInput', {
  email: field(emailSchema, () => String),
  password: field(passwordSchema, () => String),
  name: field(personNameSchema, () => String),
});
export type TenantAdminInput = InstanceType<typeof TenantAdminInput>;

export const CreateTenantInput = declareInput('CreateTenantInput', {
  slug: field(slugSchema, () => String),
  name: field(labelSchema, () => String),
  timeZone: field(timeZoneSchema, () => String),
  locale: field(localeSchema, () => String),
  holidayRegion: field(
    holidayRegionSchema.nullish().transform((region) => region ?? DEFAULT_HOLIDAY_REGION),
    () => String,
    {
      description: 'Whose public holidays its deadlines count; CN (mainland China) when not given',
    },
  ),
  admin: field(TenantAdminInput.schema, () => TenantAdminInput),
});
export type CreateTenantInput = InstanceType<typeof CreateTenantInput>;

@ObjectType()
export class CreateTenantPayload {
  @Field(() => Tenant, { nullable: true }) tenant: Tenant | null;
  @Field(() => [UserError]) errors: UserError[];
}

export const InviteUserInput = declareInput('InviteUserInput', {
  email: field(emailSchema, () => String),
  name: field(personNameSchema, () => String),
  roles: field(rolesSchema, () => [String]),
  departmentId: field(z.string().nullish(), () => ID),
});
export type InviteUserInput = InstanceType<typeof InviteUserInput>;

@ObjectType()
export class InviteUserPayload {
  @Field(() => Membership, { nullable: true }) membership: Membership | null;
  @Field(() => String, {
    nullable: true,
    description: 'For a person new to the platform: a one-time password to hand over. Shown once.',
  })
  temporaryPassword: string | null;
  @Field(() => Invitation, {
    nullable: true,
    description:
      'For a person who already has an account: the invitation they must accept before they are a member (`membership` is then null)',
  })
  invitation: Invitation | null;
  @Field(() => [UserError]) errors: UserError[];
}

export const SetMemberRolesInput = declareInput('SetMemberRolesInput', {
  userId: field(z.string(), () => ID),
  roles: field(rolesSchema, () => [String]),
  departmentId: field(z.string().nullish(), () => ID, { description: 'Also moves the member to this department when given' }),
});
export type SetMemberRolesInput = InstanceType<typeof SetMemberRolesInput>;

@ObjectType()
export class MembershipPayload {
  @Field(() => Membership, { nullable: true }) membership: Membership | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class RemoveMemberInput {
  @Field(() => ID) userId: string;
}

@ObjectType()
export class RemoveMemberPayload {
  @Field(() => ID, { nullable: true }) removedUserId: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

export const CreateDepartmentInput = declareInput('CreateDepartmentInput', {
  code: field(codeSchema, () => String),
  name: field(labelSchema, () => String),
  parentId: field(z.string().nullish(), () => ID),
});
export type CreateDepartmentInput = InstanceType<typeof CreateDepartmentInput>;

@ObjectType()
export class DepartmentPayload {
  @Field(() => Department, { nullable: true }) department: Department | null;
  @Field(() => [UserError]) errors: UserError[];
}

export const CreateApiKeyInput = declareInput('CreateApiKeyInput', {
  name: field(labelSchema, () => String),
  roles: field(rolesSchema, () => [String]),
});
export type CreateApiKeyInput = InstanceType<typeof CreateApiKeyInput>;

@ObjectType()
export class CreateApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => String, { nullable: true, description: 'The key to present as `Authorization: Bearer …`. Shown once.' })
  secret: string | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class RevokeApiKeyInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class RevokeApiKeyPayload {
  @Field(() => ApiKey, { nullable: true }) apiKey: ApiKey | null;
  @Field(() => [UserError]) errors: UserError[];
}
