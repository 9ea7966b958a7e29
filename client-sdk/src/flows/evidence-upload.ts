import { clientEndpoint, type RedressClient } from '../client.js';
import { TransportError } from '../errors.js';

/** A file staged by `POST /files/uploads`: attach it by `uploadId` before `expiresAt`. */
export interface StagedUpload {
  uploadId: string;
  fileName: string;
  /** The type the server told from the bytes. */
  contentType: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes, computed by the server. */
  sha256: string;
  /** ISO time; an upload not attached by then is deleted. */
  expiresAt: string;
}

/** Why the server refused an upload (nothing of it was kept). */
export type UploadErrorCode =
  | 'FILE_TOO_LARGE'
  | 'FILE_TYPE_MISMATCH'
  | 'FILE_TYPE_NOT_ALLOWED'
  | 'EMPTY_FILE'
  | 'INVALID_FILE_NAME'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'RATE_LIMITED'
  | 'SERVICE_UNAVAILABLE'
  | 'INTERNAL_SERVER_ERROR';

export interface UploadError {
  code: UploadErrorCode;
  message: string;
  /** The HTTP status of the refusal. */
  status: number;
  /** RATE_LIMITED and SERVICE_UNAVAILABLE: when to try again. */
  retryAfterSeconds: number | null;
}

export type UploadResult = { ok: true; upload: StagedUpload } | { ok: false; error: UploadError };

export interface UploadOptions {
  /** The public path: the organisation the complaint is (or will be) filed with. Not with a signed-in client. */
  tenantSlug?: string;
  /** With `tenantSlug`: stage the file for the complainant's own complaint (for `addComplainantEvidence`). */
  trackingCode?: string;
  /** Defaults to the File's name; a plain Blob needs one. */
  fileName?: string;
  signal?: AbortSignal;
  /** Defaults to the global fetch (browsers, Node 20+). */
  fetch?: typeof globalThis.fetch;
}

/**
 * Stages one file with `POST /files/uploads` (the raw bytes, not multipart) and returns the
 * upload, or the server's refusal as a value. `target` is a client made by `createClient`
 * (its token or API key is sent: staff uploads, for `fileComplaint` and `addEvidence`), or the
 * server's base URL (`https://redress.example`, or its GraphQL URL) for the public path, which
 * needs `tenantSlug` (for `submitComplaint`) and, for `addComplainantEvidence`, `trackingCode`.
 * The type the file claims (`file.type`) must agree with its bytes. Throws TransportError only
 * when no answer comes back (network, abort).
 */
export async function uploadEvidenceFile(target: RedressClient | string, file: Blob, options: UploadOptions = {}): Promise<UploadResult> {
  const endpoint = typeof target === 'string' ? null : clientEndpoint(target);
  if (typeof target !== 'string' && !endpoint) throw new TypeError('uploadEvidenceFile: pass a client made by createClient, or a URL');
  const base = typeof target === 'string' ? target : endpoint!.url;
  // A relative endpoint (`/graphql`) is taken from the page's address.
  const page = (globalThis as { location?: { href?: string } }).location;
  const url = new URL('/files/uploads', new URL(base, page?.href));
  if (options.tenantSlug !== undefined) url.searchParams.set('tenant', options.tenantSlug);
  const fileName = options.fileName ?? (file as Blob & { name?: string }).name;
  if (!fileName) throw new TypeError('uploadEvidenceFile: name the file (options.fileName) when it is a plain Blob');
  const headers: Record<string, string> = {
    'content-type': file.type || 'application/octet-stream',
    'x-file-name': encodeURIComponent(fileName),
  };
  if (options.trackingCode !== undefined) headers['x-tracking-code'] = options.trackingCode;
  if (endpoint?.locale) headers['accept-language'] = endpoint.locale;
  // The public path sends no credentials even from a signed-in client: the server takes one or the other.
  const authorization = options.tenantSlug === undefined ? await endpoint?.credentials.authorization() : null;
  if (authorization) headers.authorization = authorization;
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, { method: 'POST', headers, body: file, signal: options.signal });
  } catch (cause) {
    const aborted = options.signal?.aborted ?? false;
    throw new TransportError(aborted ? `The upload to ${url.origin} was aborted` : `The upload to ${url.origin} did not reach the server`, {
      cause,
      aborted,
    });
  }
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | StagedUpload | null;
  if (response.status === 201 && body && 'uploadId' in body) return { ok: true, upload: body };
  const refusal = body && 'error' in body ? body.error : undefined;
  if (!refusal?.code) throw new TransportError(`HTTP ${response.status}: the answer is not an upload`, { status: response.status });
  const retryAfter = Number(response.headers.get('retry-after'));
  return {
    ok: false,
    error: {
      code: refusal.code as UploadErrorCode,
      message: refusal.message ?? '',
      status: response.status,
      retryAfterSeconds: Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : null,
    },
  };
}
