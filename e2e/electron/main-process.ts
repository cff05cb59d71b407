/**
 * Test helpers that act inside the app's Electron main process through
 * `ElectronApplication.evaluate`, whose function gets `require('electron')` as its first argument.
 * Playwright sends each function there as source text: it may use only its own arguments and
 * the main process's globals, never anything else of this file (not even a constant).
 */
import type { ElectronApplication } from '@playwright/test';
import type { OpenDialogReturnValue, SaveDialogReturnValue } from 'electron';

/** The main-process global (a registered symbol, so no clash with the app's own) that holds the calls. */
const DIALOG_CALLS = 'mamori.e2e.dialog-calls';

/** One call of a stubbed dialog, as main made it. */
export interface DialogCall {
  readonly method: 'showOpenDialog' | 'showSaveDialog';
  /** Main passes its window as the parent, so that the dialog stays in front of it. */
  readonly attachedToWindow: boolean;
  /** The file extensions of the dialog's filters, e.g. ["png", "jpg", "jpeg"]. */
  readonly extensions: string[];
  readonly defaultPath: string | null;
}

export type DialogStub =
  | { readonly method: 'showOpenDialog'; readonly answer: OpenDialogReturnValue }
  | { readonly method: 'showSaveDialog'; readonly answer: SaveDialogReturnValue };

/**
 * Replaces one of Electron's file dialogs by one that answers at once, as the user would have,
 * and records how main called it. The app's glue looks `dialog.showOpenDialog` up on the same
 * module object at each call, so from now on it gets the replacement.
 */
export async function stubDialog(app: ElectronApplication, stub: DialogStub): Promise<void> {
  await app.evaluate(
    ({ dialog, BrowserWindow }, { given, key }) => {
      const slots = globalThis as unknown as Record<symbol, DialogCall[] | undefined>;
      const calls = slots[Symbol.for(key)] ?? [];
      slots[Symbol.for(key)] = calls;
      const record = (method: DialogCall['method'], args: unknown[]): void => {
        const attachedToWindow = args.length === 2 && args[0] instanceof BrowserWindow;
        const options = args[args.length - 1] as { filters?: { extensions: string[] }[]; defaultPath?: string } | undefined;
        calls.push({
          method,
          attachedToWindow,
          extensions: (options?.filters ?? []).flatMap((filter) => filter.extensions),
          defaultPath: options?.defaultPath ?? null,
        });
      };
      if (given.method === 'showOpenDialog') {
        const answer = given.answer;
        const replacement = async (...args: unknown[]) => {
          record('showOpenDialog', args);
          return answer;
        };
        dialog.showOpenDialog = replacement;
        // Outside strict mode an assignment to a getter-only property is silently ignored: fail loudly instead.
        if (dialog.showOpenDialog !== replacement) throw new Error('dialog.showOpenDialog cannot be replaced in this Electron');
      } else {
        const answer = given.answer;
        const replacement = async (...args: unknown[]) => {
          record('showSaveDialog', args);
          return answer;
        };
        dialog.showSaveDialog = replacement;
        if (dialog.showSaveDialog !== replacement) throw new Error('dialog.showSaveDialog cannot be replaced in this Electron');
      }
    },
    { given: stub, key: DIALOG_CALLS },
  );
}

/** Every call the stubbed dialogs received so far, in order. */
export function dialogCalls(app: ElectronApplication): Promise<DialogCall[]> {
  return app.evaluate((_electron, key) => (globalThis as unknown as Record<symbol, DialogCall[] | undefined>)[Symbol.for(key)] ?? [], DIALOG_CALLS);
}

/**
 * Puts a PNG on the system clipboard as `image/png` with Electron's own clipboard API (a
 * ClipboardItem whose payload is a Blob), as a screenshot tool would; true when the clipboard
 * then says it holds an `image/png`. The bytes travel as base64: evaluate's arguments are JSON-like.
 */
export function putPngOnClipboard(app: ElectronApplication, png: Uint8Array): Promise<boolean> {
  return app.evaluate(async ({ clipboard, ClipboardItem }, base64) => {
    const bytes = Uint8Array.from(Buffer.from(base64, 'base64'));
    await clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    return clipboard.has('image/png');
  }, Buffer.from(png).toString('base64'));
}

/** Empties the system clipboard. */
export async function clearClipboard(app: ElectronApplication): Promise<void> {
  await app.evaluate(({ clipboard }) => clipboard.clear());
}
