import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, Base64Error } from './base64.js';

describe('base64', () => {
  it('matches the RFC 4648 §10 vectors both ways', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'Zg=='], ['fo', 'Zm8='], ['foo', 'Zm9v'], ['foob', 'Zm9vYg=='], ['fooba', 'Zm9vYmE='], ['foobar', 'Zm9vYmFy']];
    for (const [plain, encoded] of vectors) {
      expect(base64Encode(new TextEncoder().encode(plain))).toBe(encoded);
      expect(new TextDecoder().decode(base64Decode(encoded))).toBe(plain);
    }
  });

  it('agrees with Node for random bytes, and decodes URL-safe and unpadded text', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = createHash('sha512').update(String(n)).digest().subarray(0, n % 64);
      const reference = Buffer.from(bytes).toString('base64');
      expect(base64Encode(bytes)).toBe(reference);
      expect(Buffer.from(base64Decode(Buffer.from(bytes).toString('base64url')))).toEqual(Buffer.from(bytes));
    }
  });

  it('refuses characters, lengths and trailing bits no encoder produces', () => {
    expect(() => base64Decode('Zm9v!')).toThrow(Base64Error);
    expect(() => base64Decode('Z')).toThrow(/impossible length/);
    expect(() => base64Decode('Zh==')).toThrow(/trailing bits/);
    expect(() => base64Decode('Zg===')).toThrow(/padding/);
  });
});
