import { Field, ObjectType } from 'type-graphql';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { LOGO_MAX_CHARS, logoUrlSchema } from './identity.schemas';
import { Tenant } from './identity.types';

export const UpdateTenantBrandingInput = declareInput(
  'UpdateTenantBrandingInput',
  {
    logoUrl: field(
      logoUrlSchema.nullish().transform((url) => url || null),
      () => String,
      {
        description: `The logo as a data:image URL (png, jpeg, gif, webp or svg+xml), at most ${LOGO_MAX_CHARS} characters; null removes it`,
      },
    ),
  },
  { description: "How the tenant's public pages show it" },
);
export type UpdateTenantBrandingInput = InstanceType<typeof UpdateTenantBrandingInput>;

@ObjectType()
export class UpdateTenantBrandingPayload {
  @Field(() => Tenant, { nullable: true }) tenant: Tenant | null;
  @Field(() => [UserError]) errors: UserError[];
}
