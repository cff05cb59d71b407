/**
 * The user's credentials: metadata in the settings file, secrets in the OS keychain, kept in
 * step. The app's IPC handlers and the `mamori` CLI both work through this module, so a
 * credential added in one is the same credential in the other.
 *
 * Every change that stores secrets is all-or-nothing: secrets go to the keychain first, then
 * the metadata in one settings write; if anything fails, the keychain entries written so far
 * are removed again, so a failure never leaves a secret without its credential or the reverse.
 */
import { randomBytes } from 'node:crypto';
import { displayName } from '../core/credential-name.js';
import { stepEndsAt } from '../core/step.js';
import { totp, type TotpParams } from '../core/totp.js';
import { wipe, withSecrets } from '../core/wipe.js';
import { nodeHmac } from '../node-shared/node-hmac.js';
import type { Settings, SettingsStore, StoredCredential } from './settings-store.js';
import type { Vault } from './vault.js';

export type BookErrorCode = 'no_credential' | 'credential_not_found' | 'already_have_credential' | 'too_many_credentials';

export class BookError extends Error {
  readonly code: BookErrorCode;
  constructor(code: BookErrorCode, message: string) {
    super(message);
    this.name = 'BookError';
    this.code = code;
  }
}

/** A credential to add, with its secret (zeroed by the caller after the add). */
export interface NewCredential {
  readonly meta: StoredCredential;
  readonly secret: Uint8Array;
}

export interface AddResult {
  readonly added: StoredCredential[];
  /** Entries not added because a credential with the same ID is already there. */
  readonly skipped: { label: string; kind: 'duplicate'; reason: string }[];
  readonly settings: Settings;
}

export interface Codes {
  readonly code: string;
  readonly nextCode: string;
  /** End of the current code's step, ms on the corrected clock. */
  readonly stepEndsAt: number;
}

export interface BookDeps {
  readonly vault: Vault;
  readonly store: SettingsStore;
  /** Local clock, ms since the epoch. */
  readonly now: () => number;
}

/** Longest label the contract carries for a skipped entry. */
const MAX_SKIPPED_LABEL = 400;

function duplicate(entry: NewCredential): { label: string; kind: 'duplicate'; reason: string } {
  return { label: displayName(entry.meta).slice(0, MAX_SKIPPED_LABEL), kind: 'duplicate', reason: 'Already in Mamori.' };
}

/** The most credentials one settings file holds (the settings schema's limit). */
export const MAX_CREDENTIALS = 1000;

function paramsOf(credential: StoredCredential): TotpParams {
  return { algorithm: credential.algorithm, digits: credential.digits, period: credential.period };
}

/** A keychain name for a credential that has no service-issued ID (otpauth links, QR codes). */
export function localCredentialId(): string {
  return `manual-${randomBytes(6).toString('hex')}`;
}

/** The selected credential: the saved choice if it still exists, else the first. */
export function selectedOf(settings: Settings): StoredCredential | undefined {
  return settings.credentials.find((c) => c.credentialId === settings.selectedId) ?? settings.credentials[0];
}

