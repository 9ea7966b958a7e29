import sharp from 'sharp';
import { describeInBrowser } from '../support/browser';
import { fileComplaint, SAMPLE_COMPLAINT } from '../support/complaint-fixtures';
import { pngImage, sha256 } from '../support/evidence-files';
import { expectNoConsoleErrors, screenshot, signInAs, startConsole, type ConsoleRig } from './support/console-browser';
import { createConsoleTenant, type ConsoleTenant } from './support/console-tenant';
import { englishPage, openComplaint } from './support/complaint-page';

/** What the test reads of an <img> in the page. */
interface DrawnImage {
  complete: boolean;
  naturalWidth: number;
  naturalHeight: number;
}

describeInBrowser('the complaint page: evidence files', () => {
  let rig: ConsoleRig;
  let tenant: ConsoleTenant;

  beforeAll(async () => {
    rig = await startConsole();
    tenant = await createConsoleTenant(rig.server, 'console-evidence');
  });

  afterAll(async () => {
    await rig?.stop();
  });

  it('a member uploads a photo as an internal file and sees its thumbnail, source and marker; the download is the photo', async () => {
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, { ...SAMPLE_COMPLAINT, evidence: [] });
    const photo = await pngImage(800, 600, '#3080c0');
    const { page } = await englishPage(rig);
    const noErrors = expectNoConsoleErrors(page);
    await signInAs(page, tenant.agent);
    await openComplaint(page, complaint.id);
    const section = page.getByTestId('section-evidence');
    await section.getByText('None').waitFor();

    await section.getByTestId('evidence-add').click();
    await page.getByTestId('evidence-input').setInputFiles({ name: 'door seal.png', mimeType: 'image/png', buffer: photo });
    await page.getByText('1 file(s) chosen').waitFor();
    expect(await page.getByRole('checkbox', { name: /^Internal: staff only/ }).isChecked()).toBe(true);
    await page.getByTestId('evidence-submit').click();

    await page.getByText('Files added').waitFor();
    const file = section.getByTestId('evidence-file');
    await file.waitFor();
    expect(await file.getAttribute('data-file-name')).toBe('door seal.png');
    expect(await file.getByTestId('evidence-internal').textContent()).toBe('Internal');
    expect(await file.getByText('Added by staff').count()).toBe(1);
    // The thumbnail is drawn: the browser loaded and decoded a real, small image.
    const thumbnail = file.getByTestId('evidence-thumbnail');
    await page.waitForFunction(
      (img) => (img as DrawnImage).complete && (img as DrawnImage).naturalWidth > 0,
      await thumbnail.elementHandle(),
    );
    const drawn = await thumbnail.evaluate((img) => [(img as DrawnImage).naturalWidth, (img as DrawnImage).naturalHeight]);
    expect(drawn).toEqual([320, 240]);
    const thumbnailBytes = await page.evaluate(
      async (src) => [...new Uint8Array(await (await fetch(src)).arrayBuffer())],
      (await thumbnail.getAttribute('src')) ?? '',
    );
    expect((await sharp(Buffer.from(thumbnailBytes)).metadata()).format).toBe('webp');

    const href = await file.getByTestId('evidence-download').getAttribute('href');
    const downloaded = await page.evaluate(async (url) => [...new Uint8Array(await (await fetch(url!)).arrayBuffer())], href);
    expect(sha256(Buffer.from(downloaded))).toBe(sha256(photo));
    await screenshot(page, 'complaint-evidence');

    const stored = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { version evidence { fileName internal source } } }`,
      { id: complaint.id },
      { token: tenant.agent.token },
    );
    expect(stored.data.complaint).toEqual({ version: 2, evidence: [{ fileName: 'door seal.png', internal: true, source: 'STAFF' }] });
    noErrors();
  });

  it('tells which file was refused and why, attaching nothing', async () => {
    const complaint = await fileComplaint(rig.server, tenant.staff.agent, { ...SAMPLE_COMPLAINT, evidence: [] });
    const { page } = await englishPage(rig);
    await signInAs(page, tenant.agent);
    await openComplaint(page, complaint.id);
    const section = page.getByTestId('section-evidence');
    await section.getByTestId('evidence-add').click();
    await page
      .getByTestId('evidence-input')
      .setInputFiles({ name: 'page.png', mimeType: 'image/png', buffer: Buffer.from('<html><body>hi</body></html>') });
    await page.getByTestId('evidence-submit').click();
    await page.getByText('page.png: files of this type are not accepted (photos and PDF are)').waitFor();
    const stored = await rig.server.request(
      `query ($id: ID!) { complaint(id: $id) { version evidence { id } } }`,
      { id: complaint.id },
      { token: tenant.agent.token },
    );
    expect(stored.data.complaint).toEqual({ version: 1, evidence: [] });
  });
});
