/**
 * The shared pieces a command works on, built from the environment exactly as the app builds
 * them: the settings file in the Mamori data folder and the keychain service "Mamori", so that
 * the CLI and the app see the same credentials.
 */
import { join } from 'node:path';
import { createCredentialBook, type CredentialBook } from '../desktop/credential-book.js';
import { mamoriDataDir } from '../desktop/paths.js';
import { createSettingsStore, SETTINGS_FILE, type SettingsStore } from '../desktop/settings-store.js';
import { createKeyringVault, KEYCHAIN_SERVICE, type Vault } from '../desktop/vault.js';
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
  const store = createSettingsStore(join(mamoriDataDir(io.env), SETTINGS_FILE), { now });
  const service = io.env.MAMORI_KEYCHAIN_SERVICE || KEYCHAIN_SERVICE;
  const vault = createKeyringVault({ service });
  return { io, store, vault, book: createCredentialBook({ vault, store, now }), now };
}
