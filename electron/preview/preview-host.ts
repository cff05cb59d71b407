/**
 * The browser preview as a host, beside the Electron one (electron/main/main.ts): it builds the
 * same main context and the same gate, and gives them this host's ports: the browser's clipboard
 * (browser-clipboard.ts), no file dialogs, no clipboard image, the browser's language as the
 * system locale. The page reaches the gate over preview-server.ts instead of Electron's IPC, and
 * the gate's sender check receives the request's Origin, as Electron's receives the frame's URL.
 *
 * Where secrets live is the caller's decision: the OS keychain library on whatever session bus
 * this process was started with (the launcher gives it the demo's private one), or a vault the
 * caller passes (the memory vault, where no Secret Service can start).
 */
import { startClockRefresh } from '../../desktop/clock-refresh.js';
import { createGate, isAppUrl } from '../../desktop/ipc/ipc-gate.js';
import { createMainContext } from '../../desktop/main-context.js';
import type { Vault } from '../../desktop/vault.js';
import type { EventChannel } from '../shared/contract.js';
import { createBrowserClipboard } from './browser-clipboard.js';
import { newCapabilityToken } from './capability.js';
import { CLIPBOARD_CLEAR_EVENT, STOPPED_EVENT } from './loopback-protocol.js';
import { createEventStream } from './event-stream.js';
import { loadPreviewFiles } from './preview-files.js';
import type { PreviewKeychain } from './preview-info.js';
import { startPreviewServer } from './preview-server.js';

const STATE_CHANGED: EventChannel = 'state:changed';

export interface PreviewHostOptions {
  userDataDir: string;
  /** The token service the app provisions from (the demo's own). */
  serviceUrl: string;
  /** 0 = any free port. */
  port: number;
  /** What the window says about where secrets are. */
  keychain: PreviewKeychain;
  /** Default: the OS keychain library (on this process's session bus). */
  vault?: Vault;
  /** From the desktop configuration (desktop/config.ts); defaults as in the app. */
  vipUrl?: string;
  keychainService?: string;
  /** dist/renderer */
  rendererDir: string;
  /** dist/preview/bridge.js */
  bridgeFile: string;
}

export interface PreviewHost {
  /** The address to open, with this run's capability token. */
  url: string;
  origin: string;
  /** Clears the page's clipboard copy if it is still ours, tells the page, and stops listening. */
  close(): Promise<void>;
}

export async function startPreviewHost(options: PreviewHostOptions): Promise<PreviewHost> {
  const events = createEventStream();
  const clipboard = createBrowserClipboard(() => events.send(CLIPBOARD_CLEAR_EVENT, {}));
  const files = await loadPreviewFiles(options.rendererDir, options.bridgeFile, options.keychain);
  /** The language of the browser's last request: the preview's "OS locale". */
  let locale = 'en';

  const { handlers, deps, clipboardGuard } = await createMainContext({
    userDataDir: options.userDataDir,
    defaultServiceUrl: options.serviceUrl,
    clipboard: clipboard.port,
    // A web page cannot hand over an image from the clipboard without a paste, nor show the host's file dialogs:
    // in the preview these answer "nothing there" and "closed" (see README, "The browser preview").
    readClipboardImage: async () => null,
    dialogs: { openImage: async () => null, openBackup: async () => null, saveBackup: async () => null },
    systemLocale: () => locale,
    ...(options.vault === undefined ? {} : { vault: options.vault }),
    ...(options.vipUrl === undefined ? {} : { vipUrl: options.vipUrl }),
    ...(options.keychainService === undefined ? {} : { keychainService: options.keychainService }),
  });

  const server = await startPreviewServer({
    port: options.port,
    token: newCapabilityToken(),
    files,
    events,
    backend(origin) {
      // The same gate as the app's: the page's origin is the only sender it accepts.
      const gate = createGate(handlers, (senderUrl) => isAppUrl(senderUrl, origin));
      return {
        async invoke(channel, senderUrl, payload, requestLocale) {
          if (requestLocale !== undefined) locale = requestLocale;
          const { value, written } = await clipboard.capture(() => gate.invoke(channel, senderUrl, payload));
          // Only a request that succeeded hands text to the page.
          return { result: value, clipboard: value.ok ? written : null };
        },
      };
    },
  });

  /** Tells the page that something changed outside it (as the app does after a clock re-sync). */
  async function pushState(): Promise<void> {
    const state = await handlers['state:get']({});
    if (state.ok) events.send(STATE_CHANGED, state.value);
  }
  const clockRefresh = startClockRefresh(deps.clock, options.serviceUrl, pushState);

  return {
    url: server.url,
    origin: server.origin,
    async close() {
      clockRefresh.stop();
      // Leave no code behind, as the app does at quit: the page clears it if it still holds our copy.
      await clipboardGuard.clearIfOurs().catch(() => undefined);
      events.send(STOPPED_EVENT, {});
      await server.close();
    },
  };
}
