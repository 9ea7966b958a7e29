/** Ways a complainant keeps their tracking code: the clipboard, a text file, a picture. */

export async function copyText(text: string, fallback: HTMLElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard access (an insecure origin, a refusal): select the text and copy that.
    if (!fallback) return false;
    const range = document.createRange();
    range.selectNodeContents(fallback);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    }
  }
}

/** Offers `blob` as a download named `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function textFile(lines: string[]): Blob {
  return new Blob([`${lines.join('\r\n')}\r\n`], { type: 'text/plain;charset=utf-8' });
}

/** A picture of the code to keep in a phone's photos: the organisation, the code large, the link. */
export function codeImage(lines: { title: string; label: string; code: string; link: string }): Promise<Blob> {
  const width = 900;
  const height = 420;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return Promise.reject(new Error('No canvas'));
  const sans = 'system-ui, -apple-system, "Segoe UI", "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif';
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, width, height);
  context.fillStyle = '#111827';
  context.textBaseline = 'top';
  context.font = `600 34px ${sans}`;
  context.fillText(lines.title, 48, 48, width - 96);
  context.fillStyle = '#374151';
  context.font = `28px ${sans}`;
  context.fillText(lines.label, 48, 130, width - 96);
  context.fillStyle = '#111827';
  context.font = `700 64px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace`;
  context.fillText(lines.code, 48, 180, width - 96);
  context.fillStyle = '#374151';
  context.font = `22px ${sans}`;
  context.fillText(lines.link, 48, 320, width - 96);
  return new Promise((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('No image'))), 'image/png'));
}
