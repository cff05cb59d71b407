/**
 * CSRF tokens: HMAC-SHA256 of the session ID under the bank's key, so each session has its own
 * token without storing one, and a token is worthless once the session ID rotates. Every POST
 * must carry it in the `_csrf` field; SameSite=Strict cookies are the second layer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const CSRF_FIELD = '_csrf';

export function csrfToken(key: Buffer, sid: string): string {
  return createHmac('sha256', key).update(`csrf:${sid}`).digest('base64url');
}

export function checkCsrf(key: Buffer, sid: string, given: string | undefined): boolean {
  if (given === undefined || given.length > 100) return false;
  const expected = Buffer.from(csrfToken(key, sid));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