export function createCredentialBook(deps: BookDeps) {
  function find(settings: Settings, credentialId: string | undefined): StoredCredential {
    if (settings.credentials.length === 0) throw new BookError('no_credential', 'There is no credential yet.');
    if (credentialId === undefined) return selectedOf(settings)!;
    const found = settings.credentials.find((c) => c.credentialId === credentialId);
    if (found === undefined) throw new BookError('credential_not_found', `There is no credential ${credentialId}.`);
    return found;
  }

  function codesWith(settings: Settings, credential: StoredCredential, secret: Uint8Array): Codes {
    const now = deps.now() + (settings.clock?.offsetMs ?? 0);
    const params = paramsOf(credential);
    const endsAt = stepEndsAt(now, credential.period);
    return { code: totp(secret, now, params, nodeHmac), nextCode: totp(secret, endsAt, params, nodeHmac), stepEndsAt: endsAt };
  }

  /** Current and next code; the secret is zeroed before returning. */
  async function codes(settings: Settings, credential: StoredCredential): Promise<Codes> {
    const secret = await deps.vault.load(credential.credentialId);
    return withSecrets(secret, () => codesWith(settings, credential, secret));
  }

  /**
   * Codes of every credential, in the list's order, from one keychain search; null for a credential
   * whose secret is missing, so that one lost entry does not hide the others. Secrets zeroed.
   */
  async function allCodes(settings: Settings): Promise<(Codes | null)[]> {
    const secrets = await deps.vault.loadMany(settings.credentials.map((c) => c.credentialId));
    return withSecrets(secrets, () =>
      settings.credentials.map((credential, i) => {
        const secret = secrets[i];
        return secret ? codesWith(settings, credential, secret) : null;
      }),
    );
  }

  /**
   * Adds credentials in one go. An entry whose ID is already present is skipped (reported), so
   * importing the same backup twice changes nothing, unless that credential's keychain secret is
   * missing: then the entry's secret restores it (counted as added). The last new one becomes
   * selected when `select` is true.
   */
  async function add(entries: readonly NewCredential[], options: { select?: boolean; clock?: Settings['clock'] } = {}): Promise<AddResult> {
    const before = await deps.store.read();
    const presentIds = before.credentials.map((c) => c.credentialId);
    const present = new Set(presentIds);
    const asked = entries.filter((e) => present.has(e.meta.credentialId));
    const secretsHere = asked.length === 0 ? [] : await deps.vault.loadMany(asked.map((e) => e.meta.credentialId));
    wipe(secretsHere); // only whether each is there matters
    const lost = new Set(asked.filter((_, i) => secretsHere[i] === null).map((e) => e.meta.credentialId));

    const skipped: AddResult['skipped'] = [];
    const fresh: NewCredential[] = [];
    const repairs: NewCredential[] = [];
    for (const entry of entries) {
      const id = entry.meta.credentialId;
      if (lost.has(id)) {
        lost.delete(id); // one repair per ID, from the first entry that has it
        repairs.push(entry);
      } else if (present.has(id)) {
        skipped.push(duplicate(entry));
      } else {
        present.add(id);
        fresh.push(entry);
      }
    }
    if (before.credentials.length + fresh.length > MAX_CREDENTIALS)
      throw new BookError('too_many_credentials', `Mamori keeps at most ${MAX_CREDENTIALS} credentials.`);

    // A restored secret belongs to a credential that is already listed: it stays even if the
    // settings write below fails.
    for (const entry of repairs) await deps.vault.store(entry.meta.credentialId, entry.secret);
    const stored: string[] = [];
    try {
      for (const entry of fresh) {
        await deps.vault.store(entry.meta.credentialId, entry.secret);
        stored.push(entry.meta.credentialId);
      }
      let added: NewCredential[] = [];
      const settings =
        fresh.length === 0 && options.clock === undefined
          ? before
          : await deps.store.update((current) => {
              // Re-check inside the update: the CLI or another window may have added the same ID
              // meanwhile. Same ID means same credential (IDs are issued by a service or random), so
              // such an entry is skipped and its keychain entry, now belonging to that copy, is kept.
              const ids = new Set(current.credentials.map((c) => c.credentialId));
              added = fresh.filter((e) => !ids.has(e.meta.credentialId));
              const last = added.at(-1);
              return {
                ...current,
                credentials: [...current.credentials, ...added.map((e) => e.meta)],
                ...(options.select === true && last !== undefined ? { selectedId: last.meta.credentialId } : {}),
                ...(options.clock === undefined ? {} : { clock: options.clock }),
              };
            });
      for (const entry of fresh) if (!added.includes(entry)) skipped.push(duplicate(entry));
      return { added: [...repairs, ...added].map((e) => e.meta), skipped, settings };
    } catch (error) {
      // Remove only what no listed credential uses: if the write failed after all (or another
      // process listed the same ID meanwhile), the secret now backs a credential in the file.
      const listed = await deps.store
        .read()
        .then((now) => new Set(now.credentials.map((c) => c.credentialId)))
        .catch(() => new Set<string>());
      await Promise.all(stored.filter((id) => !listed.has(id)).map((id) => deps.vault.delete(id).catch(() => false)));
      throw error;
    }
  }

  /** Metadata first, then the keychain entry: a failed keychain delete leaves an orphan secret, never a credential without one. */
  async function remove(credentialId: string): Promise<Settings> {
    const settings = await deps.store.update((current) => {
      find(current, credentialId);
      const credentials = current.credentials.filter((c) => c.credentialId !== credentialId);
      const { selectedId, ...rest } = current;
      return selectedId === credentialId || selectedId === undefined ? { ...rest, credentials } : { ...rest, credentials, selectedId };
    });
    await deps.vault.delete(credentialId);
    return settings;
  }

  function rename(credentialId: string, label: string): Promise<Settings> {
    return deps.store.update((current) => {
      find(current, credentialId);
      return { ...current, credentials: current.credentials.map((c) => (c.credentialId === credentialId ? { ...c, label } : c)) };
    });
  }

  function move(credentialId: string, toIndex: number): Promise<Settings> {
    return deps.store.update((current) => {
      const credential = find(current, credentialId);
      const rest = current.credentials.filter((c) => c.credentialId !== credentialId);
      const at = Math.min(Math.max(0, toIndex), rest.length);
      return { ...current, credentials: [...rest.slice(0, at), credential, ...rest.slice(at)] };
    });
  }

  function select(credentialId: string): Promise<Settings> {
    return deps.store.update((current) => {
      find(current, credentialId);
      return { ...current, selectedId: credentialId };
    });
  }

  /**
   * Every credential with its secret, for a backup, and the ones left out because the keychain has
   * no secret for them (a backup of the others is still worth making). The caller zeroes the secrets.
   */
  async function everyWithSecret(): Promise<{ entries: NewCredential[]; missing: StoredCredential[] }> {
    const settings = await deps.store.read();
    const secrets = await deps.vault.loadMany(settings.credentials.map((c) => c.credentialId));
    const entries: NewCredential[] = [];
    const missing: StoredCredential[] = [];
    settings.credentials.forEach((meta, i) => {
      const secret = secrets[i];
      if (secret) entries.push({ meta, secret });
      else missing.push(meta);
    });
    return { entries, missing };
  }

  /** One credential's secret (for showing it as a link), zeroed by the caller. */
  async function secretOf(credentialId: string): Promise<{ meta: StoredCredential; secret: Uint8Array }> {
    const settings = await deps.store.read();
    const meta = find(settings, credentialId);
    return { meta, secret: await deps.vault.load(meta.credentialId) };
  }

  return { read: () => deps.store.read(), find, codes, allCodes, add, remove, rename, move, select, everyWithSecret, secretOf };
}

export type CredentialBook = ReturnType<typeof createCredentialBook>;
