/**
 * The preview's stand-in for preload.cts: the SAME createMamoriApi, over the loopback transport
 * instead of ipcRenderer. Built to dist/preview/bridge.js (vite.preload.config.ts, mode
 * "preview") and loaded by the page the host serves, before the app's own script.
 */
import { createMamoriApi } from '../../preload/bridge.js';
import { isPreviewKeychain, PREVIEW_KEYCHAIN_META, type PreviewInfo } from '../preview-info.js';
import { createClipboardKeeper } from './clipboard-keeper.js';
import { createLoopbackTransport } from './loopback-transport.js';

interface PreviewWindow {
  mamori?: unknown;
  mamoriPreview?: PreviewInfo;
}

// "clipboard-read" is a Chromium permission name TypeScript's DOM types do not list; elsewhere query() rejects.
const CLIPBOARD_READ = { name: 'clipboard-read' } as unknown as PermissionDescriptor;

const clipboard = createClipboardKeeper({
  writeText: (text) => navigator.clipboard.writeText(text),
  readText: () => navigator.clipboard.readText(),
  mayRead: async () => (await navigator.permissions.query(CLIPBOARD_READ)).state === 'granted',
  hasFocus: () => document.hasFocus(),
  onNextFocus: (callback) => window.addEventListener('focus', callback, { once: true }),
});

const host = window as unknown as PreviewWindow;
host.mamori = Object.freeze(
  createMamoriApi(
    createLoopbackTransport({
      base: new URL('./', document.baseURI),
      fetch: (input, init) => window.fetch(input, init),
      openEvents: (url) => new EventSource(url),
      clipboard,
    }),
  ),
);

const keychain = document.querySelector(`meta[name="${PREVIEW_KEYCHAIN_META}"]`)?.getAttribute('content');
if (isPreviewKeychain(keychain)) host.mamoriPreview = Object.freeze({ keychain });
