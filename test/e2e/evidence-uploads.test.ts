import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { EVIDENCE_FIELDS, interruptedUpload, pngImage, staged, storedCounts, upload } from '../support/evidence-files';
import { poll } from '../support/poll';
import { NO_RATE_LIMITS, startTestServer, type TestServer } from '../support/test-server';

/**
 * What an upload may be and how much a complaint and a tenant may keep: refusals answer with a
 * code and a 4xx status and leave nothing behind, neither rows nor bytes nor a temporary file.
 */
let server: TestServer;
let tmp: string;
let a: { slug: string; staff: Staff };
let b: { slug: string; staff: Staff };

const MAX_UPLOAD = 100_000;
const LIMITS = { maxFiles: 3, maxBytes: 60_000 };
const TENANT_MAX = 80_000;
const RATE_LIMITED_SLUG = 'limits-rl';

/** A PNG of random pixels (it does not compress): about `bytes` long. */
const noisyPng = (bytes: number) => {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
};

const ADD = `mutation ($input: AddEvidenceInput!) { addEvidence(input: $input) { complaint { version ${EVIDENCE_FIELDS} } errors { code field message } } }`;
const newComplaint = (token: string, phone: string) =>
  fileComplaint(server, token, { channel: 'PHONE', description: 'Limits', demands: ['REPAIR'], complainant: { name: '吴十', phone } });

/** Nothing of a refused upload is kept: no staged row, no bytes, no temporary file. */
async function expectNothingKept(before: Awaited<ReturnType<typeof storedCounts>>) {
  expect(await storedCounts(server)).toEqual(before);
  expect(await readdir(tmp)).toEqual([]);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'redress-upload-test-'));
  server = await startTestServer({
    files: { maxUploadBytes: MAX_UPLOAD, uploadTmpDir: tmp, perComplaint: LIMITS, perTenantMaxBytes: TENANT_MAX },
    rateLimits: { ...NO_RATE_LIMITS, evidenceUpload: { perAddress: 0, perTenant: 3, windowSeconds: 600 } },
  });
  a = await createStaffedTenant(server, 'limits-a');
  b = await createStaffedTenant(server, 'limits-b');
  await server.createTenant(RATE_LIMITED_SLUG);
});

afterAll(async () => {
  await server?.stop();
  await rm(tmp, { recursive: true, force: true });
});

