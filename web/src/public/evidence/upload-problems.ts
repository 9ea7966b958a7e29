import { GraphQLRequestError, TransportError, type UploadErrorCode, type UserError } from '@redress/client-sdk';
import type { Translate } from '../i18n';
import type { PublicTenant } from '../tenant';

export type UploadLimits = PublicTenant['uploadLimits'];

/** Why a file was not taken, in the page's terms (its words come from `problemText`). */
export type UploadProblem =
  | 'TOO_LARGE'
  | 'NOT_ALLOWED'
  | 'MISMATCH'
  | 'EMPTY'
  | 'BAD_NAME'
  | 'TOO_MANY'
  | 'RATE_LIMITED'
  | 'NETWORK'
  | 'EXPIRED'
  | 'LIMIT'
  | 'FINISHED'
  | 'FAILED';

/** The server's refusal of an upload (POST /files/uploads). */
export function problemOfUpload(code: UploadErrorCode): UploadProblem {
  switch (code) {
    case 'FILE_TOO_LARGE':
      return 'TOO_LARGE';
    case 'FILE_TYPE_NOT_ALLOWED':
      return 'NOT_ALLOWED';
    case 'FILE_TYPE_MISMATCH':
      return 'MISMATCH';
    case 'EMPTY_FILE':
      return 'EMPTY';
    case 'INVALID_FILE_NAME':
      return 'BAD_NAME';
    case 'RATE_LIMITED':
      return 'RATE_LIMITED';
    default:
      return 'FAILED';
  }
}

/** The refusal of attaching uploads (submitComplaint, addComplainantEvidence) when it is about the files; else null. */
export function problemOfAttach(errors: ReadonlyArray<UserError>): UploadProblem | null {
  for (const error of errors) {
    if (error.code === 'UPLOAD_NOT_FOUND') return 'EXPIRED';
    if (error.code === 'EVIDENCE_LIMIT_EXCEEDED') return 'LIMIT';
    if (error.code === 'ILLEGAL_TRANSITION') return 'FINISHED';
  }
  return null;
}

/** A request that brought no answer, or was refused as too frequent. */
export function problemOfFailure(error: unknown): UploadProblem {
  if (error instanceof GraphQLRequestError && error.code === 'RATE_LIMITED') return 'RATE_LIMITED';
  if (error instanceof TransportError && error.status === 429) return 'RATE_LIMITED';
  // A proxy in front of the server may refuse a large body with a page of its own.
  if (error instanceof TransportError && error.status === 413) return 'TOO_LARGE';
  return 'NETWORK';
}

/** The problem in the page's language, with the limits it is about. */
export function problemText(problem: UploadProblem, limits: UploadLimits, t: Translate): string {
  switch (problem) {
    case 'TOO_LARGE':
      return t('evidence.error.tooLarge', { max: formatBytes(limits.maxFileBytes) });
    case 'NOT_ALLOWED':
      return t('evidence.error.notAllowed', { types: typeNames(limits.allowedTypes) });
    case 'MISMATCH':
      return t('evidence.error.mismatch');
    case 'EMPTY':
      return t('evidence.error.empty');
    case 'BAD_NAME':
      return t('evidence.error.badName');
    case 'TOO_MANY':
      return t('evidence.error.tooMany', { count: limits.maxFilesPerComplaint ?? 0 });
    case 'RATE_LIMITED':
      return t('evidence.error.rateLimited');
    case 'NETWORK':
      return t('error.network');
    case 'EXPIRED':
      return t('evidence.error.expired');
    case 'LIMIT':
      return t('evidence.error.limit');
    case 'FINISHED':
      return t('evidence.error.finished');
    default:
      return t('evidence.error.failed');
  }
}

const MB = 1024 * 1024;

/** A size as people read it: "10 MB", "1.5 MB", "300 kB" (binary multiples, as the limits are set). */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${trim(bytes / MB)} MB`;
  if (bytes >= 1024) return `${trim(bytes / 1024)} kB`;
  return `${bytes} B`;
}

function trim(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** The accepted types by their short names, as on a phone's file list: "JPEG, PNG, HEIC, PDF". */
export function typeNames(types: readonly string[]): string {
  const names = types.map((type) => {
    const subtype = type.split('/')[1] ?? type;
    return (subtype === 'jpeg' ? 'JPEG' : subtype.replace(/^x-/, '')).toUpperCase();
  });
  return [...new Set(names)].join(', ');
}

/**
 * The file input's `accept`: every image when any image type is allowed (a phone then offers
 * its camera and its photos), and the other allowed types by name. The server decides anyway.
 */
export function acceptOf(types: readonly string[]): string {
  const images = types.some((type) => type.startsWith('image/'));
  return [...(images ? ['image/*'] : []), ...types.filter((type) => !type.startsWith('image/'))].join(',');
}
