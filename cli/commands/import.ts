/**
 * `mamori import FILE`: the credentials of a backup, all or nothing; the ones already present
 * (same ID) are skipped, so importing twice changes nothing.
 */
import { BACKUP_FORMAT, BackupError, decryptBackup } from '../../desktop/backup.js';
import { importBackup, readBackupFile } from '../../desktop/operations/backup-import.js';
import { FileReadError } from '../../desktop/read-limited.js';
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { clause, Failure, fileFailure } from '../errors.js';
import { count, credentialJson, printJson, printLines, safeText, skippedJson, type Io } from '../output.js';
import { readPassword } from '../password.js';

const NOTHING = 'nothing was imported';

function backupFailure(error: BackupError): Failure {
  if (error.reason === 'wrong_password') return new Failure(`wrong password for this backup; ${NOTHING}`);
  const message = clause(error.message);
  return new Failure(/nothing was imported/i.test(message) ? message : `${message}; ${NOTHING}`);
}

async function readBackup(path: string): Promise<Uint8Array> {
  try {
    return await readBackupFile(path);
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    if (error.reason === 'folder') throw new Failure(`${safeText(path)} is a folder, not a backup file`);
    if (error.reason === 'not_a_file') throw new Failure(`${safeText(path)} is not a regular file, so not a backup`);
    if (error.reason === 'too_large') throw new Failure(`${safeText(path)} is larger than a Mamori backup can be; ${NOTHING}`);
    throw fileFailure('read', safeText(path), error.cause);
  }
}

/** True when the bytes start like a backup, so a wrong file is refused before the password is asked. */
function looksLikeBackup(bytes: Uint8Array): boolean {
  try {
    const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof json === 'object' && json !== null && (json as { format?: unknown }).format === BACKUP_FORMAT;
  } catch {
    return false;
  }
}

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    command: 'import',
    options: { 'password-file': { type: 'string' }, json: { type: 'boolean' } },
    hints: { 'password-file': 'a file name' },
    required: ['backup file'],
  });
  const path = positionals[0]!;
  const bytes = await readBackup(path);
  const { store, book } = openContext(io);
  await store.read(); // a corrupt settings file is reported before the password is asked

  try {
    // decryptBackup explains a file that is not a backup (or is cut short) before any key work.
    if (!looksLikeBackup(bytes)) await decryptBackup(bytes, '');
    const password = await readPassword(io, { command: 'import', file: values['password-file'], confirm: false });
    const result = await importBackup(book, bytes, password);
    if (values.json === true) {
      printJson(io, { added: result.added.map((c) => credentialJson(c, result.settings.selectedId)), skipped: skippedJson(result.skipped) });
      return;
    }
    const skippedNote = result.skipped.length === 0 ? '' : ` ${count(result.skipped.length, 'credential')} already in Mamori ${result.skipped.length === 1 ? 'was' : 'were'} skipped.`;
    printLines(io, [`Imported ${count(result.added.length, 'credential')} from ${safeText(path)}.${skippedNote}`]);
  } catch (error) {
    if (error instanceof BackupError) throw backupFailure(error);
    throw error;
  }
}
