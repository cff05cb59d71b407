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

/** The key from an `Authorization: Bearer <key>` header, or null when absent or malformed. */
export function bearerKey(header: string | undefined): string | null {
  if (header === undefined || header.length > 200) return null;
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  const key = match?.[1];
  return key !== undefined && KEY_PATTERN.test(key) ? key : null;
}
