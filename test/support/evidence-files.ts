import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import sharp from 'sharp';
import type { TestServer } from './test-server';

/** A real PNG of `width`×`height` pixels in one colour, drawn by sharp (not by the server). */
export function pngImage(width: number, height: number, colour = '#d04020'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .png()
    .toBuffer();
}

/** A real JPEG, for a second image type. */
export function jpegImage(width: number, height: number, colour = '#2040d0'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .jpeg()
    .toBuffer();
}

/** A small, valid one-page PDF, written out by hand. */
export function pdfDocument(text = 'Receipt'): Buffer {
  const body = [
    '%PDF-1.4',
    '1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj',
    '2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj',
    '3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >> endobj',
    `% ${text}`,
    'trailer << /Root 1 0 R >>',
    '%%EOF',
  ].join('\n');
  return Buffer.from(body, 'latin1');
}

/** SHA-256 in hex, computed here with node:crypto, apart from the server's own code. */
export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export interface UploadAnswer {
  status: number;
  body: any;
  headers: Headers;
}

export interface UploadOptions {
  token?: string;
  tenant?: string;
  trackingCode?: string;
  fileName?: string;
  contentType?: string;
}

/** The server's origin (http://host:port), for its paths. */
export const originOf = (server: TestServer): string => new URL(server.url).origin;

/** `POST /files/uploads` with the raw bytes, as a client does. */
export async function upload(server: TestServer, bytes: Buffer, options: UploadOptions = {}): Promise<UploadAnswer> {
  const query = options.tenant !== undefined ? `?tenant=${encodeURIComponent(options.tenant)}` : '';
  const response = await fetch(`${originOf(server)}/files/uploads${query}`, {
    method: 'POST',
    headers: {
      'content-type': options.contentType ?? 'image/png',
      'x-file-name': encodeURIComponent(options.fileName ?? 'photo.png'),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...(options.trackingCode ? { 'x-tracking-code': options.trackingCode } : {}),
    },
    body: new Uint8Array(bytes),
  });
  return { status: response.status, body: await response.json(), headers: response.headers };
}

/** Uploads and returns the upload id, failing the test on any refusal. */
export async function staged(server: TestServer, bytes: Buffer, options: UploadOptions = {}): Promise<string> {
  const answer = await upload(server, bytes, options);
  if (answer.status !== 201) throw new Error(`upload refused: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.uploadId;
}

/** GET of a path the API handed out (a download URL is a path on the server). */
export async function download(server: TestServer, path: string): Promise<{ status: number; bytes: Buffer; headers: Headers; json: any }> {
  const response = await fetch(`${originOf(server)}${path}`);
  const bytes = Buffer.from(await response.arrayBuffer());
  const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
  return { status: response.status, bytes, headers: response.headers, json: isJson ? JSON.parse(bytes.toString('utf8')) : null };
}

/**
 * Starts an upload of `declaredBytes` with a raw HTTP request, sends `sentBytes` of it, then
 * destroys the socket: a client that stops mid-body. Resolves once the socket is closed.
 */
/**
 * Sends part of an upload's body, then goes away. `beforeLeaving` is awaited first (e.g. until
 * the server has begun writing the body), so the test knows there was something to clean up.
 */
export function interruptedUpload(
  server: TestServer,
  tenant: string,
  declaredBytes: number,
  sentBytes: number,
  beforeLeaving: () => Promise<unknown> = async () => undefined,
): Promise<void> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve) => {
    const request = httpRequest({
      host: hostname,
      port: Number(port),
      method: 'POST',
      path: `/files/uploads?tenant=${tenant}`,
      headers: { 'content-type': 'image/png', 'x-file-name': 'half.png', 'content-length': String(declaredBytes) },
    });
    request.on('error', () => undefined);
    request.on('close', () => resolve());
    request.write(Buffer.alloc(sentBytes, 7), () => {
      // Written to the socket: now the client goes away with the body unfinished.
      void beforeLeaving().finally(() => setImmediate(() => request.destroy()));
    });
  });
}

/** Rows and bytes the database holds for files, counted as the owner (every tenant). */
export async function storedCounts(server: TestServer): Promise<{ staged: number; blobs: number; evidence: number }> {
  const [row] = await server.ownerQuery(
    `SELECT (SELECT count(*)::int FROM staged_uploads) AS staged, (SELECT count(DISTINCT file_key)::int FROM file_blobs) AS blobs,
            (SELECT count(*)::int FROM complaint_evidence WHERE file_key IS NOT NULL) AS evidence`,
  );
  return row;
}

export const EVIDENCE_FIELDS = `evidence { id fileName contentType sizeBytes sha256 note source internal isImage downloadUrl thumbnailUrl createdAt }`;

export const PUBLIC_EVIDENCE_FIELDS = `evidence { id fileName contentType sizeBytes sha256 source isImage downloadUrl thumbnailUrl createdAt }`;
