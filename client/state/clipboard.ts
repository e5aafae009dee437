/** Copies text; falls back to selecting it (and execCommand) where the clipboard API is refused. */
export async function copyText(text: string, select?: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (select) {
      select.focus();
      select.select();
      try {
        return document.execCommand('copy');
      } catch {
        return false;
      }
    }
    return false;
  }
}
