/**
 * Relying-party API keys: 256 random bits, shown once, stored only as SHA-256. A fast hash is
 * enough here (unlike passwords) because the keys are high-entropy: nobody can guess one from
 * its hash.
 */
import { createHash, randomBytes } from 'node:crypto';

const KEY_PREFIX = 'mamori_rp_';
const KEY_PATTERN = /^mamori_rp_[A-Za-z0-9_-]{43}$/;

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function generatePartyId(): string {
  return 'rp_' + randomBytes(8).toString('hex');
}

/** The stored form. Also the lookup key, so no key is ever compared character by character. */
export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

/** Whether `key` has the form of a key we issue; anything else is refused before any lookup. */
export function isApiKeyShape(key: string): boolean {
  return KEY_PATTERN.test(key);
}
