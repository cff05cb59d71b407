import { describe, expect, it } from 'vitest';
import { totp } from '../core/totp.js';
import { nodeHmac } from './node-hmac.js';

// RFC 6238 Appendix B, SHA-1 rows (8 digits), with the RFC's 20-byte ASCII seed.
const seed = new TextEncoder().encode('12345678901234567890');

describe('nodeHmac', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [20000000000, '65353130'],
  ])('gives the RFC 6238 code at %i s', (seconds, code) => {
    expect(totp(seed, seconds * 1000, { algorithm: 'SHA1', digits: 8, period: 30 }, nodeHmac)).toBe(code);
  });
});
