/**
 * The page side of the preview's clipboard (the host side is ../browser-clipboard.ts). A web
 * page may write the clipboard only while focused; reading it needs the person's permission.
 * - write: what main copied during a click, written in the answer to that click.
 * - clear: when main's delay is over. The page clears only what it wrote itself and only after
 *   reading that the clipboard still holds it, which the browser allows only with the
 *   "clipboard-read" permission (the page never asks for it: a prompt 30 s after a click would
 *   puzzle anyone). Without that permission the copy stays, as the README says. A clear that
 *   arrives while another tab or window has the focus waits until the page has it again.
 */

export interface ClipboardAccess {
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  /** Whether reading is allowed without a prompt (the "clipboard-read" permission is granted). */
  mayRead(): Promise<boolean>;
  hasFocus(): boolean;
  /** Calls `callback` once, the next time the page gets the focus. */
  onNextFocus(callback: () => void): void;
}

export interface ClipboardKeeper {
  /** Writes main's copy; false when the browser refused (e.g. the page is not focused). */
  write(text: string): Promise<boolean>;
  /** Clears the clipboard if it still holds our last copy (now, or when the page is next focused). */
  clearIfStillOurs(): Promise<void>;
}

export function createClipboardKeeper(access: ClipboardAccess): ClipboardKeeper {
  /** Our last copy, until cleared or replaced. */
  let ours: string | null = null;
  let waitingForFocus = false;

  async function clearNow(): Promise<void> {
    const expected = ours;
    if (expected === null) return;
    if (!access.hasFocus()) {
      if (!waitingForFocus) {
        waitingForFocus = true;
        access.onNextFocus(() => {
          waitingForFocus = false;
          void clearNow();
        });
      }
      return;
    }
    ours = null;
    // Never clear what we cannot see: it may be something the person copied since.
    if (!(await access.mayRead().catch(() => false))) return;
    const current = await access.readText().catch(() => null);
    if (current === expected) await access.writeText('').catch(() => undefined);
  }

  return {
    async write(text) {
      try {
        await access.writeText(text);
      } catch {
        return false;
      }
      ours = text;
      return true;
    },
    clearIfStillOurs: clearNow,
  };
}
