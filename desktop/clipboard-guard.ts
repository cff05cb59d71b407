/**
 * Clipboard hygiene for codes and credential IDs, electron-free: the Electron glue passes the
 * system clipboard as a port, tests pass a recording one and a manual scheduler.
 *
 * - Every copy is marked as concealed in the formats each OS's clipboard managers honour, in the
 *   same atomic write as the text, so that no history tool ever sees an unmarked copy.
 * - After the configured delay the clipboard is cleared, but only if it still holds exactly what
 *   we wrote: something the user copied since is never touched.
 * - A delay of 0 means "never clear" (the user's choice in the settings).
 */

/** The system clipboard as the guard needs it. */
export interface SystemClipboard {
  /**
   * Writes `text` as plain text together with the given raw platform formats, in one commit
   * (a reader must never see the text without its concealment marks).
   */
  writeText(text: string, rawFormats: Readonly<Record<string, Uint8Array>>): Promise<void> | void;
  readText(): Promise<string> | string;
  clear(): Promise<void> | void;
}

/** setTimeout/clearTimeout, injectable so tests move time themselves. */
export interface Scheduler {
  schedule(callback: () => void, delayMs: number): unknown;
  cancel(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  schedule: (callback, delayMs) => {
    const timer = setTimeout(callback, delayMs);
    // A pending clear must not keep a quitting app (or a test process) alive.
    timer.unref?.();
    return timer;
  },
  cancel: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export type ClipboardPlatform = 'linux' | 'win32' | 'darwin';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** A little-endian DWORD 0: Windows reads these two formats as "not allowed". */
const DWORD_ZERO = new Uint8Array(4);

/**
 * The concealment formats per platform, each with its documented meaning:
 * - Linux (KDE Klipper and the clipboard managers that follow it): `x-kde-passwordManagerHint`
 *   = "secret" keeps the entry out of the history.
 * - Windows: `ExcludeClipboardContentFromMonitorProcessing` (any content) tells clipboard
 *   monitors to ignore the entry; `CanIncludeInClipboardHistory` = 0 and
 *   `CanUploadToCloudClipboard` = 0 keep it out of Win+V history and cloud sync.
 * - macOS (nspasteboard.org convention, honoured by most clipboard managers):
 *   `org.nspasteboard.ConcealedType` marks the entry as a password-like secret.
 */
export function concealmentFormats(platform: string): Record<string, Uint8Array> {
  switch (platform) {
    case 'linux':
      return { 'x-kde-passwordManagerHint': utf8('secret') };
    case 'win32':
      return {
        ExcludeClipboardContentFromMonitorProcessing: new Uint8Array(0),
        CanIncludeInClipboardHistory: DWORD_ZERO,
        CanUploadToCloudClipboard: DWORD_ZERO,
      };
    case 'darwin':
      return { 'org.nspasteboard.ConcealedType': new Uint8Array(0) };
    default:
      return {};
  }
}

export interface ClipboardGuard {
  /** Writes `text`, concealed; clears it after `clearAfterMs` unless replaced (0 = never). */
  copy(text: string, clearAfterMs: number): Promise<void>;
  /** Clears now if the clipboard still holds our last copy (the app is quitting). */
  clearIfOurs(): Promise<void>;
  /** Forgets the pending clear without touching the clipboard. */
  dispose(): void;
}

export interface ClipboardGuardOptions {
  clipboard: SystemClipboard;
  platform: string;
  scheduler?: Scheduler;
}

export function createClipboardGuard(options: ClipboardGuardOptions): ClipboardGuard {
  const { clipboard } = options;
  const scheduler = options.scheduler ?? realScheduler;
  const formats = concealmentFormats(options.platform);
  /** What we last wrote, until it has been cleared or the user replaced it. */
  let ours: string | null = null;
  let pending: unknown = undefined;
  let hasPending = false;

  function cancelPending(): void {
    if (hasPending) scheduler.cancel(pending);
    hasPending = false;
    pending = undefined;
  }

  async function clearIfOurs(): Promise<void> {
    cancelPending();
    const expected = ours;
    ours = null;
    if (expected === null) return;
    let current: string;
    try {
      current = await clipboard.readText();
    } catch {
      return; // unreadable clipboard: leave it rather than clear something that may not be ours
    }
    if (current === expected) await clipboard.clear();
  }

  return {
    async copy(text, clearAfterMs) {
      cancelPending();
      await clipboard.writeText(text, formats);
      // With clearing off, the copy is the user's to keep: not even quitting clears it.
      ours = clearAfterMs > 0 ? text : null;
      if (ours === null) return;
      hasPending = true;
      pending = scheduler.schedule(() => {
        hasPending = false;
        void clearIfOurs().catch(() => undefined);
      }, clearAfterMs);
    },
    clearIfOurs,
    dispose: cancelPending,
  };
}
