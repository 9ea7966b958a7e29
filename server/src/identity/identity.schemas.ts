import { z } from 'zod';
import { LOCALES } from '@redress/plugin-api';
import { ROLE_CODE } from './roles';

/** Input rules shared by the identity mutations. */
export const emailSchema = z.string().trim().toLowerCase().max(320).pipe(z.email('must be an email address'));
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);
export const personNameSchema = z.string().trim().min(1, 'must not be empty').max(200);
export const slugSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'must be 2 to 63 lowercase letters, digits or dashes');
export const localeSchema = z.enum(LOCALES, { message: `must be one of ${LOCALES.join(', ')}` });
export const timeZoneSchema = z.string().refine((zone) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}, 'must be an IANA time zone such as Asia/Shanghai');
export const rolesSchema = z
  .array(z.string().regex(ROLE_CODE, 'is not a role code'))
  .max(20)
  .transform((roles) => [...new Set(roles)]);
export const codeSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lowercase letters, digits or dashes');
export const labelSchema = z.string().trim().min(1, 'must not be empty').max(200);

/** The longest logo accepted, as the length of its data URL: room for a small SVG or PNG. */
export const LOGO_MAX_CHARS = 65_536;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
/**
 * A logo as a `data:image/…` URL (PNG, JPEG, GIF, WebP or SVG): the public pages allow images
 * from the server itself and data URLs only, so a link to another site would not show. An SVG
 * is shown in an `<img>`, where its scripts never run. The payload is base64 or percent-encoded.
 */
export const logoUrlSchema = z
  .string()
  .trim()
  .max(LOGO_MAX_CHARS, `must be at most ${LOGO_MAX_CHARS} characters`)
  .refine((url) => {
    const match = /^data:image\/(?:png|jpeg|gif|webp|svg\+xml)((?:;[a-z-]+=[a-z0-9._-]+)*)(;base64)?,(.*)$/is.exec(url);
    if (!match) return false;
    const payload = match[3];
    return match[2] ? BASE64.test(payload) : !/[\s"<>\\`]/.test(payload);
  }, 'must be a data:image URL (png, jpeg, gif, webp or svg+xml), base64 or percent-encoded');
