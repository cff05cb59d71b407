/**
 * Restoring a backup: its credentials added all or nothing, the ones already in Mamori skipped
 * (unless their keychain secret is gone: the backup puts it back), the selection unchanged, the
 * secrets forgotten afterwards. Written once for the app's "Restore from a backup" and
 * `mamori import`.
 */
import { withSecrets } from '../../core/wipe.js';
import { decryptBackup, MAX_BACKUP_BYTES } from '../backup.js';
import type { AddResult, CredentialBook } from '../credential-book.js';
import { readFileWithin } from '../read-limited.js';

/** The file the user named, if it is a regular file no larger than a backup may be (FileReadError otherwise). */
export function readBackupFile(path: string): Promise<Uint8Array> {
  return readFileWithin(path, MAX_BACKUP_BYTES);
}

/** Throws BackupError for a file that is not a readable backup or a wrong password, before anything is added. */
export async function importBackup(book: CredentialBook, bytes: Uint8Array, password: string): Promise<AddResult> {
  const restored = await decryptBackup(bytes, password);
  return withSecrets(
    restored.map((entry) => entry.secret),
    () =>
      book.add(
        restored.map(({ secret, ...meta }) => ({ meta, secret })),
        { select: false },
      ),
  );
}
