/**
 * The renderer's state (the contract's AppState), read from the settings file and the keychain:
 * setup, ready (every credential with its codes) or an error the window explains. A corrupt
 * settings file or an unusable keychain is a state to show, not a failed request.
 */
import type { AppState, CredentialCard } from '../../electron/shared/contract.js';
import { clockStatus } from '../clock-offset.js';
import { selectedOf, type CredentialBook } from '../credential-book.js';
import { SettingsCorruptError, type Settings, type SettingsStore, type StoredCredential } from '../settings-store.js';
import { settingsView } from '../settings-view.js';
import { VaultError } from '../vault.js';

export interface StateDeps {
  readonly store: SettingsStore;
  readonly systemLocale: () => string;
  readonly defaultServiceUrl: string;
}

function viewOf(credential: StoredCredential): CredentialCard['credential'] {
  const { credentialId, label, issuer, digits, period, source, createdAt, expiresAt } = credential;
  return { credentialId, label, issuer, digits, period, source, createdAt, expiresAt };
}

export function createStateReader(deps: StateDeps, book: CredentialBook): () => Promise<AppState> {
  const common = (settings: Settings | null) => settingsView(settings, deps.systemLocale(), deps.defaultServiceUrl);

  return async function state(): Promise<AppState> {
    let settings: Settings;
    try {
      settings = await deps.store.read();
    } catch (error) {
      if (error instanceof SettingsCorruptError) return { kind: 'error', ...common(null), error: { code: 'settings_corrupt', keptAt: error.keptAt } };
      throw error;
    }
    const selected = selectedOf(settings);
    if (selected === undefined) return { kind: 'setup', ...common(settings) };
    try {
      const codes = await book.allCodes(settings);
      const credentials = settings.credentials.map((credential, i) => ({ credential: viewOf(credential), code: codes[i]! }));
      return { kind: 'ready', ...common(settings), credentials, selectedId: selected.credentialId, clock: clockStatus(settings.clock) };
    } catch (error) {
      if (error instanceof VaultError) return { kind: 'error', ...common(settings), error: { code: error.code } };
      throw error;
    }
  };
}
