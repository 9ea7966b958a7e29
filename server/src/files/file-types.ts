import { fileTypeFromFile, supportedMimeTypes } from 'file-type';
import { ConfigError } from '../config/config';
import { type TypeCheck } from './media-types';

/**
 * HEIC and HEIF are one container told apart by a brand that devices label loosely (an iPhone
 * photo may carry `mif1` and be sent as image/heic): within the family a claim agrees.
 */
const HEIF_FAMILY = new Set(['image/heic', 'image/heif', 'image/heic-sequence', 'image/heif-sequence']);

/** Claims that say nothing of the type (a browser's File of unknown kind): the bytes decide alone. */
const UNCLAIMED = new Set(['', 'application/octet-stream']);

/**
 * What the file at `path` is, from its bytes (file-type reads the signatures it needs), and
 * whether it may be kept: an unknown or disallowed type is refused, and so is a claim that
 * names another type than the bytes show.
 */
export async function checkFileType(path: string, claimed: string, allowed: ReadonlySet<string>): Promise<TypeCheck> {
  const detected = (await fileTypeFromFile(path))?.mime ?? null;
  if (!detected || !allowed.has(detected)) {
    return {
      ok: false,
      code: 'FILE_TYPE_NOT_ALLOWED',
      message: `Files of this type are not accepted; send one of: ${[...allowed].join(', ')}`,
    };
  }
  if (!UNCLAIMED.has(claimed) && claimed !== detected && !(HEIF_FAMILY.has(claimed) && HEIF_FAMILY.has(detected))) {
    return { ok: false, code: 'FILE_TYPE_MISMATCH', message: `The file is ${detected}, not ${claimed} as its Content-Type says` };
  }
  return { ok: true, contentType: detected };
}

/** The allowed types, checked once at start: a type the bytes cannot show would refuse every file. */
export function allowedTypeSet(types: readonly string[]): ReadonlySet<string> {
  const detectable = new Set<string>(supportedMimeTypes);
  const unknown = types.filter((type) => !detectable.has(type));
  if (unknown.length) {
    throw new ConfigError([
      `UPLOAD_ALLOWED_TYPES: cannot be told from a file's bytes: ${unknown.join(', ')} (plain text, for one, cannot)`,
    ]);
  }
  return new Set(types);
}
