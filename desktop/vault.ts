/**
 * The vault: one OS keychain entry per credential (service `Mamori`, account = credential ID),
 * holding the secret as base32 text, over @napi-rs/keyring (macOS Keychain, Windows Credential
 * Manager, Linux Secret Service).
 *
 * Fail closed: every failure becomes a typed error and nothing is ever written anywhere else.
 * On Linux the entry is pinned to the Secret Service, because the library's default silently
 * falls back to the kernel keyring (keyutils) when there is no session bus: that store is
 * wiped at logout/reboot and is not what the user thinks of as "the keychain".
 *
 * The async API runs each call on the libuv thread pool, so an unlock prompt never blocks
 * the main process. No method logs or puts a secret into an error.
 */
import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { base32Decode, base32Encode } from '../core/base32.js';
import { wipe } from '../core/wipe.js';
import { DEFAULT_KEYCHAIN_SERVICE } from './config.js';

export type VaultErrorCode = 'keychain_unavailable' | 'keychain_locked' | 'secret_missing';

export class VaultError extends Error {
  readonly code: VaultErrorCode;
  constructor(code: VaultErrorCode, message: string) {
    super(message);
    this.name = 'VaultError';
    this.code = code;
  }
}

/** No keychain reachable: no Secret Service, no session bus, no keyring daemon. */
export class KeychainUnavailableError extends VaultError {
  constructor(reason: string) {
    super('keychain_unavailable', `No keychain is available: ${reason}`);
    this.name = 'KeychainUnavailableError';
  }
}

/** The keychain exists but is locked, or the user dismissed the unlock prompt. */
export class KeychainLockedError extends VaultError {
  constructor(reason: string) {
    super('keychain_locked', `The keychain is locked: ${reason}`);
    this.name = 'KeychainLockedError';
  }
}

/** The keychain has no usable entry for this credential. */
export class SecretMissingError extends VaultError {
  readonly credentialId: string;
  constructor(credentialId: string, why: 'absent' | 'unreadable') {
    super(
      'secret_missing',
      why === 'absent'
        ? `The keychain has no secret for ${credentialId}.`
        : `The keychain entry for ${credentialId} is not a valid key.`,
    );
    this.name = 'SecretMissingError';
    this.credentialId = credentialId;
  }
}

export interface Vault {
  /** Which OS store holds the secrets, for the README's "where is my secret" and diagnostics. */
  readonly backend: string;
  /** Create or replace the entry for this credential. */
  store(credentialId: string, secret: Uint8Array): Promise<void>;
  /** The secret, or SecretMissingError. The caller should zero the bytes after use. */
  load(credentialId: string): Promise<Uint8Array>;
  /** True if an entry was deleted, false if there was none. */
  delete(credentialId: string): Promise<boolean>;
  /**
   * The secrets of several credentials, in the order asked, with null where the keychain has no
   * usable entry (what `load` reports as SecretMissingError); a locked or unreachable keychain
   * still throws. One keychain search instead of one call per credential (20 entries: about
   * 20 ms instead of 110 ms on Debian's gnome-keyring), for the window's list.
   */
  loadMany(credentialIds: readonly string[]): Promise<(Uint8Array | null)[]>;
}

// What @napi-rs/keyring 2.1 says (all errors have code "GenericFailure"; observed on Debian 12
// with gnome-keyring 42, see vault.test.ts):
//   locked collection:  "Couldn't access platform storage: Secret Service: unlock prompt was dismissed"
//   locked (listing):   "zbus error: org.freedesktop.Secret.Error.IsLocked: ..."
//   no session bus:     "Platform failure: DBus error: ..." (thrown by the constructor)
//   no login keyring:   "Couldn't access platform storage: Secret Service: no result found"
// macOS and Windows phrase a refused prompt as "User canceled" / "User interaction is not allowed".
const LOCKED = /prompt was dismissed|IsLocked|is locked|user cancel+ed|interaction is not allowed/i;

/** Map a keyring failure to the vault's typed errors; anything unrecognised is "unavailable". */
export function classifyKeyringError(error: unknown): VaultError {
  if (error instanceof VaultError) return error;
  const message = error instanceof Error ? error.message : String(error);
  // Library messages carry no secret, but keep them short: they end up in the UI's detail.
  const reason = message.slice(0, 300);
  return LOCKED.test(message) ? new KeychainLockedError(reason) : new KeychainUnavailableError(reason);
}

function backendFor(platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macos-keychain';
  if (platform === 'win32') return 'windows-credential-manager';
  return 'secret-service';
}

export interface KeyringVaultOptions {
  /** Keychain service name; tests may use another to stay apart from a real install. */
  readonly service?: string;
  readonly platform?: NodeJS.Platform;
}

export function createKeyringVault(options: KeyringVaultOptions = {}): Vault {
  const service = options.service ?? DEFAULT_KEYCHAIN_SERVICE;
  const platform = options.platform ?? process.platform;
  // Pin Linux to the Secret Service (see the module comment); ignored on other platforms.
  const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

  async function withEntry<T>(credentialId: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    if (credentialId.length === 0 || credentialId.length > 200) throw new RangeError('A credential ID is 1 to 200 characters.');
    try {
      // The constructor itself connects to the store and throws when there is no session bus.
      return await use(new AsyncEntry(service, credentialId, entryOptions));
    } catch (error) {
      throw classifyKeyringError(error);
    }
  }

  const vault: Vault = {
    backend: backendFor(platform),

    async store(credentialId, secret) {
      const text = base32Encode(secret);
      await withEntry(credentialId, (entry) => entry.setPassword(text));
    },

    async load(credentialId) {
      const text = await withEntry(credentialId, (entry) => entry.getPassword());
      if (text === null) throw new SecretMissingError(credentialId, 'absent');
      try {
        return base32Decode(text);
      } catch {
        throw new SecretMissingError(credentialId, 'unreadable');
      }
    },

    async delete(credentialId) {
      return withEntry(credentialId, (entry) => entry.deleteCredential());
    },

    async loadMany(credentialIds) {
      // The search is only a fast path: it takes no store option, so it is trusted only for
      // entries it finds. Anything it misses, and any failure of the search itself, goes through
      // load(), which is pinned to the Secret Service and turns each failure into its typed error.
      let found = new Map<string, string>();
      if (credentialIds.length > 1) {
        try {
          found = new Map((await findCredentialsAsync(service)).map((c) => [c.account, c.password]));
        } catch {
          found = new Map();
        }
      }
      const out: (Uint8Array | null)[] = [];
      try {
        for (const id of credentialIds) {
          const text = found.get(id);
          let secret: Uint8Array | null = null;
          if (text !== undefined) {
            try {
              secret = base32Decode(text);
            } catch {
              secret = null; // unreadable here: let load() decide precisely
            }
          }
          if (secret === null) {
            try {
              secret = await vault.load(id);
            } catch (error) {
              if (!(error instanceof SecretMissingError)) throw error;
            }
          }
          out.push(secret);
        }
      } catch (error) {
        wipe(out);
        throw error;
      }
      return out;
    },
  };
  return vault;
}
