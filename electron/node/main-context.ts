/**
 * Builds the real main-side dependencies (OS keychain, settings file, token service client,
 * clock keeper) and the handler table over them. The Electron main process and the Playwright
 * browser harness both start here, so the harness exercises exactly what the app runs.
 */
import { join } from 'node:path';
import { createClockKeeper } from './clock-offset.js';
import { createHandlers, type ClipboardPort, type Handlers, type MainDeps } from './handlers.js';
import { createProvisioningClient } from './provisioning-client.js';
import { createSettingsStore, SETTINGS_FILE } from './settings-store.js';
import { createKeyringVault } from './vault.js';

export interface MainContextOptions {
  userDataDir: string;
  defaultServiceUrl: string;
  clipboard: ClipboardPort;
  systemLocale: () => string;
  now?: () => number;
  platform?: string;
  fetchTimeoutMs?: number;
  /** Keychain service name; defaults to "Mamori". Tests may isolate themselves with another. */
  keychainService?: string;
}

export async function createMainContext(opts: MainContextOptions): Promise<{ handlers: Handlers; deps: MainDeps }> {
  const now = opts.now ?? Date.now;
  const store = createSettingsStore(join(opts.userDataDir, SETTINGS_FILE), { now });
  const provisioning = createProvisioningClient(opts.fetchTimeoutMs === undefined ? { now } : { now, timeoutMs: opts.fetchTimeoutMs });
  const deps: MainDeps = {
    vault: createKeyringVault(opts.keychainService === undefined ? {} : { service: opts.keychainService }),
    store,
    provisioning,
    clock: createClockKeeper({ provisioning, store, now }),
    clipboard: opts.clipboard,
    now,
    systemLocale: opts.systemLocale,
    defaultServiceUrl: opts.defaultServiceUrl,
    platform: opts.platform ?? process.platform,
  };
  return { handlers: createHandlers(deps), deps };
}
