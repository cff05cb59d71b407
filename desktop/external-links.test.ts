import { describe, expect, it } from 'vitest';
import { allowedExternalOrigins, isAllowedExternalUrl } from './external-links.js';

describe('external link allowlist', () => {
  it('allows the token service site and nothing else', () => {
    const allowed = allowedExternalOrigins('https://token.example.jp/api');
    expect(allowed).toEqual(['https://token.example.jp']);
    expect(isAllowedExternalUrl('https://token.example.jp/help', allowed)).toBe(true);
    expect(isAllowedExternalUrl('https://evil.example/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://token.example.jp.evil.example/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://token.example.jp@evil.example/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@token.example.jp/', allowed)).toBe(false);
    expect(isAllowedExternalUrl('http://token.example.jp/', allowed)).toBe(false);
  });

  it('refuses schemes that run or reach local things', () => {
    const allowed = allowedExternalOrigins('https://token.example.jp');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://token.example.jp/share', 'ms-settings:', 'not a url', '']) {
      expect(isAllowedExternalUrl(url, allowed), url).toBe(false);
    }
  });

  it('allows plain http only to a service on this computer (the demo)', () => {
    expect(allowedExternalOrigins('http://127.0.0.1:8787')).toEqual(['http://127.0.0.1:8787']);
    expect(isAllowedExternalUrl('http://127.0.0.1:8787/v1/openapi.json', allowedExternalOrigins('http://127.0.0.1:8787'))).toBe(true);
    expect(allowedExternalOrigins('http://token.example.jp')).toEqual([]);
    expect(allowedExternalOrigins('nonsense')).toEqual([]);
  });
});
