import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createStaffedTenant, fileComplaint, type Staff } from '../support/complaint-fixtures';
import { download, EVIDENCE_FIELDS, pdfDocument, pngImage, sha256, staged, storedCounts } from '../support/evidence-files';
import { startLocalS3, type LocalS3 } from '../support/s3-server';
import { startTestServer, type TestServer } from '../support/test-server';

/**
 * Evidence files in an S3-compatible bucket (FILE_STORE=s3), against a real S3 server on
 * 127.0.0.1: the bytes go to the bucket, nothing to the database's file table; downloads and
 * thumbnails come back from it; the sweeper deletes expired uploads' objects.
 */
let s3: LocalS3;
let server: TestServer;
let client: S3Client;
let tenant: { slug: string; staff: Staff };
const PREFIX = 'evidence/';

/** The object's bytes, or null when the bucket has none under `key`. */
const objectBytes = async (key: string): Promise<Buffer | null> => {
  try {
    const object = await client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
    return Buffer.from(await object.Body!.transformToByteArray());
  } catch (error) {
    if ((error as Error).name === 'NoSuchKey') return null;
    throw error;
  }
};

/** The keys the database names for the latest staged upload. */
const latestStagedKeys = async (): Promise<{ file: string; thumbnail: string | null }> => {
  const [row] = await server.ownerQuery(
    `SELECT file_key AS file, thumbnail_key AS thumbnail FROM staged_uploads ORDER BY created_at DESC LIMIT 1`,
  );
  return row;
};

beforeAll(async () => {
  s3 = await startLocalS3('redress-evidence');
  const store = {
    kind: 's3' as const,
    bucket: s3.bucket,
    region: 'us-east-1',
    endpoint: s3.endpoint,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
    keyPrefix: PREFIX,
  };
  client = new S3Client({
    region: store.region,
    endpoint: store.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: store.accessKeyId, secretAccessKey: store.secretAccessKey },
  });
  server = await startTestServer({ files: { store } });
  tenant = await createStaffedTenant(server, 's3-files');
});

afterAll(async () => {
  client?.destroy();
  await server?.stop();
  await s3?.stop();
});

it('keeps the bytes and the thumbnail in the bucket, under the tenant, and serves them back', async () => {
  const photo = await pngImage(500, 250);
  const uploadId = await staged(server, photo, { token: tenant.staff.agent, fileName: 'dent.png' });
  const keys = await latestStagedKeys();
  const [{ id: tenantId }] = await server.ownerQuery(`SELECT id FROM tenants WHERE slug = $1`, [tenant.slug]);
  expect(keys).toEqual({ file: expect.stringMatching(new RegExp(`^${tenantId}/[0-9a-f-]{36}$`)), thumbnail: `${keys.file}.thumbnail` });
  const stored = await client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `${PREFIX}${keys.file}` }));
  expect(stored.ContentType).toBe('image/png');
  expect(sha256((await objectBytes(`${PREFIX}${keys.file}`))!)).toBe(sha256(photo));
  expect(await objectBytes(`${PREFIX}${keys.thumbnail}`)).not.toBeNull();

  const complaint = await fileComplaint(server, tenant.staff.agent, {
    channel: 'PHONE',
    description: 'A dent',
    demands: ['REPAIR'],
    complainant: { name: '冯二', phone: '13600000001' },
    uploads: [{ uploadId }],
  });
  const read = await server.request(
    `query ($id: ID!) { complaint(id: $id) { ${EVIDENCE_FIELDS} } }`,
    { id: complaint.id },
    {
      token: tenant.staff.agent,
    },
  );
  const [file] = read.data.complaint.evidence;
  const original = await download(server, file.downloadUrl);
  expect([original.status, original.headers.get('content-type'), sha256(original.bytes)]).toEqual([200, 'image/png', sha256(photo)]);
  const thumbnail = await download(server, file.thumbnailUrl);
  expect([thumbnail.status, thumbnail.headers.get('content-type')]).toEqual([200, 'image/webp']);
  // Nothing went to the database's own file table.
  expect((await storedCounts(server)).blobs).toBe(0);
});

it('deletes an expired upload’s object with its row', async () => {
  const pdf = pdfDocument();
  await staged(server, pdf, { token: tenant.staff.agent, contentType: 'application/pdf', fileName: 'x.pdf' });
  const keys = await latestStagedKeys();
  expect(keys.thumbnail).toBeNull();
  expect(await objectBytes(`${PREFIX}${keys.file}`)).toEqual(pdf);
  server.clock.advance(25 * 3600_000);
  expect(await server.app.uploads.sweep()).toBe(1);
  expect(await objectBytes(`${PREFIX}${keys.file}`)).toBeNull();
  expect((await storedCounts(server)).staged).toBe(0);
  // The attached file stays.
  const [{ key }] = await server.ownerQuery(`SELECT file_key AS key FROM complaint_evidence WHERE file_key IS NOT NULL`);
  expect(await objectBytes(`${PREFIX}${key}`)).not.toBeNull();
});
