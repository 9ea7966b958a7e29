import sharp from 'sharp';
import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import {
  download,
  EVIDENCE_FIELDS,
  pdfDocument,
  pngImage,
  PUBLIC_EVIDENCE_FIELDS,
  sha256,
  staged,
  storedCounts,
  upload,
} from '../support/evidence-files';
import { poll } from '../support/poll';
import { startTestServer, type TestServer } from '../support/test-server';
import { MovableTokenTime } from '../support/token-time';

/**
 * Evidence files end to end: staged by `POST /files/uploads`, attached by the intake and the
 * evidence mutations, listed with signed download URLs, downloaded by `GET /files/<id>`; kept
 * apart between tenants and between the public and staff; swept when never attached.
 */
let server: TestServer;
let a: { slug: string; staff: Staff };
let b: { slug: string; staff: Staff };
const tokenTime = new MovableTokenTime();

const ADD_EVIDENCE = `mutation ($input: AddEvidenceInput!) {
  addEvidence(input: $input) { complaint { id version ${EVIDENCE_FIELDS} } event { kind } errors { code field message } } }`;
const ADD_COMPLAINANT_EVIDENCE = `mutation ($input: AddComplainantEvidenceInput!) {
  addComplainantEvidence(input: $input) { status { ${PUBLIC_EVIDENCE_FIELDS} history { label } } errors { code field message } } }`;
const SUBMIT = `mutation ($input: SubmitComplaintInput!) { submitComplaint(input: $input) { trackingCode errors { code field message } } }`;
const STATUS = `query ($slug: String!, $code: String!) { complaintStatus(tenantSlug: $slug, trackingCode: $code) { ${PUBLIC_EVIDENCE_FIELDS} } }`;

const evidenceOf = async (token: string, complaintId: string) =>
  (await server.request(`query ($id: ID!) { complaint(id: $id) { version ${EVIDENCE_FIELDS} } }`, { id: complaintId }, { token })).data
    .complaint;
const publicEvidence = async (slug: string, code: string) => (await server.request(STATUS, { slug, code })).data.complaintStatus?.evidence;
const addEvidence = (token: string, input: Record<string, unknown>) => server.request(ADD_EVIDENCE, { input }, { token });
const publicComplaint = (slug: string, uploads: { uploadId: string; note?: string }[], phone = '13900000001') =>
  server.request(SUBMIT, {
    input: {
      tenantSlug: slug,
      description: 'The kettle arrived cracked',
      demands: ['EXCHANGE'],
      complainant: { name: '李四', phone },
      uploads,
    },
  });

beforeAll(async () => {
  server = await startTestServer({}, { tokenTime: tokenTime.source });
  a = await createStaffedTenant(server, 'files-a');
  b = await createStaffedTenant(server, 'files-b');
});

afterAll(async () => {
  await server?.stop();
});

