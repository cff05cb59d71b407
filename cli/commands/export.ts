/**
 * `mamori export FILE`: every credential with its secret in a password-encrypted backup (the
 * app's format, docs/backup-format.md). Written atomically with mode 0600; an existing file is
 * kept unless --force.
 */
import { lstat, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { errnoOf } from '../../node-shared/errno.js';
import { BackupError, isLongEnoughPassword, MIN_PASSWORD_LENGTH } from '../../desktop/backup.js';
import { exportBackup, NothingToBackUpError } from '../../desktop/operations/backup-export.js';
import { writeFileAtomic } from '../../desktop/settings-store.js';
import { parseCommand } from '../args.js';
import { openContext } from '../context.js';
import { clause, Failure, fileFailure } from '../errors.js';
import { count, printJson, printLines, safeText, type Io } from '../output.js';
import { readPassword } from '../password.js';

/** Refuse before asking for a password: the target must be a new file (or --force) in an existing folder. */
async function checkTarget(path: string, force: boolean): Promise<void> {
  const existing = await lstat(path).catch((error: unknown) => {
    if (errnoOf(error) === 'ENOENT') return null;
    throw fileFailure('check', path, error);
  });
  if (existing?.isDirectory()) throw new Failure(`${safeText(path)} is a folder; name a file`);
  if (existing && !force) throw new Failure(`${safeText(path)} already exists; nothing was written (use --force to replace it)`);
  const folder = dirname(resolve(path));
  const dir = await stat(folder).catch((error: unknown) => {
    throw fileFailure('use the folder', safeText(folder), error);
  });
  if (!dir.isDirectory()) throw new Failure(`${safeText(folder)} is not a folder`);
}

export async function run(io: Io, args: readonly string[]): Promise<void> {
  const { values, positionals } = parseCommand(args, {
    command: 'export',
    options: { force: { type: 'boolean' }, 'password-file': { type: 'string' }, json: { type: 'boolean' } },
    hints: { 'password-file': 'a file name' },
    required: ['backup file'],
  });
  const path = positionals[0]!;
  await checkTarget(path, values.force === true);
  const { store, book, now } = openContext(io);
  const settings = await store.read();
  if (settings.credentials.length === 0) throw new Failure('there is no credential to export');

  const password = await readPassword(io, { command: 'export', file: values['password-file'], confirm: true });
  // Checked before the keychain is read, as in the app.
  if (!isLongEnoughPassword(password)) throw new Failure(`the password must have at least ${MIN_PASSWORD_LENGTH} characters; nothing was written`);

  const write = async (text: string) => {
    // Again just before writing: the password prompt may have taken a while.
    await checkTarget(path, values.force === true);
    await writeFileAtomic(path, text).catch((error: unknown) => {
      throw fileFailure('write', safeText(path), error);
    });
  };
  const saved = await exportBackup(book, password, { now, write }).catch((error: unknown) => {
    if (error instanceof NothingToBackUpError) throw new Failure('the keychain has no secret for any credential; nothing was written');
    if (error instanceof BackupError) throw new Failure(`${clause(error.message)}; nothing was written`);
    throw error;
  });

  const left = saved.missing.map((c) => c.credentialId);
  if (values.json === true) printJson(io, { file: path, count: saved.count, missing: left });
  else
    printLines(io, [
      `Saved ${count(saved.count, 'credential')} to ${safeText(path)}. Keep the password apart from the file.`,
      // Said, not hidden: a backup without them cannot bring them back.
      ...(left.length === 0 ? [] : [`Left out ${count(left.length, 'credential')} whose secret is missing from the keychain: ${left.map(safeText).join(', ')}.`]),
    ]);
}
