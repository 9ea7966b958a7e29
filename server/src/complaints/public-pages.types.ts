import { Field, Float, Int, ObjectType } from 'type-graphql';
import { z } from 'zod';
import { UserError } from '../graphql/errors';
import { declareInput, field } from '../graphql/input-type';
import { PluginIntakeField } from '../plugins/plugin.types';
import { text } from './complaint.schemas';
import { LabelledValue, PublicComplaintStatus } from './complaint.types';

/** The longest message a complainant may add to their complaint. */
export const COMPLAINANT_MESSAGE_MAX_CHARS = 2000;

@ObjectType({
  description:
    'What a complainant may attach to a complaint (POST /files/uploads, then uploads on submitComplaint or addComplainantEvidence)',
})
export class PublicUploadLimits {
  @Field(() => Float, { description: 'Largest file accepted, in bytes' }) maxFileBytes: number;
  @Field(() => Int, { nullable: true, description: 'Files one complaint may hold (staff files included); null: no limit' })
  maxFilesPerComplaint: number | null;
  @Field(() => Float, { nullable: true, description: 'Bytes one complaint may hold (staff files included); null: no limit' })
  maxBytesPerComplaint: number | null;
  @Field(() => [String], { description: 'Media types accepted, as told from the bytes, e.g. image/jpeg, application/pdf' })
  allowedTypes: string[];
}

@ObjectType({ description: "What an organization's public complaint pages show of it: no members, no complaints" })
export class PublicTenant {
  @Field() slug: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'Its logo as a data:image URL' }) logoUrl: string | null;
  @Field({ description: 'The default language of its pages: zh-CN or en' }) locale: string;
  @Field({ description: 'IANA time zone its due times are told in, e.g. Asia/Shanghai' }) timeZone: string;
  @Field(() => [LabelledValue], { description: 'What a complainant may ask for (SubmitComplaintInput.demands), labelled' })
  demands: LabelledValue[];
  @Field(() => [PluginIntakeField], {
    description: "The governing plugin's intake fields (SubmitComplaintInput.fields), labelled in the requested language",
  })
  intakeFields: PluginIntakeField[];
  @Field(() => PublicUploadLimits, { description: 'What its form and status page may attach as evidence' })
  uploadLimits: PublicUploadLimits;
}

export const AddComplainantMessageInput = declareInput(
  'AddComplainantMessageInput',
  {
    tenantSlug: field(z.string(), () => String),
    trackingCode: field(z.string(), () => String),
    message: field(text(COMPLAINANT_MESSAGE_MAX_CHARS), () => String, {
      description: `Plain text, at most ${COMPLAINANT_MESSAGE_MAX_CHARS} characters; never read as HTML`,
    }),
  },
  { description: 'A message the complainant adds to their complaint; no account needed' },
);
export type AddComplainantMessageInput = InstanceType<typeof AddComplainantMessageInput>;

@ObjectType()
export class AddComplainantMessagePayload {
  @Field(() => PublicComplaintStatus, {
    nullable: true,
    description: 'The complaint as the complainant now sees it, the message in its history',
  })
  status: PublicComplaintStatus | null;
  @Field(() => [UserError]) errors: UserError[];
}
