/**
 * The shared pieces a command works on, built from the configuration exactly as the app builds
 * them: the settings file in the Mamori data folder and the keychain service (both from
 * desktop/config.ts, which the app reads too), so that the CLI and the app see the same credentials.
 */
import { join } from 'node:path';
import { createCredentialBook, type CredentialBook } from '../desktop/credential-book.js';
import { createSettingsStore, SETTINGS_FILE, type SettingsStore } from '../desktop/settings-store.js';
import { createKeyringVault, type Vault } from '../desktop/vault.js';
import type { Io } from './output.js';

export interface Context {
  readonly io: Io;
  readonly store: SettingsStore;
  readonly vault: Vault;
  readonly book: CredentialBook;
  /** Local clock, ms since the epoch. */
  readonly now: () => number;
}

/** `now` defaults to the system clock; `code` passes one that records the moment it used. */
export function openContext(io: Io, now: () => number = Date.now): Context {
  const store = createSettingsStore(join(io.config.dataDir, SETTINGS_FILE), { now });
  const vault = createKeyringVault({ service: io.config.keychainService });
  return { io, store, vault, book: createCredentialBook({ vault, store, now }), now };
}
