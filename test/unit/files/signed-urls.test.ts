import { FileUrlSigner } from '../../../server/src/files/signed-urls';
import { claimedType, shownInline } from '../../../server/src/files/media-types';

const SECRET = 'a-test-secret-of-at-least-32-characters!';
const TENANT = '11111111-1111-4111-8111-111111111111';
const FILE = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';

/** Checks a path the signer made, as the download route does. */
function check(signer: FileUrlSigner, path: string, variant: 'original' | 'thumbnail' = 'original') {
  const url = new URL(path, 'http://x');
  return signer.check(url.pathname.split('/')[2], variant, Object.fromEntries(url.searchParams));
}

describe('signed file URLs', () => {
  let now = new Date('2026-11-25T02:00:30Z');
  const signer = new FileUrlSigner(SECRET, 300, () => now);

  it('names the file, its tenant and an expiry rounded up to the minute', () => {
    const path = signer.url(TENANT, FILE, 'original');
    // 02:00:30 + 300 s = 02:05:30, rounded up to 02:06:00 (1795572360 in Unix seconds).
    expect(path).toMatch(new RegExp(`^/files/${FILE}\\?tenant=${TENANT}&expires=1795572360&signature=[A-Za-z0-9_-]{43}$`));
    expect(signer.url(TENANT, FILE, 'thumbnail')).toMatch(new RegExp(`^/files/${FILE}/thumbnail\\?`));
    expect(check(signer, path)).toEqual({
      ok: true,
      claims: { tenantId: TENANT, evidenceId: FILE, variant: 'original', expires: 1795572360 },
    });
  });

  it('refuses a URL bent to another file, tenant, variant or expiry, or signed with another secret', () => {
    const path = signer.url(TENANT, FILE, 'original');
    expect(check(signer, path.replace(`/files/${FILE}`, `/files/${OTHER}`))).toEqual({ ok: false, reason: 'invalid' });
    expect(check(signer, path.replace(`tenant=${TENANT}`, `tenant=${OTHER}`))).toEqual({ ok: false, reason: 'invalid' });
    expect(check(signer, path, 'thumbnail')).toEqual({ ok: false, reason: 'invalid' });
    expect(check(signer, path.replace(/expires=\d+/, 'expires=9999999999'))).toEqual({ ok: false, reason: 'invalid' });
    expect(check(new FileUrlSigner(`${SECRET}-other`, 300, () => now), path)).toEqual({ ok: false, reason: 'invalid' });
    expect(signer.check(FILE, 'original', { tenant: [TENANT], expires: '1', signature: {} })).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a URL once its expiry has passed', () => {
    const path = signer.url(TENANT, FILE, 'original');
    now = new Date('2026-11-25T02:05:59Z');
    expect(check(signer, path).ok).toBe(true);
    now = new Date('2026-11-25T02:06:00Z');
    expect(check(signer, path)).toEqual({ ok: false, reason: 'expired' });
  });
});

describe('media types', () => {
  it('reads the claimed type without parameters or case, and knows the common aliases', () => {
    expect(claimedType('Image/PNG; charset=binary')).toBe('image/png');
    expect(claimedType('image/jpg')).toBe('image/jpeg');
    expect(claimedType(undefined)).toBe('');
  });

  it('serves images and PDF inline, anything else as an attachment', () => {
    expect(['image/png', 'image/heic', 'application/pdf', 'application/zip'].map(shownInline)).toEqual([true, true, true, false]);
  });
});
