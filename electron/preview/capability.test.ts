import { describe, expect, it } from 'vitest';
import { isCapabilityToken, looksLikeToken, newCapabilityToken } from './capability.js';

describe('capability token', () => {
  it('carries 256 random bits as 43 base64url characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newCapabilityToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(looksLikeToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('accepts only the exact token', () => {
    const token = newCapabilityToken();
    expect(isCapabilityToken(token, token)).toBe(true);
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    for (const wrong of [flipped, token.slice(0, -1), token + 'A', '', token.toLowerCase() === token ? token.toUpperCase() : token.toLowerCase()])
      expect(isCapabilityToken(wrong, token)).toBe(false);
  });

  it('refuses text that is not token-shaped', () => {
    for (const text of ['', 'short', 'a'.repeat(44), `${'a'.repeat(42)}/`, `${'a'.repeat(42)}=`]) expect(looksLikeToken(text)).toBe(false);
  });
});
