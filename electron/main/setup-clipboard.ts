/** The clipboard ports of the main context, on Electron's clipboard. */
import { clipboard, ClipboardItem } from 'electron';
import type { SystemClipboard } from '../../desktop/clipboard-guard.js';

export interface ElectronClipboard {
  /** For the clipboard guard: text and its concealment formats in one atomic write. */
  readonly clipboard: SystemClipboard;
  /** The clipboard's image as PNG bytes (Chromium offers every clipboard image as image/png), or null. */
  readClipboardImage(): Promise<Uint8Array | null>;
}

export function setupClipboard(): ElectronClipboard {
  return {
    clipboard: {
      writeText: (text, rawFormats) => {
        const items: Record<string, string | Blob> = { 'text/plain': text };
        for (const [name, bytes] of Object.entries(rawFormats)) {
          items[`electron application/osclipboard;format="${name}"`] = new Blob([bytes.slice()]);
        }
        return clipboard.write([new ClipboardItem(items)]);
      },
      readText: () => clipboard.readText(),
      clear: () => clipboard.clear(),
    },
    async readClipboardImage() {
      for (const item of await clipboard.read()) {
        if (item.types.includes('image/png')) return new Uint8Array(await (await item.getType('image/png')).arrayBuffer());
      }
      return null;
    },
  };
}
