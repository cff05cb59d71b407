/** Small file helpers for the bank's data dir: owner-only permissions and atomic replacement. */
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Write `text` so that a crash leaves either the old or the new file, never half of one:
 * temp file (0600), fsync, rename.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  createSecretFile(temp, text);
  renameSync(temp, path);
}

/** Create a file exclusively with 0600 and fsync it (fails if it exists, so two starts cannot race a key). */
export function createSecretFile(path: string, text: string): void {
  const fd = openSync(path, 'wx', 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The file's text, or null when it does not exist. Other errors (permissions) propagate. */
export function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if (err instanceof Error && 'code' in err && err.code === 'ENOENT') return null;
    throw err;
  }
}

/**
 * A random key kept in the data dir, created on first use. 32 bytes, hex, 0600. A file that
 * exists but does not hold a key is an error, not a reason to make a new one silently (that
 * would sign every customer out without anyone noticing why).
 */
export function loadOrCreateKey(dataDir: string, name: string): Buffer {
  const path = join(dataDir, name);
  let text = readIfExists(path);
  if (text === null) {
    try {
      createSecretFile(path, randomBytes(32).toString('hex') + '\n');
    } catch (err) {
      if (!(err instanceof Error && 'code' in err && err.code === 'EEXIST')) throw err;
    }
    text = readFileSync(path, 'utf8');
  }
  const hex = text.trim();
  if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${path} does not hold a 32-byte hex key; move it aside to create a new one.`);
  return Buffer.from(hex, 'hex');
}
