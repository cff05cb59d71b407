/**
 * The browser preview's last resort where no Secret Service can start (no dbus or gnome-keyring
 * installed): the Vault interface over a Map in the preview host's memory. Secrets are lost when
 * the demo stops, and the preview says so in the terminal and in the window.
 *
 * Only the preview host may build this. The Electron app and the CLI never fall back from the
 * OS keychain: for them, "no keychain" is an error the user sees (see vault.ts, fail closed).
 * It is a Vault like vault.ts's, so it lives beside it in the desktop layer; stand-in/ is never
 * packed into the app (build/electron-builder.yml), so the app cannot fall back to it.
 */
import { wipe } from '../../core/wipe.js';
import { SecretMissingError, type Vault } from '../vault.js';

export const MEMORY_BACKEND = 'memory';

export function createMemoryVault(): Vault {
  const secrets = new Map<string, Uint8Array>();

  function checkId(credentialId: string): void {
    // The same bound as the keychain vault, so both refuse the same input.
    if (credentialId.length === 0 || credentialId.length > 200) throw new RangeError('A credential ID is 1 to 200 characters.');
  }

  const vault: Vault = {
    backend: MEMORY_BACKEND,
    async store(credentialId, secret) {
      checkId(credentialId);
      // A copy: callers zero their bytes after use (vault.ts asks them to).
      wipe(secrets.get(credentialId));
      secrets.set(credentialId, Uint8Array.from(secret));
    },
    async load(credentialId) {
      checkId(credentialId);
      const secret = secrets.get(credentialId);
      if (secret === undefined) throw new SecretMissingError(credentialId, 'absent');
      return Uint8Array.from(secret);
    },
    async delete(credentialId) {
      checkId(credentialId);
      wipe(secrets.get(credentialId));
      return secrets.delete(credentialId);
    },
    async loadMany(credentialIds) {
      return credentialIds.map((id) => {
        const secret = secrets.get(id);
        return secret === undefined ? null : Uint8Array.from(secret);
      });
    },
  };
  return vault;
}