describe('a staff file, from upload to download', () => {
  it('stages the bytes with the type they show and their SHA-256, attaches them at intake and serves them back', async () => {
    const photo = await pngImage(640, 480);
    const answer = await upload(server, photo, { token: a.staff.agent, fileName: 'leak photo.png' });
    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      uploadId: expect.stringMatching(/^upl_[A-Za-z0-9_-]{32}$/),
      fileName: 'leak photo.png',
      contentType: 'image/png',
      sizeBytes: photo.length,
      sha256: sha256(photo),
      expiresAt: expect.any(String),
    });
    // A day after the business clock's now, by default.
    expect(new Date(answer.body.expiresAt).getTime() - server.clock.now().getTime()).toBeGreaterThan(24 * 3600_000 - 60_000);

    const complaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'The washing machine leaks',
      demands: ['REPAIR'],
      complainant: { name: '张三', phone: '13800138001' },
      uploads: [{ uploadId: answer.body.uploadId, note: 'Taken by the customer' }],
    });
    const { evidence } = await evidenceOf(a.staff.agent, complaint.id);
    expect(evidence).toEqual([
      expect.objectContaining({
        fileName: 'leak photo.png',
        contentType: 'image/png',
        sizeBytes: photo.length,
        sha256: sha256(photo),
        note: 'Taken by the customer',
        source: 'STAFF',
        internal: false,
        isImage: true,
        downloadUrl: expect.stringMatching(/^\/files\/[0-9a-f-]{36}\?/),
        thumbnailUrl: expect.stringMatching(/^\/files\/[0-9a-f-]{36}\/thumbnail\?/),
      }),
    ]);

    const original = await download(server, evidence[0].downloadUrl);
    expect(original.status).toBe(200);
    expect(sha256(original.bytes)).toBe(sha256(photo));
    expect(original.headers.get('content-type')).toBe('image/png');
    expect(original.headers.get('x-content-type-options')).toBe('nosniff');
    expect(original.headers.get('content-security-policy')).toContain('sandbox');
    expect(original.headers.get('content-disposition')).toMatch(/^inline; filename="leak photo.png"/);

    const thumbnail = await download(server, evidence[0].thumbnailUrl);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/webp');
    const drawn = await sharp(thumbnail.bytes).metadata();
    expect({ format: drawn.format, width: drawn.width, height: drawn.height }).toEqual({ format: 'webp', width: 320, height: 240 });
  });

  it('attaches an upload once: a second attach of the same id finds nothing', async () => {
    const uploadId = await staged(server, await pngImage(8, 8), { token: a.staff.agent });
    const complaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'Once',
      demands: ['REPAIR'],
      complainant: { name: '王五', phone: '13800138002' },
      uploads: [{ uploadId }],
    });
    const again = await addEvidence(a.staff.agent, { complaintId: complaint.id, uploads: [{ uploadId }] });
    expect(again.data.addEvidence.errors).toEqual([{ code: 'UPLOAD_NOT_FOUND', field: 'uploads.0.uploadId', message: expect.any(String) }]);
  });

  it('serves a PDF inline and anything else as an attachment, under the same restrictive headers', async () => {
    const pdf = pdfDocument();
    const uploadId = await staged(server, pdf, { token: a.staff.supervisor, contentType: 'application/pdf', fileName: '发票.pdf' });
    const complaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'Invoice',
      demands: ['REFUND'],
      complainant: { name: '赵六', phone: '13800138003' },
    });
    const added = await addEvidence(a.staff.supervisor, { complaintId: complaint.id, expectedVersion: 1, uploads: [{ uploadId }] });
    expect(added.data.addEvidence.errors).toEqual([]);
    expect(added.data.addEvidence.event.kind).toBe('INTERNAL_EVIDENCE_ADDED');
    const [file] = added.data.addEvidence.complaint.evidence;
    expect(file).toMatchObject({
      fileName: '发票.pdf',
      contentType: 'application/pdf',
      internal: true,
      isImage: false,
      thumbnailUrl: null,
    });
    const fetched = await download(server, file.downloadUrl);
    expect(fetched.status).toBe(200);
    expect(fetched.bytes.equals(pdf)).toBe(true);
    expect(fetched.headers.get('content-disposition')).toMatch(/^inline; filename="\?\?\.pdf"; filename\*=UTF-8''%E5%8F%91%E7%A5%A8\.pdf$/);
    expect(fetched.headers.get('content-security-policy')).toContain('sandbox');
  });

  it('refuses a stale expectedVersion and a complaint the member may not see, changing nothing', async () => {
    const complaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'Versions',
      demands: ['REPAIR'],
      complainant: { name: '孙七', phone: '13800138004' },
    });
    const uploadId = await staged(server, await pngImage(8, 8), { token: a.staff.agent });
    const stale = await addEvidence(a.staff.agent, { complaintId: complaint.id, expectedVersion: 7, uploads: [{ uploadId }] });
    expect(stale.data.addEvidence.errors).toEqual([{ code: 'STALE_VERSION', field: 'expectedVersion', message: expect.any(String) }]);
    // A handler sees their own queue only: this complaint is nobody's yet.
    const handlerUpload = await staged(server, await pngImage(8, 8), { token: a.staff.handler });
    const hidden = await addEvidence(a.staff.handler, { complaintId: complaint.id, uploads: [{ uploadId: handlerUpload }] });
    expect(hidden.data.addEvidence.errors).toEqual([{ code: 'NOT_FOUND', field: 'complaintId', message: expect.any(String) }]);
    expect((await evidenceOf(a.staff.agent, complaint.id)).evidence).toEqual([]);
    // The refused upload is still staged: attached now by the one who staged it.
    const later = await addEvidence(a.staff.agent, { complaintId: complaint.id, uploads: [{ uploadId }] });
    expect(later.data.addEvidence.errors).toEqual([]);
  });
});