describe('refused uploads', () => {
  it('refuses a file declared larger than the limit before reading it (413)', async () => {
    const before = await storedCounts(server);
    const answer = await upload(server, Buffer.alloc(MAX_UPLOAD + 1, 1), { token: a.staff.agent });
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ error: { code: 'FILE_TOO_LARGE', message: `A file may have at most ${MAX_UPLOAD} bytes` } });
    await expectNothingKept(before);
  });

  it('stops reading a body sent without a length once it passes the limit (413)', async () => {
    const before = await storedCounts(server);
    const { hostname, port } = new URL(server.url);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest({
        host: hostname,
        port: Number(port),
        method: 'POST',
        path: '/files/uploads',
        headers: { 'content-type': 'image/png', 'x-file-name': 'big.png', authorization: `Bearer ${a.staff.agent}` },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      // Chunked, 16 KiB at a time, up to three times the limit: the server answers midway.
      let sent = 0;
      const more = () => {
        while (sent < 3 * MAX_UPLOAD) {
          sent += 16_384;
          if (!request.write(Buffer.alloc(16_384, 2))) return void request.once('drain', more);
        }
        request.end();
      };
      more();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('FILE_TOO_LARGE');
    await expectNothingKept(before);
  });

  it('refuses a file whose bytes are not what it claims, or not an allowed type (415)', async () => {
    const before = await storedCounts(server);
    const png = await pngImage(16, 16);
    const mislabelled = await upload(server, png, { token: a.staff.agent, contentType: 'application/pdf', fileName: 'invoice.pdf' });
    expect([mislabelled.status, mislabelled.body.error.code]).toEqual([415, 'FILE_TYPE_MISMATCH']);
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>');
    const disguised = await upload(server, html, { token: a.staff.agent, contentType: 'image/png', fileName: 'photo.png' });
    expect([disguised.status, disguised.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    const zip = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(60)]);
    const archive = await upload(server, zip, { tenant: a.slug, contentType: 'application/zip', fileName: 'a.zip' });
    expect([archive.status, archive.body.error.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    await expectNothingKept(before);
  });

  it('refuses an empty file and a missing or malformed file name (400)', async () => {
    const before = await storedCounts(server);
    const empty = await upload(server, Buffer.alloc(0), { token: a.staff.agent });
    expect([empty.status, empty.body.error.code]).toEqual([400, 'EMPTY_FILE']);
    const response = await fetch(`${new URL(server.url).origin}/files/uploads`, {
      method: 'POST',
      headers: { 'content-type': 'image/png', authorization: `Bearer ${a.staff.agent}`, 'x-file-name': '%E0%A4%A' },
      body: new Uint8Array(await pngImage(4, 4)),
    });
    expect([response.status, ((await response.json()) as any).error.code]).toEqual([400, 'INVALID_FILE_NAME']);
    await expectNothingKept(before);
  });

  it('keeps nothing of an upload whose client goes away mid-body', async () => {
    const before = await storedCounts(server);
    // The client leaves once the server has begun writing the body to a temporary file …
    await interruptedUpload(server, a.slug, 80_000, 30_000, () =>
      poll(
        () => readdir(tmp),
        (files) => files.length > 0,
        { timeoutMs: 10_000, intervalMs: 20 },
      ),
    );
    // … and the server notices the closed socket on its own time: wait for that file to go.
    const left = await poll(
      () => readdir(tmp),
      (files) => files.length === 0,
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    expect(left).toEqual([]);
    await expectNothingKept(before);
    // The server still takes uploads afterwards.
    expect((await upload(server, await pngImage(4, 4), { token: a.staff.agent })).status).toBe(201);
  });

  it('counts public uploads per organisation and refuses past the limit (429, Retry-After), keeping nothing', async () => {
    const png = await pngImage(4, 4);
    for (let i = 0; i < 3; i++) expect((await upload(server, png, { tenant: RATE_LIMITED_SLUG })).status).toBe(201);
    const before = await storedCounts(server);
    const refused = await upload(server, png, { tenant: RATE_LIMITED_SLUG });
    expect([refused.status, refused.body.error.code]).toEqual([429, 'RATE_LIMITED']);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    await expectNothingKept(before);
  });
});

describe('limits at attach', () => {
  it('keeps a complaint to its number of files: over it, nothing is attached and the uploads stay staged', async () => {
    const complaint = await newComplaint(a.staff.agent, '13700000001');
    const small = async () => ({ uploadId: await staged(server, await pngImage(4, 4), { token: a.staff.agent }) });
    const first = await server.request(
      ADD,
      { input: { complaintId: complaint.id, uploads: [await small(), await small()] } },
      { token: a.staff.agent },
    );
    expect(first.data.addEvidence.errors).toEqual([]);
    const two = [await small(), await small()];
    const over = await server.request(ADD, { input: { complaintId: complaint.id, uploads: two } }, { token: a.staff.agent });
    expect(over.data.addEvidence).toEqual({
      complaint: null,
      errors: [{ code: 'EVIDENCE_LIMIT_EXCEEDED', field: 'uploads', message: 'A complaint keeps at most 3 files; it has 2' }],
    });
    const one = await server.request(ADD, { input: { complaintId: complaint.id, uploads: [two[0]] } }, { token: a.staff.agent });
    expect(one.data.addEvidence.complaint.evidence).toHaveLength(3);
  });

  it('keeps a complaint to its bytes', async () => {
    const complaint = await newComplaint(a.staff.agent, '13700000002');
    const big = async () => ({ uploadId: await staged(server, await noisyPng(25_000), { token: a.staff.agent }) });
    const two = await server.request(
      ADD,
      { input: { complaintId: complaint.id, uploads: [await big(), await big()] } },
      { token: a.staff.agent },
    );
    expect(two.data.addEvidence.errors).toEqual([]);
    const third = await server.request(ADD, { input: { complaintId: complaint.id, uploads: [await big()] } }, { token: a.staff.agent });
    expect(third.data.addEvidence.errors).toEqual([
      {
        code: 'EVIDENCE_LIMIT_EXCEEDED',
        field: 'uploads',
        message: expect.stringMatching(/^A complaint keeps at most 60000 bytes of files/),
      },
    ]);
  });

  it('keeps a tenant to its bytes, across its complaints, whoever adds them; other tenants are not counted', async () => {
    const first = await newComplaint(b.staff.agent, '13700000003');
    const big = async () => ({ uploadId: await staged(server, await noisyPng(25_000), { token: b.staff.agent }) });
    expect(
      (await server.request(ADD, { input: { complaintId: first.id, uploads: [await big(), await big()] } }, { token: b.staff.agent })).data
        .addEvidence.errors,
    ).toEqual([]);
    const second = await newComplaint(b.staff.agent, '13700000004');
    const over = await server.request(
      ADD,
      { input: { complaintId: second.id, uploads: [await big(), await big()] } },
      { token: b.staff.agent },
    );
    expect(over.data.addEvidence.errors).toEqual([
      { code: 'EVIDENCE_LIMIT_EXCEEDED', field: 'uploads', message: expect.stringMatching(/storage for files is full/) },
    ]);
    // Refused whole: nothing of it counts, so one more file still fits.
    const one = await server.request(ADD, { input: { complaintId: second.id, uploads: [await big()] } }, { token: b.staff.agent });
    expect(one.data.addEvidence.errors).toEqual([]);
    // The public form is held to the same limit.
    const publicUpload = await staged(server, await noisyPng(25_000), { tenant: b.slug });
    const submitted = await server.request(
      `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code field } } }`,
      {
        input: {
          tenantSlug: b.slug,
          description: 'Full',
          demands: ['REPAIR'],
          complainant: { name: '郑一', phone: '13700000005' },
          uploads: [{ uploadId: publicUpload }],
        },
      },
    );
    expect(submitted.data.submitComplaint).toEqual({ trackingCode: null, errors: [{ code: 'EVIDENCE_LIMIT_EXCEEDED', field: 'uploads' }] });
  });
});
