import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';
import { toGlobalId } from '../graphql/relay';
import { Membership } from './identity.types';

@ObjectType({ description: 'The organisation an invitation comes from' })
export class InvitingTenant {
  @Field() slug: string;
  @Field() name: string;
}

export interface InvitationRow {
  id: string;
  tenant_slug: string;
  tenant_name: string;
  email: string;
  name: string;
  roles: string[];
  created_at: Date;
}

@ObjectType({
  description: 'An invitation of a person who already has an account to join a tenant. They become a member only when they accept it.',
})
export class Invitation {
  @Field(() => ID) id: string;
  @Field(() => InvitingTenant) tenant: InvitingTenant;
  @Field({ description: 'The email the invitation was sent to' }) email: string;
  @Field({ description: 'The name the inviting administrator gave' }) name: string;
  @Field(() => [String]) roles: string[];
  @Field() invitedAt: Date;

  static from(row: InvitationRow): Invitation {
    return Object.assign(new Invitation(), {
      id: toGlobalId('Invitation', row.id),
      tenant: Object.assign(new InvitingTenant(), { slug: row.tenant_slug, name: row.tenant_name }),
      email: row.email,
      name: row.name,
      roles: [...row.roles].sort(),
      invitedAt: row.created_at,
    });
  }
}

@InputType()
export class AcceptInvitationInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class AcceptInvitationPayload {
  @Field(() => Membership, { nullable: true, description: 'The new membership; log in with its tenant slug to act there' })
  membership: Membership | null;
  @Field(() => [UserError]) errors: UserError[];
}

@InputType()
export class DeclineInvitationInput {
  @Field(() => ID) id: string;
}

@ObjectType()
export class DeclineInvitationPayload {
  @Field(() => ID, { nullable: true }) declinedId: string | null;
  @Field(() => [UserError]) errors: UserError[];
}