describe('public and internal files', () => {
  it('lists the complainant’s files and the staff files shown to them, never an internal one, nor its URL', async () => {
    const photo = await pngImage(100, 50);
    const anonymous = await staged(server, photo, { tenant: a.slug, fileName: 'crack.png' });
    const submitted = await publicComplaint(a.slug, [{ uploadId: anonymous, note: 'The crack' }]);
    expect(submitted.data.submitComplaint.errors).toEqual([]);
    const code = submitted.data.submitComplaint.trackingCode;

    const [first] = await publicEvidence(a.slug, code);
    expect(first).toMatchObject({ fileName: 'crack.png', source: 'COMPLAINANT', isImage: true, sha256: sha256(photo) });
    expect(sha256((await download(server, first.downloadUrl)).bytes)).toBe(sha256(photo));
    expect((await download(server, first.thumbnailUrl)).status).toBe(200);

    // The complainant adds another through the tracking code.
    const more = pdfDocument('second');
    const withCode = await staged(server, more, {
      tenant: a.slug,
      trackingCode: code,
      contentType: 'application/pdf',
      fileName: 'receipt.pdf',
    });
    const added = await server.request(ADD_COMPLAINANT_EVIDENCE, {
      input: { tenantSlug: a.slug, trackingCode: code, uploads: [{ uploadId: withCode }] },
    });
    expect(added.data.addComplainantEvidence.errors).toEqual([]);
    expect(added.data.addComplainantEvidence.status.evidence.map((file: any) => file.fileName)).toEqual(['crack.png', 'receipt.pdf']);
    expect(added.data.addComplainantEvidence.status.history.map((entry: any) => entry.label)).toContain('已补充证据材料');

    // Staff add one internal file and one shown to the complainant.
    const { id } = await findByCode(code);
    const internal = await staged(server, pdfDocument('internal'), {
      token: a.staff.agent,
      contentType: 'application/pdf',
      fileName: 'memo.pdf',
    });
    expect(
      (await addEvidence(a.staff.agent, { complaintId: id, uploads: [{ uploadId: internal }], internal: true })).data.addEvidence.errors,
    ).toEqual([]);
    const shown = await staged(server, await pngImage(20, 20), { token: a.staff.agent, fileName: 'repair.png' });
    expect(
      (await addEvidence(a.staff.agent, { complaintId: id, uploads: [{ uploadId: shown }], internal: false })).data.addEvidence.errors,
    ).toEqual([]);

    const seen = await publicEvidence(a.slug, code);
    expect(seen.map((file: any) => [file.fileName, file.source])).toEqual([
      ['crack.png', 'COMPLAINANT'],
      ['receipt.pdf', 'COMPLAINANT'],
      ['repair.png', 'STAFF'],
    ]);
    const staffView = (await evidenceOf(a.staff.agent, id)).evidence;
    const memo = staffView.find((file: any) => file.fileName === 'memo.pdf');
    expect(memo.internal).toBe(true);
    const memoRowId = new URL(memo.downloadUrl, 'http://x').pathname.split('/')[2];
    expect(JSON.stringify(seen)).not.toContain(memoRowId);
    expect(JSON.stringify(await server.request(STATUS, { slug: a.slug, code }))).not.toContain('memo.pdf');
  });

  it('binds a public upload to its purpose: a tracking-code upload is not for a new complaint, and the reverse', async () => {
    const submitted = await publicComplaint(a.slug, [], '13900000002');
    const code = submitted.data.submitComplaint.trackingCode;
    const forTheCode = await staged(server, await pngImage(8, 8), { tenant: a.slug, trackingCode: code });
    const anonymous = await staged(server, await pngImage(8, 8), { tenant: a.slug });
    const staffOne = await staged(server, await pngImage(8, 8), { token: a.staff.agent });

    const refused = await publicComplaint(a.slug, [{ uploadId: forTheCode }], '13900000003');
    expect(refused.data.submitComplaint.errors).toEqual([
      { code: 'UPLOAD_NOT_FOUND', field: 'uploads.0.uploadId', message: expect.any(String) },
    ]);
    for (const uploadId of [anonymous, staffOne]) {
      const answer = await server.request(ADD_COMPLAINANT_EVIDENCE, {
        input: { tenantSlug: a.slug, trackingCode: code, uploads: [{ uploadId }] },
      });
      expect(answer.data.addComplainantEvidence.errors).toEqual([
        { code: 'UPLOAD_NOT_FOUND', field: 'uploads.0.uploadId', message: expect.any(String) },
      ]);
    }
    // A staff member cannot attach what the public staged, nor what a colleague staged.
    const { id } = await findByCode(code);
    const colleague = await staged(server, await pngImage(8, 8), { token: a.staff.supervisor });
    for (const uploadId of [anonymous, colleague]) {
      const answer = await addEvidence(a.staff.agent, { complaintId: id, uploads: [{ uploadId }] });
      expect(answer.data.addEvidence.errors[0].code).toBe('UPLOAD_NOT_FOUND');
    }
    expect(await publicEvidence(a.slug, code)).toEqual([]);
  });

  it('refuses an upload for an unknown organisation or tracking code alike, before reading the file', async () => {
    const photo = await pngImage(8, 8);
    const unknownTenant = await upload(server, photo, { tenant: 'no-such-tenant' });
    const unknownCode = await upload(server, photo, { tenant: a.slug, trackingCode: 'AAAA-BBBB-CCCC-DDDD' });
    expect([unknownTenant.status, unknownTenant.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(unknownCode.body).toEqual(unknownTenant.body);
    expect((await upload(server, photo, {})).status).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('never lets tenant B attach, see or download what tenant A staged or keeps', async () => {
    const photo = await pngImage(30, 30, '#00ff00');
    const fromA = await staged(server, photo, { token: a.staff.agent });
    const bComplaint = await fileComplaint(server, b.staff.agent, {
      channel: 'PHONE',
      description: 'B',
      demands: ['REPAIR'],
      complainant: { name: '钱八', phone: '13800138010' },
    });
    const crossed = await addEvidence(b.staff.agent, { complaintId: bComplaint.id, uploads: [{ uploadId: fromA }] });
    expect(crossed.data.addEvidence.errors).toEqual([
      { code: 'UPLOAD_NOT_FOUND', field: 'uploads.0.uploadId', message: expect.any(String) },
    ]);
    const publicCrossed = await publicComplaint(b.slug, [{ uploadId: await staged(server, photo, { tenant: a.slug }) }], '13900000010');
    expect(publicCrossed.data.submitComplaint.errors[0].code).toBe('UPLOAD_NOT_FOUND');

    // A's file, attached in A.
    const aComplaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'A',
      demands: ['REPAIR'],
      complainant: { name: '钱八', phone: '13800138010' },
      uploads: [{ uploadId: fromA }],
    });
    const [aFile] = (await evidenceOf(a.staff.agent, aComplaint.id)).evidence;
    // B's staff can neither read A's complaint nor add to it.
    expect(
      (await server.request(`query ($id: ID!) { complaint(id: $id) { id } }`, { id: aComplaint.id }, { token: b.staff.supervisor })).data
        .complaint,
    ).toBeNull();
    const intoA = await addEvidence(b.staff.supervisor, {
      complaintId: aComplaint.id,
      uploads: [{ uploadId: await staged(server, photo, { token: b.staff.supervisor }) }],
    });
    expect(intoA.data.addEvidence.errors[0]).toMatchObject({ code: 'NOT_FOUND', field: 'complaintId' });

    // A signed URL bent to another file, tenant or variant is no URL.
    const bUpload = await staged(server, await pngImage(30, 30, '#0000ff'), { token: b.staff.agent });
    await addEvidence(b.staff.agent, { complaintId: bComplaint.id, uploads: [{ uploadId: bUpload }] });
    const [bFile] = (await evidenceOf(b.staff.agent, bComplaint.id)).evidence;
    const aUrl = new URL(aFile.downloadUrl, 'http://x');
    const bUrl = new URL(bFile.downloadUrl, 'http://x');
    const aTenant = aUrl.searchParams.get('tenant')!;
    const bTenant = bUrl.searchParams.get('tenant')!;
    const aId = aUrl.pathname.split('/')[2];
    const bId = bUrl.pathname.split('/')[2];
    const bent = [
      `/files/${bId}?${aUrl.searchParams.toString()}`,
      `/files/${aId}?${aUrl.searchParams.toString().replace(aTenant, bTenant)}`,
      `/files/${aId}?${aUrl.searchParams.toString().replace(/signature=[^&]+/, `signature=${bUrl.searchParams.get('signature')}`)}`,
      `/files/${aId}/thumbnail?${aUrl.searchParams.toString()}`,
      `/files/${aId}?tenant=${aTenant}&expires=${aUrl.searchParams.get('expires')}`,
    ];
    for (const path of bent) {
      const answer = await download(server, path);
      expect([path, answer.status, answer.json]).toEqual([path, 404, { error: { code: 'NOT_FOUND', message: 'No such file' } }]);
    }
    // B's own URL still works, and shows B's bytes.
    expect(sha256((await download(server, bFile.downloadUrl)).bytes)).toBe(bFile.sha256);
  });

  it('keeps staged rows and bytes away from a transaction of another tenant (row-level security)', async () => {
    await staged(server, await pngImage(8, 8), { token: a.staff.agent });
    const { Client } = await import('pg');
    const runtime = new Client({ connectionString: server.runtimeUrl });
    await runtime.connect();
    try {
      await runtime.query('BEGIN');
      const [{ id: bTenant }] = (await runtime.query(`SELECT id FROM auth_tenant_by_slug($1)`, [b.slug])).rows;
      await runtime.query(`SELECT set_config('app.tenant_id', $1, true)`, [bTenant]);
      const { rows } = await runtime.query(
        `SELECT (SELECT count(*)::int FROM staged_uploads WHERE tenant_id <> $1) AS staged, (SELECT count(*)::int FROM file_blobs WHERE tenant_id <> $1) AS blobs`,
        [bTenant],
      );
      expect(rows[0]).toEqual({ staged: 0, blobs: 0 });
      await runtime.query('ROLLBACK');
    } finally {
      await runtime.end();
    }
  });
});

describe('time', () => {
  it('refuses a download URL once it expires, and hands out a fresh one', async () => {
    const uploadId = await staged(server, await pngImage(8, 8), { token: a.staff.agent });
    const complaint = await fileComplaint(server, a.staff.agent, {
      channel: 'PHONE',
      description: 'Expiry',
      demands: ['REPAIR'],
      complainant: { name: '周九', phone: '13800138020' },
      uploads: [{ uploadId }],
    });
    const [file] = (await evidenceOf(a.staff.agent, complaint.id)).evidence;
    expect((await download(server, file.downloadUrl)).status).toBe(200);
    tokenTime.advance(7 * 60_000);
    const expired = await download(server, file.downloadUrl);
    expect([expired.status, expired.json.error.code]).toEqual([403, 'URL_EXPIRED']);
    const [fresh] = (await evidenceOf(a.staff.agent, complaint.id)).evidence;
    expect((await download(server, fresh.downloadUrl)).status).toBe(200);
  });

  it('leaves only a staged upload when the complaint is rolled back, and sweeps it with its bytes after it expires', async () => {
    const before = await storedCounts(server);
    const kept = await staged(server, await pngImage(12, 12), { tenant: a.slug });
    // The second upload is unknown: the complaint, already written, is rolled back whole.
    const failed = await publicComplaint(a.slug, [{ uploadId: kept }, { uploadId: 'upl_unknown' }], '13900000020');
    expect(failed.data.submitComplaint).toEqual({
      trackingCode: null,
      errors: [{ code: 'UPLOAD_NOT_FOUND', field: 'uploads.1.uploadId', message: expect.any(String) }],
    });
    const invalid = await publicComplaint(a.slug, [{ uploadId: kept }], 'not a phone');
    expect(invalid.data.submitComplaint.errors[0]).toMatchObject({ code: 'INVALID_INPUT', field: 'complainant.phone' });
    expect(await storedCounts(server)).toEqual({ ...before, staged: before.staged + 1, blobs: before.blobs + 2 });
    const [{ key }] = await server.ownerQuery(`SELECT file_key AS key FROM staged_uploads ORDER BY created_at DESC LIMIT 1`);

    // Not yet expired: the sweeper keeps it.
    expect(await server.app.uploads.sweep()).toBe(0);
    server.clock.advance(25 * 3600_000);
    // Expired: attaching is refused, and the sweeper (run by the job queue) deletes row and bytes.
    const late = await publicComplaint(a.slug, [{ uploadId: kept }], '13900000021');
    expect(late.data.submitComplaint.errors[0].code).toBe('UPLOAD_NOT_FOUND');
    await server.ownerQuery(`SELECT graphile_worker.add_job('sweep-staged-uploads')`);
    const after = await poll(
      () =>
        server.ownerQuery(
          `SELECT (SELECT count(*)::int FROM staged_uploads) AS staged, (SELECT count(*)::int FROM file_blobs WHERE file_key LIKE $1) AS blobs`,
          [`${key}%`],
        ),
      ([row]) => row.staged === 0 && row.blobs === 0,
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(after).toEqual([{ staged: 0, blobs: 0 }]);
    // Attached files stay.
    expect((await storedCounts(server)).evidence).toBe(before.evidence);
  });
});

async function findByCode(code: string): Promise<{ id: string }> {
  const result = await server.request(
    `query ($text: String!) { complaints(filter: { text: $text }, first: 1) { edges { node { id } } } }`,
    { text: code },
    { token: a.staff.agent },
  );
  return result.data.complaints.edges[0].node;
}
