/**
 * Login passwords, hashed with scrypt (node:crypto) and a random 16-byte salt per account.
 * Stored as `scrypt$N$r$p$salt$hash` (base64url) so parameters can be raised later without
 * breaking old hashes.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

// N = 2^15, r = 8, p = 1: OWASP's minimum for scrypt; about 50-100 ms here, 32 MiB of memory.
const PARAMS = { N: 32768, r: 8, p: 1 } as const;
const KEY_LENGTH = 32;
const MAX_PASSWORD_BYTES = 1024;

function derive(password: string, salt: Buffer, opts: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // maxmem must exceed 128 * N * r bytes; leave headroom.
    scrypt(password, salt, KEY_LENGTH, { ...opts, maxmem: 64 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, PARAMS);
  return ['scrypt', PARAMS.N, PARAMS.r, PARAMS.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

interface ParsedHash {
  readonly opts: { N: number; r: number; p: number };
  readonly salt: Buffer;
  readonly key: Buffer;
}

export function parseHash(stored: string): ParsedHash | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isSafeInteger(n) && n > 0) || N > 2 ** 20 || r > 32 || p > 16) return null;
  const salt = Buffer.from(parts[4] ?? '', 'base64url');
  const key = Buffer.from(parts[5] ?? '', 'base64url');
  if (salt.length < 16 || key.length !== KEY_LENGTH) return null;
  return { opts: { N, r, p }, salt, key };
}

/**
 * True when `password` matches `stored`. Overlong input is hashed all the same (truncated), so
 * a refusal costs the same whatever was typed.
 */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (parsed === null) throw new Error('A stored password hash is malformed.');
  const tooLong = Buffer.byteLength(password) > MAX_PASSWORD_BYTES;
  const key = await derive(tooLong ? password.slice(0, MAX_PASSWORD_BYTES) : password, parsed.salt, parsed.opts);
  return timingSafeEqual(key, parsed.key) && !tooLong;
}
