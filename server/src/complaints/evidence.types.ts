import { Field, ID, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { EvidenceUploadInput, evidenceUploads } from './complaint.inputs';
import { versionSchema } from './complaint.schemas';
import { PublicComplaintStatus } from './complaint.types';

const uploads = field(evidenceUploads(20).min(1, 'Give at least one upload'), () => [EvidenceUploadInput]);

export const AddEvidenceInput = declareInput(
  'AddEvidenceInput',
  {
    complaintId: field(z.string(), () => ID),
    expectedVersion: field(
      versionSchema.nullish().transform((value) => value ?? null),
      () => Int,
      { description: 'When given, the version the client last saw; a newer one fails with STALE_VERSION' },
    ),
    uploads,
    internal: field(
      z
        .boolean()
        .nullish()
        .transform((value) => value ?? true),
      () => Boolean,
      { description: 'Shown to staff only (the default); false shows the files to the complainant too' },
    ),
  },
  { description: 'Files staged by this member (POST /files/uploads), attached to a complaint they may see' },
);
export type AddEvidenceInput = InstanceType<typeof AddEvidenceInput>;

export const AddComplainantEvidenceInput = declareInput(
  'AddComplainantEvidenceInput',
  {
    tenantSlug: field(z.string().trim().min(1).max(63), () => String),
    trackingCode: field(z.string().trim().min(1).max(40), () => String),
    uploads,
  },
  { description: 'Files the complainant staged for their complaint (POST /files/uploads with X-Tracking-Code)' },
);
export type AddComplainantEvidenceInput = InstanceType<typeof AddComplainantEvidenceInput>;

@ObjectType()
export class AddComplainantEvidencePayload {
  @Field(() => PublicComplaintStatus, { nullable: true, description: 'The complaint as the complainant now sees it, with the files' })
  status: PublicComplaintStatus | null;
  @Field(() => [UserError]) errors: UserError[];
}
