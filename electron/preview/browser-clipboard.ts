/**
 * The clipboard port of the preview host. The preview host has no clipboard of its own: the
 * person's clipboard is the one of the browser the window runs in, and a web page may write it
 * only while it is focused, soon after a click. So main's clipboard guard writes here as in the
 * app, and the text it writes during a request travels back in that request's answer; the
 * preview bridge then writes it with navigator.clipboard.writeText, within the same click.
 *
 * Clearing: the guard asks to clear after its delay; this port tells the page (an event), and the
 * page clears only if the clipboard still holds what it wrote and the browser lets it read that
 * (see browser/clipboard-keeper.ts). The concealment formats the app adds cannot be set from a
 * web page and are dropped here.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SystemClipboard } from '../../desktop/clipboard-guard.js';

export interface BrowserClipboard {
  port: SystemClipboard;
  /** Runs `task` and returns, with its value, the last text it wrote to the clipboard (or null). */
  capture<T>(task: () => Promise<T>): Promise<{ value: T; written: string | null }>;
}

export function createBrowserClipboard(onClear: () => void): BrowserClipboard {
  const requests = new AsyncLocalStorage<{ written: string | null }>();
  /** What the page was last given; the guard compares against it before asking to clear. */
  let delivered = '';

  return {
    port: {
      writeText(text) {
        const request = requests.getStore();
        // Outside a page's request there is no page to carry the text: fail rather than report a copy that did not happen.
        if (request === undefined) throw new Error('The preview can write the clipboard only in answer to the page.');
        request.written = text;
        delivered = text;
      },
      // The host cannot read the browser's clipboard; the page makes the real check before clearing.
      readText: () => delivered,
      clear() {
        delivered = '';
        onClear();
      },
    },
    async capture(task) {
      const request = { written: null as string | null };
      const value = await requests.run(request, task);
      return { value, written: request.written };
    },
  };
}
