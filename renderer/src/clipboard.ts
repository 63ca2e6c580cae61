/**
 * Copies text for the user. The async Clipboard API is tried first; where the window's
 * permission handler refuses it (the Electron window denies every permission request), the
 * older copy command on a hidden text area does the same job on a user click.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'clipboard-helper';
    document.body.append(area);
    area.select();
    try {
      return document.execCommand('copy');
    } finally {
      area.remove();
    }
  }
}
