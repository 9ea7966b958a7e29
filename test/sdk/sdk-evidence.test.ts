import {
  AddComplainantEvidenceDocument,
  AddEvidenceDocument,
  ComplaintStatusDocument,
  TransportError,
  createClient,
  fileComplaint,
  submitComplaint,
  uploadEvidenceFile,
  type RedressClient,
} from '@redress/client-sdk';
import { createStaffedTenant, type Staff } from '../support/complaint-fixtures';
import { download, pdfDocument, pngImage, sha256 } from '../support/evidence-files';
import { startTestServer, type TestServer } from '../support/test-server';

/** The SDK's upload helper and evidence operations against a real server: staff and public paths, and a refusal as a value. */
let server: TestServer;
let staff: Staff;
let slug: string;
let agent: RedressClient;
const origin = () => new URL(server.url).origin;

beforeAll(async () => {
  server = await startTestServer();
  ({ slug, staff } = await createStaffedTenant(server, 'sdk-files'));
  agent = createClient({ url: server.url, token: staff.agent });
});

afterAll(async () => {
  await agent?.dispose();
  await server?.stop();
});

it('stages a file with a signed-in client and attaches it with addEvidence', async () => {
  const photo = await pngImage(40, 30);
  const staged = await uploadEvidenceFile(agent, new File([new Uint8Array(photo)], 'scratch.png', { type: 'image/png' }));
  if (!staged.ok) throw new Error(JSON.stringify(staged.error));
  expect(staged.upload).toMatchObject({
    fileName: 'scratch.png',
    contentType: 'image/png',
    sizeBytes: photo.length,
    sha256: sha256(photo),
  });

  const filed = await fileComplaint(agent, {
    channel: 'PHONE',
    description: 'Scratched',
    demands: ['REPAIR'],
    complainant: { name: '陈三', phone: '13500000001' },
  });
  if (!filed.ok) throw new Error(JSON.stringify(filed.errors));
  const added = await agent.mutate(AddEvidenceDocument, {
    input: {
      complaintId: filed.data.complaint.id,
      uploads: [{ uploadId: staged.upload.uploadId, note: 'From the customer' }],
      internal: false,
    },
  });
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
  const [file] = added.data.complaint!.evidence;
  expect(file).toMatchObject({ fileName: 'scratch.png', source: 'STAFF', internal: false, isImage: true, note: 'From the customer' });
  expect(sha256((await download(server, file.downloadUrl!)).bytes)).toBe(sha256(photo));
});

it('stages files on the public path, for a new complaint and then with the tracking code', async () => {
  const pdf = pdfDocument();
  const first = await uploadEvidenceFile(origin(), new Blob([new Uint8Array(pdf)], { type: 'application/pdf' }), {
    tenantSlug: slug,
    fileName: 'receipt.pdf',
  });
  if (!first.ok) throw new Error(JSON.stringify(first.error));
  const visitor = createClient({ url: server.url });
  const submitted = await submitComplaint(visitor, {
    tenantSlug: slug,
    description: 'Overcharged',
    demands: ['REFUND'],
    complainant: { name: '林四', phone: '13500000002' },
    uploads: [{ uploadId: first.upload.uploadId }],
  });
  if (!submitted.ok) throw new Error(JSON.stringify(submitted.errors));
  const trackingCode = submitted.data.trackingCode;

  const photo = await pngImage(10, 10);
  const second = await uploadEvidenceFile(server.url, new File([new Uint8Array(photo)], 'bill.png', { type: 'image/png' }), {
    tenantSlug: slug,
    trackingCode,
  });
  if (!second.ok) throw new Error(JSON.stringify(second.error));
  const added = await visitor.mutate(AddComplainantEvidenceDocument, {
    input: { tenantSlug: slug, trackingCode, uploads: [{ uploadId: second.upload.uploadId }] },
  });
  if (!added.ok) throw new Error(JSON.stringify(added.errors));
  expect(added.data.status!.evidence.map((file) => [file.fileName, file.source])).toEqual([
    ['receipt.pdf', 'COMPLAINANT'],
    ['bill.png', 'COMPLAINANT'],
  ]);
  const status = await visitor.query(ComplaintStatusDocument, { tenantSlug: slug, trackingCode });
  expect(status.complaintStatus!.evidence).toHaveLength(2);
  await visitor.dispose();
});

it('returns a refusal as a typed value and throws only when no answer comes', async () => {
  const photo = await pngImage(10, 10);
  const refused = await uploadEvidenceFile(agent, new File([new Uint8Array(photo)], 'x.pdf', { type: 'application/pdf' }));
  expect(refused).toEqual({
    ok: false,
    error: { code: 'FILE_TYPE_MISMATCH', message: expect.any(String), status: 415, retryAfterSeconds: null },
  });
  const unknown = await uploadEvidenceFile(origin(), new Blob([new Uint8Array(photo)], { type: 'image/png' }), {
    tenantSlug: 'nobody-here',
    fileName: 'a.png',
  });
  expect(unknown.ok === false && unknown.error.code).toBe('NOT_FOUND');
  await expect(
    uploadEvidenceFile('http://127.0.0.1:1', new Blob([new Uint8Array(photo)], { type: 'image/png' }), {
      tenantSlug: slug,
      fileName: 'a.png',
    }),
  ).rejects.toBeInstanceOf(TransportError);
});
