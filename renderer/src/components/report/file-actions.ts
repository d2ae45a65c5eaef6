// Getting report text out of the page: the clipboard, and a download the browser saves.

/**
 * Copy text: the async Clipboard API first; where the system denies it (the desktop app denies
 * web permissions by policy) the older selection copy, which needs no permission inside a click.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'offscreen';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}

/** A download of text under a given name (the web UI's "save"): the browser asks or saves it. */
export function downloadText(text: string, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // The browser has taken the blob once click() returns; keep it a moment for slow save dialogs.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
