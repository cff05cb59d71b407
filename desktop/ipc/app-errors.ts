/**
 * Failures as the contract's values. Every handler returns a Result: a known failure becomes its
 * ErrorCode (with words for the user where there are some), anything else `internal` with no
 * detail, so that no secret or path can leak through an exception.
 */
import type { AppError, ErrorCode, Result } from '../../electron/shared/contract.js';
import { InvalidLinkError } from '../account-input.js';
import { BackupError } from '../backup.js';
import { BookError } from '../credential-book.js';
import { NothingToBackUpError } from '../operations/backup-export.js';
import { ServiceError } from '../provisioning-client.js';
import { QrError } from '../qr.js';
import { FileReadError } from '../read-limited.js';
import { SettingsCorruptError, SettingsWriteError } from '../settings-store.js';
import { VaultError } from '../vault.js';

/** A failure a handler decided on itself, already in the contract's words. */
class Refusal extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.code);
    this.error = error;
  }
}

export function refuse(code: ErrorCode, detail?: string): never {
  throw new Refusal(detail === undefined ? { code } : { code, detail: detail.slice(0, 500) });
}

/** Known failures to their contract error; null for anything unexpected. */
function toAppError(error: unknown): AppError | null {
  if (error instanceof Refusal) return error.error;
  if (error instanceof SettingsCorruptError) return { code: 'settings_corrupt', keptAt: error.keptAt };
  if (error instanceof VaultError) return { code: error.code };
  if (error instanceof ServiceError) return { code: error.code, detail: error.detail };
  if (error instanceof BookError) return { code: error.code, detail: error.message };
  if (error instanceof InvalidLinkError) return { code: 'invalid_link', detail: error.message };
  if (error instanceof QrError) return { code: 'qr_unreadable', detail: error.message };
  if (error instanceof NothingToBackUpError) return { code: 'secret_missing', detail: error.message };
  if (error instanceof BackupError) {
    if (error.reason === 'weak_password') return { code: 'weak_password', detail: error.message };
    if (error.reason === 'wrong_password') return { code: 'backup_wrong_password' };
    return { code: 'backup_unreadable', detail: error.message };
  }
  if (error instanceof SettingsWriteError) return { code: 'internal', detail: `Could not save the settings file (${error.reason}).` };
  return null;
}

/** Runs a handler's task and returns its value or its failure as a Result; never throws. */
export async function guarded<T>(task: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await task() };
  } catch (error) {
    return { ok: false, error: toAppError(error) ?? { code: 'internal' } };
  }
}

/** Reads a file the user picked (read-limited.ts); a file that will not do becomes `code` with the reason. */
export async function readPicked(read: () => Promise<Uint8Array>, code: 'qr_unreadable' | 'backup_unreadable'): Promise<Uint8Array> {
  try {
    return await read();
  } catch (error) {
    if (!(error instanceof FileReadError)) throw error;
    if (error.reason === 'too_large') refuse(code, `The file is larger than ${Math.round(error.limit / 1024 / 1024)} MB.`);
    refuse(code, error.message);
  }
}
