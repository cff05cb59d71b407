import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, Base32Error } from './base32.js';

const bytes = (s: string) => new TextEncoder().encode(s);

describe('base32 (RFC 4648 §10 test vectors)', () => {
  it.each([
    ['', ''],
    ['f', 'MY'],
    ['fo', 'MZXQ'],
    ['foo', 'MZXW6'],
    ['foob', 'MZXW6YQ'],
    ['fooba', 'MZXW6YTB'],
    ['foobar', 'MZXW6YTBOI'],
  ])('%j <-> %s', (plain, encoded) => {
    expect(base32Encode(bytes(plain))).toBe(encoded);
    if (encoded) expect(new TextDecoder().decode(base32Decode(encoded))).toBe(plain);
  });

  it('accepts what people paste: spaces, hyphens, lower case, padding', () => {
    expect(base32Decode('mzxw 6ytb-oi======')).toEqual(bytes('foobar'));
  });

  it('refuses letters outside the alphabet and impossible lengths', () => {
    expect(() => base32Decode('MZXW1YTB')).toThrow(Base32Error);
    expect(() => base32Decode('MZX')).toThrow(/length/);
    expect(() => base32Decode('  ')).toThrow(/empty/);
  });

  it('round-trips random bytes', () => {
    for (let n = 1; n < 70; n++) {
      const data = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n * 11) & 0xff);
      expect(base32Decode(base32Encode(data))).toEqual(data);
    }
  });
});
