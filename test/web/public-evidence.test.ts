import { describeInBrowser } from '../support/browser';
import { jpegImage, pngImage, sha256 } from '../support/evidence-files';
import { NO_RATE_LIMITS } from '../support/test-server';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { openComplaint } from './support/complaint-page';
import {
  complaintByCode,
  createPublicTenant,
  expectAccessible,
  expectNoSidewaysScroll,
  type PublicTenantRig,
} from './support/public-pages';
import { drawnImages, evidenceOf, noisyPng, notification, PREVIEWS, storedByName, THUMBNAILS } from './support/public-evidence';

/** The server here takes files of at most 64 KiB, and four public uploads per organisation an hour. */
const MAX_UPLOAD = 64 * 1024;
const UPLOADS_PER_TENANT = 4;

/**
 * Evidence on the public form, on a phone: a complainant attaches photos (each sent as it is
 * chosen, previewed from the file itself) and sees them on the status page; the staff see them
 * on the console. Files the server would not take are refused with the reason in the page's
 * language, and nothing of them is kept. (In English on a desktop: public-evidence-desktop.)
 */
describeInBrowser('evidence files on the public pages', () => {
  let rig: ConsoleRig;
  let phoneShop: PublicTenantRig;

  beforeAll(async () => {
    rig = await startConsole({
      files: { maxUploadBytes: MAX_UPLOAD },
      rateLimits: { ...NO_RATE_LIMITS, evidenceUpload: { perAddress: 0, perTenant: UPLOADS_PER_TENANT, windowSeconds: 3600 } },
    });
    phoneShop = await createPublicTenant(rig.server, 'ev-phone');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('on a phone, in Chinese: two photos with the complaint, their thumbnails on the status page, both on the console', async () => {
    const photo = await pngImage(120, 90, '#c03020');
    const receipt = await jpegImage(90, 120, '#2050c0');
    const { page } = await rig.newPage({ phone: true, locale: 'zh-CN' });
    const noErrors = expectNoConsoleErrors(page);
    await page.goto('/t/ev-phone/complain');
    await page.getByRole('heading', { level: 1, name: '我要投诉' }).waitFor();
    const section = page.getByTestId('evidence-section');
    expect(await section.locator('legend').textContent()).toBe('照片和文件');
    expect(await section.locator('#field-uploads-limits').textContent()).toBe(
      '最多20个文件，每个不超过64 kB（JPEG, PNG, WEBP, GIF, HEIC, HEIF, PDF）。',
    );
    expect(await page.getByTestId('evidence-input').getAttribute('accept')).toBe('image/*,application/pdf');
    // The picker is labelled (a phone offers its camera and photos for image/*).
    expect(await page.getByLabel('添加照片或文件').getAttribute('type')).toBe('file');

    await page.getByLabel('您的姓名').fill('周敏');
    await page.getByLabel('手机号码').fill('138 1234 0077');
    await page.getByLabel('发生了什么？').fill('收到的台灯灯罩破裂，附照片和小票。');
    await page.getByTestId('evidence-input').setInputFiles([
      { name: '灯罩.png', mimeType: 'image/png', buffer: photo },
      { name: 'receipt.jpg', mimeType: 'image/jpeg', buffer: receipt },
    ]);
    const chosen = page.getByTestId('chosen-file');
    await page.locator('[data-testid="chosen-file"][data-state="ready"]').nth(1).waitFor();
    expect(await chosen.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file-name')))).toEqual(['灯罩.png', 'receipt.jpg']);
    expect(await chosen.locator('.file-meta').allTextContents()).toEqual([`${photo.length} B · 已上传`, `${receipt.length} B · 已上传`]);
    // Previews drawn in the browser from the files themselves, before anything was filed.
    const previews = await drawnImages(page, PREVIEWS, 2);
    expect(previews.every((src) => src.startsWith('blob:'))).toBe(true);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await page.getByLabel('我同意Tenant ev-phone就本投诉通过电话或电子邮件与我联系。').check();
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('submitted').waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!;

    // The status page shows both, the images as thumbnails the server made, each a link to the file.
    await page.getByTestId('open-status').click();
    const files = page.getByTestId('status-files');
    await files.getByTestId('evidence-item').nth(1).waitFor();
    expect(await files.getByTestId('evidence-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file-name')))).toEqual([
      '灯罩.png',
      'receipt.jpg',
    ]);
    const thumbnails = await drawnImages(page, THUMBNAILS, 2);
    expect(thumbnails.every((src) => new URL(src).pathname.endsWith('/thumbnail'))).toBe(true);
    const href = await files.getByTestId('evidence-link').first().getAttribute('href');
    expect(href).toMatch(/^\/files\/[0-9a-f-]{36}\?tenant=/);
    const downloaded = await page.evaluate(async (url) => [...new Uint8Array(await (await fetch(url!)).arrayBuffer())], href);
    expect(sha256(Buffer.from(downloaded))).toBe(sha256(photo));
    expect(await files.locator('.file-meta').first().textContent()).toMatch(/^.+ · 您提交的 · .+$/);
    await expectNoSidewaysScroll(page);
    await expectAccessible(page);
    await screenshot(page, 'public-evidence-status-phone');

    // The staff have both, the complainant's, not internal, the bytes as sent.
    const filed = await complaintByCode(rig.server, phoneShop.staff.supervisor, code);
    expect(await evidenceOf(rig, phoneShop.staff.supervisor, filed.id)).toEqual([
      { fileName: '灯罩.png', contentType: 'image/png', sha256: sha256(photo), source: 'COMPLAINANT', internal: false },
      { fileName: 'receipt.jpg', contentType: 'image/jpeg', sha256: sha256(receipt), source: 'COMPLAINANT', internal: false },
    ]);
    const staff = await rig.newPage();
    await signInAs(staff.page, phoneShop.supervisor);
    await openComplaint(staff.page, filed.id);
    const onConsole = staff.page.getByTestId('section-evidence').getByTestId('evidence-file');
    await onConsole.nth(1).waitFor();
    expect(
      await onConsole.evaluateAll((rows) => rows.map((row) => [row.getAttribute('data-file-name'), row.getAttribute('data-source')])),
    ).toEqual([
      ['灯罩.png', 'COMPLAINANT'],
      ['receipt.jpg', 'COMPLAINANT'],
    ]);
    // No address given, no tick: nothing to write to.
    expect(await notification(rig, code)).toEqual({ notify_email: null, notify_locale: null });
    noErrors();
  });

  it('refuses a file too large, one of a type not taken, one that is not what its name says, and one too many: nothing of them is kept', async () => {
    // No plugin, no members: the default form, the administrator to look.
    const shop = await rig.server.createTenant('ev-refuse');
    const { page, context } = await rig.newPage({ locale: 'en-US' });
    await context.addInitScript(() => (globalThis as any).localStorage.setItem('redress.public.locale', 'en'));
    // The browser logs the refused uploads' HTTP statuses; nothing else may go wrong.
    const noErrors = expectNoConsoleErrors(page, [/status of 41[5]/, /status of 429/]);
    await page.goto('/t/ev-refuse/complain');
    await page.getByRole('heading', { level: 1, name: 'Make a complaint' }).waitFor();
    const input = page.getByTestId('evidence-input');
    const row = (name: string) => page.locator(`[data-testid="chosen-file"][data-file-name="${name}"]`);
    const refusal = async (name: string) => {
      await row(name).and(page.locator('[data-state="refused"]')).waitFor();
      return row(name).getByTestId('chosen-error').textContent();
    };

    // Too large: told from the file's size, never sent.
    await input.setInputFiles({ name: 'big.png', mimeType: 'image/png', buffer: await noisyPng(2 * MAX_UPLOAD) });
    expect(await refusal('big.png')).toBe('This file is too large: at most 64 kB per file.');
    // A web page named as a photo: its bytes are no type the server takes.
    await input.setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from('<html><body>not a photo</body></html>') });
    expect(await refusal('photo.png')).toBe('Files of this type are not accepted. Send JPEG, PNG, WEBP, GIF, HEIC, HEIF, PDF.');
    // A JPEG named and labelled as a PNG.
    await input.setInputFiles({ name: 'label.png', mimeType: 'image/png', buffer: await jpegImage(40, 40) });
    expect(await refusal('label.png')).toBe(
      'The file is not what its name says: its contents are of another type. Choose the original photo or document.',
    );
    // Two good ones use up the organisation's uploads for the hour (refused ones count too); a third is refused.
    const shelf = await pngImage(50, 50, '#505050');
    await input.setInputFiles({ name: 'shelf.png', mimeType: 'image/png', buffer: shelf });
    await row('shelf.png').and(page.locator('[data-state="ready"]')).waitFor();
    await input.setInputFiles({ name: 'spare.png', mimeType: 'image/png', buffer: await pngImage(30, 30) });
    await row('spare.png').and(page.locator('[data-state="ready"]')).waitFor();
    await input.setInputFiles({ name: 'third.png', mimeType: 'image/png', buffer: await pngImage(20, 20) });
    expect(await refusal('third.png')).toBe('Too many files from this connection. Please try again in a few minutes.');
    await expectAccessible(page);
    await screenshot(page, 'public-evidence-refused');

    // A file taken may still be removed: it is not sent with the complaint.
    await page.getByRole('button', { name: 'Remove spare.png' }).click();
    await row('spare.png').waitFor({ state: 'detached' });
    expect(await page.getByTestId('chosen-file').evaluateAll((rows) => rows.map((found) => found.getAttribute('data-file-name')))).toEqual([
      'big.png',
      'photo.png',
      'label.png',
      'shelf.png',
      'third.png',
    ]);

    // An address without the tick: the address is kept with the complaint, but not written to.
    await page.getByLabel('Your name').fill('Li Lei');
    await page.getByLabel('Email address').fill('li.lei@example.com');
    await page.getByLabel('What happened?').fill('Only one of my files is the real one.');
    await page.getByLabel(/^I agree that Tenant ev-refuse may contact me/).check();
    await page.getByTestId('complaint-submit').click();
    await page.getByTestId('submitted').waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!;

    const filed = await complaintByCode(rig.server, shop.adminToken, code);
    expect(await evidenceOf(rig, shop.adminToken, filed.id)).toEqual([
      { fileName: 'shelf.png', contentType: 'image/png', sha256: sha256(shelf), source: 'COMPLAINANT', internal: false },
    ]);
    // Nothing of the refused files anywhere; the removed one waits, staged, to expire unused.
    expect(await storedByName(rig, 'ev-refuse', ['big.png', 'photo.png', 'label.png', 'third.png'])).toEqual({ staged: 0, evidence: 0 });
    expect(await storedByName(rig, 'ev-refuse', ['spare.png'])).toEqual({ staged: 1, evidence: 0 });
    expect(await notification(rig, code)).toEqual({ notify_email: null, notify_locale: null });
    noErrors();
  });
});
