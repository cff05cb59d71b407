/**
 * Builds the real main-side dependencies (OS keychain, settings file, token service client,
 * clock keeper, clipboard guard, preferences feed) and the handler table over them. Every host
 * starts here (the Electron main process, the browser preview, the Playwright harness), so the
 * harness exercises exactly what the app runs.
 */
import { join } from 'node:path';
import { createClipboardGuard, type ClipboardGuard, type Scheduler, type SystemClipboard } from './clipboard-guard.js';
import { createClockKeeper } from './clock-offset.js';
import { VIP_PROVISIONING_URL } from './config.js';
import { createHandlers, type DialogPort, type Handlers, type MainDeps } from './ipc/handlers.js';
import { createPreferencesFeed, type PreferencesFeed } from './preferences-feed.js';
import { createProvisioningClient } from './provisioning-client.js';
import { createSettingsStore, SETTINGS_FILE } from './settings-store.js';
import { createKeyringVault, type Vault } from './vault.js';
import { createVipClient } from './vip-client.js';

export interface MainContextOptions {
  userDataDir: string;
  defaultServiceUrl: string;
  /** The system clipboard; copies go through the clipboard guard (concealment, clearing). */
  clipboard: SystemClipboard;
  /** The image on the clipboard as PNG or JPEG bytes (for QR codes), or null; the glue reads Electron's clipboard. */
  readClipboardImage: () => Promise<Uint8Array | null>;
  /** File dialogs: Electron's in the app, preset answers in the harness. */
  dialogs: DialogPort;
  /** Symantec VIP provisioning endpoint; tests point it at a local fixture server. */
  vipUrl?: string;
  systemLocale: () => string;
  now?: () => number;
  platform?: string;
  fetchTimeoutMs?: number;
  /** Keychain service name; defaults to "Mamori". Tests may isolate themselves with another. */
  keychainService?: string;
  /**
   * Where secrets live; default: the OS keychain (`keychainService`). The Electron app and the
   * CLI never pass one; only the demo's browser preview may, where no Secret Service can start.
   */
  vault?: Vault;
  /** Timers for clearing the clipboard; tests pass one driven by their own clock. */
  scheduler?: Scheduler;
}

export interface MainContext {
  handlers: Handlers;
  deps: MainDeps;
  clipboardGuard: ClipboardGuard;
  /** The settings as the glue follows them (preferences-feed.ts). */
  preferences: PreferencesFeed;
}

export async function createMainContext(opts: MainContextOptions): Promise<MainContext> {
  const now = opts.now ?? Date.now;
  const platform = opts.platform ?? process.platform;
  const store = createSettingsStore(join(opts.userDataDir, SETTINGS_FILE), { now });
  const provisioning = createProvisioningClient(opts.fetchTimeoutMs === undefined ? { now } : { now, timeoutMs: opts.fetchTimeoutMs });
  const clipboardGuard = createClipboardGuard(
    opts.scheduler === undefined ? { clipboard: opts.clipboard, platform } : { clipboard: opts.clipboard, platform, scheduler: opts.scheduler },
  );
  const deps: MainDeps = {
    vault: opts.vault ?? createKeyringVault(opts.keychainService === undefined ? {} : { service: opts.keychainService }),
    store,
    provisioning,
    clock: createClockKeeper({ provisioning, store, now }),
    vip: createVipClient({ url: opts.vipUrl ?? VIP_PROVISIONING_URL, now, ...(opts.fetchTimeoutMs === undefined ? {} : { timeoutMs: opts.fetchTimeoutMs }) }),
    clipboard: { copy: (text, clearAfterMs) => clipboardGuard.copy(text, clearAfterMs), readImage: opts.readClipboardImage },
    dialogs: opts.dialogs,
    now,
    systemLocale: opts.systemLocale,
    defaultServiceUrl: opts.defaultServiceUrl,
    platform,
    preferences: createPreferencesFeed({ store, systemLocale: opts.systemLocale, defaultServiceUrl: opts.defaultServiceUrl }),
  };
  return { handlers: createHandlers(deps), deps, clipboardGuard, preferences: deps.preferences };
}
