import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import sharp from 'sharp';
import type { ConsoleRig } from './console-browser';

/** What the test reads of an <img> in the page. */
interface DrawnImage {
  complete: boolean;
  naturalWidth: number;
  src: string;
}

/** Waits until `count` images match `selector`, each loaded and drawn (a real picture the browser decoded); returns their sources. */
export async function drawnImages(page: Page, selector: string, count: number): Promise<string[]> {
  await page.waitForFunction(
    ({ selector, count }) => {
      const found = [...(globalThis as any).document.querySelectorAll(selector)] as DrawnImage[];
      return found.length === count && found.every((img) => img.complete && img.naturalWidth > 0);
    },
    { selector, count },
  );
  return page.locator(selector).evaluateAll((found) => found.map((img) => (img as unknown as DrawnImage).src));
}

export const PREVIEWS = '[data-testid="chosen-files"] [data-testid="chosen-preview"]';
export const THUMBNAILS = '[data-testid="status-files"] [data-testid="evidence-thumbnail"]';

/** A real PNG of random pixels, larger than the server takes. */
export const noisyPng = (bytes: number) => {
  const side = Math.ceil(Math.sqrt(bytes / 3));
  return sharp(randomBytes(side * side * 3), { raw: { width: side, height: side, channels: 3 } })
    .png()
    .toBuffer();
};

/** The complaint's files as the staff's API lists them. */
export async function evidenceOf(rig: ConsoleRig, token: string, id: string) {
  const result = await rig.server.request(
    `query ($id: ID!) { complaint(id: $id) { evidence { fileName contentType sha256 source internal } } }`,
    { id },
    { token },
  );
  return result.data.complaint.evidence;
}

/** Rows the database holds of files with these names in the organisation: staged uploads and evidence, as the owner. */
export async function storedByName(rig: ConsoleRig, slug: string, names: string[]) {
  const [row] = await rig.server.ownerQuery(
    `SELECT (SELECT count(*)::int FROM staged_uploads s JOIN tenants t ON t.id = s.tenant_id WHERE t.slug = $1 AND s.file_name = ANY($2)) AS staged,
            (SELECT count(*)::int FROM complaint_evidence e JOIN tenants t ON t.id = e.tenant_id WHERE t.slug = $1 AND e.file_name = ANY($2)) AS evidence`,
    [slug, names],
  );
  return row;
}

/** Whether the complaint keeps an address to write to, and in which language (complaints.notify_email / notify_locale). */
export async function notification(rig: ConsoleRig, code: string) {
  const [row] = await rig.server.ownerQuery(`SELECT notify_email, notify_locale FROM complaints WHERE tracking_code = $1`, [code]);
  return row;
}
