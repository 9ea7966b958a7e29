import { z } from 'zod';

/** Validation of complaint inputs: every limit a user can hit, with its field path. */

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, 'Must not be empty')
    .max(max, `At most ${max} characters`);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : null));

export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((code) => CURRENCIES.has(code), 'Not an ISO 4217 currency code');

/** Money: not negative, at most 2 decimals, below ten billion. */
export const amountSchema = z
  .number()
  .nonnegative('Must not be negative')
  .max(9_999_999_999.99, 'Too large')
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, 'At most 2 decimals');

export const complainantSchema = z
  .object({
    name: text(200),
    phone: z
      .string()
      .trim()
      .transform((value) => value.replace(/[\s()-]/g, ''))
      .pipe(z.string().regex(/^\+?[0-9]{3,20}$/, 'Not a phone number'))
      .nullish()
      .transform((value) => value ?? null),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .pipe(z.email('Not an email address').max(320))
      .nullish()
      .transform((value) => value ?? null),
  })
  .refine((value) => value.phone || value.email, { message: 'Give a phone number or an email address', path: ['phone'] });

export const assetSchema = z.object({
  name: text(200),
  serialNumber: optionalText(100),
  model: optionalText(200),
  warrantyEndsOn: z.iso.date('Not an ISO date (YYYY-MM-DD)').nullish().transform((value) => value ?? null),
  parentId: z.string().nullish().transform((value) => value ?? null),
});

export const evidenceSchema = z.object({
  fileName: text(255),
  contentType: z.string().trim().regex(/^[a-z]+\/[a-z0-9.+-]+$/i, 'Not a media type'),
  sizeBytes: z.number().int('Must be whole bytes').nonnegative().max(1024 ** 3, 'At most 1 GiB'),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'Not a hex SHA-256').nullish().transform((value) => value ?? null),
  note: optionalText(1000),
});

export const intakeSchema = z.object({
  description: text(10_000),
  demands: z.array(z.string()).max(8).transform((demands) => [...new Set(demands)]),
  complainant: complainantSchema,
  asset: assetSchema.nullish().transform((value) => value ?? null),
  evidence: z.array(evidenceSchema).max(50, 'At most 50 pieces of evidence').nullish().transform((value) => value ?? []),
  fields: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? {})
    .refine((value) => JSON.stringify(value).length <= 20_000, 'Intake fields too large'),
});

export const fileComplaintSchema = intakeSchema.extend({
  channel: z.string(),
  // Not in the future: checked against the business clock by the intake service.
  receivedAt: z.date().nullish(),
  respondent: z
    .object({
      kind: z.enum(['STORE', 'DEPARTMENT', 'STAFF']),
      name: text(200),
      departmentId: z.string().nullish(),
      userId: z.string().nullish(),
    })
    .nullish(),
  categoryCode: z.string().nullish(),
});

export const submitComplaintSchema = intakeSchema.extend({
  tenantSlug: z.string().trim().min(1).max(63),
  respondentName: optionalText(200),
});

export const reasonSchema = z.object({ reason: text(2000) });
export const optionalReasonSchema = z.object({ reason: optionalText(2000) });
export const versionSchema = z.number().int().min(1);
