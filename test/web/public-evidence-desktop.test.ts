import { jpegImage, pngImage, sha256 } from '../support/evidence-files';
import { describeInBrowser } from '../support/browser';
import { poll } from '../support/poll';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { openComplaint } from './support/complaint-page';
import { complaintByCode, createPublicTenant, expectAccessible, type PublicTenantRig } from './support/public-pages';
import { drawnImages, evidenceOf, notification, PREVIEWS, THUMBNAILS } from './support/public-evidence';

/**
 * Evidence and messages by email on the public pages, in English at a desktop, with the
 * server's default limits: a photo with the complaint and the tick for messages by email
 * (recorded with the page's language; the receipt is written), one more file added from the
 * status page, listed at once and seen by the staff.
 */
/** A file name with HTML in it (no slash: the server keeps what follows the last one). */
const LABEL = '<b>label.jpg';

describeInBrowser('evidence files on the public pages, in English on a desktop', () => {
  let rig: ConsoleRig;
  let deskShop: PublicTenantRig;

  beforeAll(async () => {
    rig = await startConsole();
    deskShop = await createPublicTenant(rig.server, 'ev-desk');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('in English on a desktop: a photo with the complaint and messages by email, one more file from the status page', async () => {
    const photo = await pngImage(160, 120, '#208040');
    const label = await jpegImage(100, 100, '#806020');
    const { page } = await rig.newPage({ locale: 'zh-CN' });
    const noErrors = expectNoConsoleErrors(page);
    await page.goto('/t/ev-desk/complain');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Make a complaint' }).waitFor();
    expect(await page.locator('#field-uploads-limits').textContent()).toBe(
      'Up to 20 files, each at most 10 MB (JPEG, PNG, WEBP, GIF, HEIC, HEIF, PDF).',
    );

    await page.getByLabel('Your name').fill('Chen Jie');
    await page.getByLabel('Phone number').fill('13812340088');
    await page.getByLabel('What happened?').fill('The desk lamp arrived with a cracked shade.');
    // The tick for messages by email needs an address to write to.
    await page.getByLabel('Email me about this complaint').check();
    await page.getByLabel(/^I agree that Tenant ev-desk may contact me/).check();
    await page.getByTestId('complaint-submit').click();
    await page.getByText('Give the email address to write to, or untick “Email me about this complaint”.').waitFor();
    expect(await page.evaluate('document.activeElement?.id')).toBe('field-complainant-email');
    await page.getByLabel('Email address').fill('chen.jie@example.com');

    await page.getByTestId('evidence-input').setInputFiles({ name: 'shade.png', mimeType: 'image/png', buffer: photo });
    await page.locator('[data-testid="chosen-file"][data-state="ready"]').waitFor();
    await drawnImages(page, PREVIEWS, 1);
    await page.getByTestId('complaint-submit').click();
    await page.getByRole('heading', { level: 1, name: 'Your complaint has been sent' }).waitFor();
    const code = (await page.getByTestId('tracking-code').textContent())!;

    // Recorded: write to this address, in English; the receipt is written (kept, as no SMTP server is configured).
    expect(await notification(rig, code)).toEqual({ notify_email: 'chen.jie@example.com', notify_locale: 'en' });
    const mail = await poll(
      async () =>
        (
          await rig.server.request(
            `{ sentMail(filter: { to: "chen.jie@example.com" }) { edges { node { event locale status subject text } } } }`,
            {},
            { token: deskShop.staff.admin },
          )
        ).data.sentMail.edges.map((edge: any) => edge.node),
      (messages: any[]) => messages.some((message) => message.status === 'KEPT'),
      { timeoutMs: 15_000, intervalMs: 200 },
    );
    expect(mail).toEqual([expect.objectContaining({ event: 'COMPLAINT_RECEIVED', locale: 'en', status: 'KEPT' })]);
    expect(mail[0].text).toContain(code);

    // One more from the status page: sent with the code, added to the complaint, listed at once.
    await page.getByTestId('open-status').click();
    const files = page.getByTestId('status-files');
    await files.getByTestId('evidence-item').waitFor();
    await expectAccessible(page);
    // Its name has HTML in it: shown as the text it is.
    await files.getByLabel('Add a photo or file').setInputFiles({ name: LABEL, mimeType: 'image/jpeg', buffer: label });
    await files.locator(`[data-testid="evidence-item"][data-file-name="${LABEL}"]`).waitFor();
    expect(await files.getByTestId('evidence-item').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-file-name')))).toEqual([
      'shade.png',
      LABEL,
    ]);
    expect(await files.getByTestId('chosen-file').count()).toBe(0);
    await files.getByText(`Added to your complaint: ${LABEL}.`).waitFor({ state: 'attached' });
    expect(await files.getByTestId('evidence-link').nth(1).textContent()).toBe(`${LABEL} (opens in a new tab)`);
    expect(await files.locator('b').count()).toBe(0);
    await drawnImages(page, THUMBNAILS, 2);
    expect(await files.locator('.file-meta').nth(1).textContent()).toMatch(
      // Sent at the test's epoch (10:00 in Shanghai), its clock running on since.
      new RegExp(`^${label.length} B · Sent by you · November 25, 2026 at 10:\\d\\d AM$`),
    );
    await expectAccessible(page);
    await screenshot(page, 'public-evidence-status-desktop');

    const filed = await complaintByCode(rig.server, deskShop.staff.supervisor, code);
    expect(await evidenceOf(rig, deskShop.staff.supervisor, filed.id)).toEqual([
      { fileName: 'shade.png', contentType: 'image/png', sha256: sha256(photo), source: 'COMPLAINANT', internal: false },
      { fileName: LABEL, contentType: 'image/jpeg', sha256: sha256(label), source: 'COMPLAINANT', internal: false },
    ]);
    const staff = await rig.newPage();
    await signInAs(staff.page, deskShop.supervisor);
    await openComplaint(staff.page, filed.id);
    await staff.page.locator(`[data-testid="evidence-file"][data-file-name="${LABEL}"]`).waitFor();
    noErrors();
  });
});
