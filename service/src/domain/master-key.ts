/**
 * The master key that encrypts credential secrets at rest: 32 bytes from `MAMORI_MASTER_KEY`
 * (64 hex digits, or standard/URL-safe base64) or from `<dataDir>/master.key`, created 0600 on
 * the first start. A key check value stored in the database lets a wrong key fail at start,
 * not at the first validation.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isErrno } from '../../../node-shared/errno.js';
import { StartupError } from '../startup-error.js';
import type { Storage } from '../storage/storage.js';

export const MASTER_KEY_BYTES = 32;
export const MASTER_KEY_FILE_NAME = 'master.key';
const KEY_CHECK_META = 'master_key_check';

/** Parse 64 hex digits or base64 of exactly 32 bytes; `source` names where it came from in errors. */
export function parseMasterKey(text: string, source: string): Uint8Array {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(t)) return new Uint8Array(Buffer.from(t, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(t)) {
    const bytes = Buffer.from(t.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === MASTER_KEY_BYTES) return new Uint8Array(bytes);
  }
  throw new StartupError(
    `${source} is not a valid master key: it must be ${MASTER_KEY_BYTES} bytes written as 64 hex digits or as base64 (44 characters). ` +
      `Generate one with: node -e "console.log(require('crypto').randomBytes(32).toString('hex'))"`,
  );
}

/** A public fingerprint of the key (HMAC of a fixed label): equal fingerprints, equal keys. */
export function keyCheckValue(key: Uint8Array): string {
  return createHmac('sha256', key).update('mamori master key check v1').digest('hex').slice(0, 32);
}

interface ResolveOptions {
  /** The configured key (MAMORI_MASTER_KEY, parsed by config.ts, or a caller's); else the key file. */
  readonly explicit: Uint8Array | undefined;
  readonly dataDir: string;
  readonly storage: Storage;
}

/** The key to use, after proving it is the one this database was created with. */
export async function resolveMasterKey({ explicit, dataDir, storage }: ResolveOptions): Promise<Uint8Array> {
  const stored = await storage.getMeta(KEY_CHECK_META);
  const file = join(dataDir, MASTER_KEY_FILE_NAME);
  let key: Uint8Array;
  if (explicit !== undefined) {
    if (explicit.length !== MASTER_KEY_BYTES) throw new StartupError(`The master key must be ${MASTER_KEY_BYTES} bytes; this one has ${explicit.length}.`);
    key = explicit;
  } else {
    key = readOrCreateKeyFile(file, stored !== null);
  }
  const check = keyCheckValue(key);
  // First start: remember the fingerprint. A peer starting at the same moment may win; then
  // both compare against the winner's.
  const expected = stored ?? (await storage.putMetaIfAbsent(KEY_CHECK_META, check));
  if (expected !== check) {
    throw new StartupError(
      'The master key does not match the one this database was created with, so stored secrets cannot be read. ' +
        `Refusing to start. Restore the original key (MAMORI_MASTER_KEY or ${file}).`,
    );
  }
  return key;
}

function readOrCreateKeyFile(file: string, databaseHasKey: boolean): Uint8Array {
  let text: string | null = null;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (!isErrno(error, 'ENOENT')) throw new StartupError(`Cannot read the master key file ${file}: ${(error as Error).message}`);
  }
  if (text === null) {
    if (databaseHasKey) {
      // Never mint a new key for a database that already holds secrets: they would be lost.
      throw new StartupError(
        `No master key: MAMORI_MASTER_KEY is not set and ${file} is missing, but this database already holds secrets encrypted with a key. ` +
          'Refusing to start; restore the key file or set MAMORI_MASTER_KEY.',
      );
    }
    const key = randomBytes(MASTER_KEY_BYTES);
    try {
      // 'wx': never overwrite a key another process has just written.
      writeFileSync(file, key.toString('hex') + '\n', { mode: 0o600, flag: 'wx' });
    } catch (error) {
      // Another instance starting at the same moment won the race: use its key.
      if (isErrno(error, 'EEXIST')) return parseMasterKey(readFileSync(file, 'utf8'), file);
      throw new StartupError(`Could not create the master key file ${file}: ${(error as Error).message}`);
    }
    return new Uint8Array(key);
  }
  if (process.platform !== 'win32') {
    const mode = statSync(file).mode & 0o777;
    // Like ssh with private keys: a key others can read is no longer a secret.
    if ((mode & 0o077) !== 0) throw new StartupError(`The master key file ${file} is readable by other users (mode ${mode.toString(8)}). Run: chmod 600 ${file}`);
  }
  return parseMasterKey(text, file);
}
