import { z } from 'zod';

/** Validation of complaint inputs: every limit a user can hit, with its field path. */

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export const text = (max: number) => z.string().trim().min(1, 'Must not be empty').max(max, `At most ${max} characters`);

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

export const versionSchema = z.number().int().min(1);
