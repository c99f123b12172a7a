// Copying a secret or a token: it goes to the clipboard without being shown,
// and the clipboard is emptied CLIPBOARD_MS later, where the browser allows,
// so it does not wait there for the next paste.

export const CLIPBOARD_MS = 30_000;
export const COPIED = 'Copied. The clipboard is cleared in 30 seconds.';
export const CLEARED = 'Clipboard cleared.';
export const CLIPBOARD_REFUSED = 'The browser refused clipboard access.';

// One clipboard per page: a later copy restarts the wait. The timer outlives
// the component that copied, so leaving the page still clears the clipboard.
let clearTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * Puts `value` on the clipboard and empties it 30 s later. `status` hears
 * COPIED, then CLEARED, or '' when the browser refused the clearing write
 * (it allows writes only while the page has focus: the copy is then the
 * user's to clear). Resolves false when the browser refused the copy itself.
 */
export async function copyThenClear(value: string, status: (message: string) => void): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(value);
  } catch {
    return false;
  }
  status(COPIED);
  clearTimeout(clearTimer);
  clearTimer = setTimeout(() => {
    navigator.clipboard.writeText('').then(
      () => status(CLEARED),
      () => status(''),
    );
  }, CLIPBOARD_MS);
  return true;
}
