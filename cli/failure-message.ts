/**
 * The one line printed for a failed command: the shared modules' typed errors (keychain,
 * settings file, token service, Symantec VIP, setup links, backups) in the CLI's words, and a
 * generic line for anything unexpected. Loaded only after a failure, so that `--version` and
 * `help` do not load the keychain, zod or the XML parser.
 */
import { VipProtocolError } from '../core/vip.js';
import { InvalidLinkError } from '../desktop/account-input.js';
import { BackupError } from '../desktop/backup.js';
import { BookError } from '../desktop/credential-book.js';
import { ServiceError } from '../desktop/provisioning-client.js';
import { SettingsCorruptError, SettingsWriteError } from '../desktop/settings-store.js';
import { KeychainLockedError, KeychainUnavailableError, SecretMissingError, VaultError } from '../desktop/vault.js';
import { clause, Failure } from './errors.js';

function vaultMessage(error: VaultError): string {
  if (error instanceof KeychainLockedError)
    return `${clause(error.message)}; unlock it (for example by logging in again or in your keyring app) and retry`;
  if (error instanceof KeychainUnavailableError)
    return `${clause(error.message)}; Mamori keeps secrets only in the system keychain (Secret Service, macOS Keychain or Windows Credential Manager)${
      // Where it is missing, say what to install: on Linux a Secret Service needs a session bus and a keyring daemon.
      process.platform === 'linux' ? '; on Debian or Ubuntu: sudo apt-get install gnome-keyring dbus, then run mamori in a desktop session' : ''
    }`;
  if (error instanceof SecretMissingError)
    return `${clause(error.message)}; the entry was removed, or MAMORI_KEYCHAIN_SERVICE names another keychain service`;
  return clause(error.message);
}

/**
 * The line to print for a failure of a known kind, without the "mamori: " prefix; null for an
 * unexpected error (the caller prints a generic line).
 */
export function failureMessage(error: unknown): string | null {
  if (error instanceof Failure) return error.message;
  if (error instanceof VaultError) return vaultMessage(error);
  if (error instanceof SettingsCorruptError)
    return `${clause(error.message)}; nothing was changed (the Mamori app can start fresh, or put a good copy back)`;
  if (error instanceof SettingsWriteError) return clause(error.message);
  if (error instanceof ServiceError) return clause(error.detail);
  if (error instanceof VipProtocolError) return `Symantec VIP sent an answer Mamori cannot use: ${clause(error.message)}`;
  if (error instanceof BookError) return clause(error.message);
  if (error instanceof InvalidLinkError) return `not a setup link or key Mamori can use: ${clause(error.message)}`;
  if (error instanceof BackupError) return clause(error.message);
  return null;
}

/** One line for an error nobody expected: its kind and the first line of its message. */
export function unexpectedMessage(error: unknown): string {
  if (error instanceof Error) {
    const first = (error.message.split('\n')[0] ?? '').slice(0, 200);
    return `unexpected error (${error.name}${first === '' ? '' : `: ${first}`})`;
  }
  return 'unexpected error';
}
