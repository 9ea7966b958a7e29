/**
 * The report routes (`/reports/<id>.csv|html`) take the same bearer token as the API, not a
 * cookie: a plain link cannot carry it, so the file is fetched with the session's token and
 * handed to the browser as a Blob.
 */
export async function fetchReport(path: string, token: string | null, locale: string): Promise<Blob> {
  const response = await fetch(new URL(path, window.location.origin), {
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'accept-language': locale },
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `HTTP ${response.status}`);
  }
  return response.blob();
}

/** Saves a Blob under a file name (the browser's download). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Shows a Blob (the printable HTML report) in a window opened beforehand, within the click. */
export function showBlob(blob: Blob, target: Window | null): void {
  const url = URL.createObjectURL(blob);
  if (target) target.location.href = url;
  else window.location.href = url;
  setTimeout(() => URL.revokeObjectURL(url), 600_000);
}
