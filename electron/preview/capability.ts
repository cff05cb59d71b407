/**
 * The preview's capability token: 256 random bits in the URL the person opens. Whoever does not
 * hold it (another user on this machine, a web page probing 127.0.0.1) gets nothing, not even the
 * page. It is made in the preview host process and never passed on a command line, where `ps`
 * would show it to every local user.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes as base64url: 43 characters, safe as a URL path segment. */
export function newCapabilityToken(): string {
  return randomBytes(32).toString('base64url');
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** Whether `text` has the shape of a token (not whether it is the right one). */
export function looksLikeToken(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}

/**
 * Constant-time comparison. Both sides are hashed first, so timingSafeEqual always compares two
 * 32-byte buffers and the time taken says nothing about the given text, not even its length.
 */
export function isCapabilityToken(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}
