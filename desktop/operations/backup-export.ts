/**
 * Making a backup of every credential: the secrets read from the keychain, encrypted with the
 * password (backup.ts) and handed to `write` as the file's text, then forgotten. Written once for
 * the app's "Save backup…" and `mamori export`; each picks the file, writes the text and words
 * the failures its own way (the app to the path its dialog returned, the CLI after checking once
 * more that it replaces nothing it should not).
 */
import { withSecrets } from '../../core/wipe.js';
import { encryptBackup } from '../backup.js';
import type { CredentialBook } from '../credential-book.js';
import type { StoredCredential } from '../settings-store.js';

/** Every credential's keychain entry is gone: a backup would hold nothing. */
export class NothingToBackUpError extends Error {
  constructor() {
    super('The keychain has no secret for any credential: there is nothing to back up.');
    this.name = 'NothingToBackUpError';
  }
}

export interface ExportedBackup {
  /** Credentials in the file. */
  readonly count: number;
  /** Credentials left out because the keychain has no secret for them (the file is still worth having). */
  readonly missing: readonly StoredCredential[];
}

export interface ExportOptions {
  /** Clock for the file's `createdAt`. */
  readonly now: () => number;
  /** Stores the encrypted file's text; the backup exists once this has resolved. */
  readonly write: (text: string) => Promise<void>;
}

/** Throws NothingToBackUpError, BackupError (from encrypting), or whatever `write` throws. */
export async function exportBackup(book: CredentialBook, password: string, options: ExportOptions): Promise<ExportedBackup> {
  const { entries, missing } = await book.everyWithSecret();
  return withSecrets(
    entries.map((entry) => entry.secret),
    async () => {
      if (entries.length === 0) throw new NothingToBackUpError();
      const bytes = await encryptBackup(
        entries.map((entry) => ({ ...entry.meta, secret: entry.secret })),
        password,
        { now: options.now },
      );
      await options.write(new TextDecoder().decode(bytes));
      return { count: entries.length, missing };
    },
  );
}
