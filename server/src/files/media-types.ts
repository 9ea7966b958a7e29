/** Media types of evidence files, without reading any bytes. */

/** Claimed types that name one detected type by another name. */
const ALIASES: Record<string, string> = { 'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'image/x-png': 'image/png' };

export type TypeCheck =
  { ok: true; contentType: string } | { ok: false; code: 'FILE_TYPE_MISMATCH' | 'FILE_TYPE_NOT_ALLOWED'; message: string };

/** The media type a Content-Type header claims, without parameters, lower case. */
export function claimedType(header: string | undefined): string {
  const type = (header ?? '').split(';')[0].trim().toLowerCase();
  return ALIASES[type] ?? type;
}

export function isImage(contentType: string): boolean {
  return contentType.startsWith('image/');
}

/** Images and PDF are served inline (still under a sandboxing CSP); anything else as an attachment. */
export function shownInline(contentType: string): boolean {
  return isImage(contentType) || contentType === 'application/pdf';
}
