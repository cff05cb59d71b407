import { describe, expect, it } from 'vitest';
import { hostRefusal, originRefusal, preferredLocale } from './request-checks.js';

const ORIGIN = 'http://127.0.0.1:8789';

describe('request checks (pure)', () => {
  it('accepts only Host 127.0.0.1:<port>', () => {
    expect(hostRefusal('127.0.0.1:8789', '127.0.0.1:8789')).toBeNull();
    for (const host of [undefined, '', 'localhost:8789', 'evil.example:8789', '127.0.0.1', '127.0.0.1:80', '[::1]:8789', '127.0.0.1:8789.evil.example'])
      expect(hostRefusal(host, '127.0.0.1:8789')?.code).toBe('wrong_host');
  });

  it('wants the own Origin on a POST, and no Origin at all is refused', () => {
    expect(originRefusal({ method: 'POST', origin: ORIGIN, secFetchSite: 'same-origin' }, ORIGIN)).toBeNull();
    expect(originRefusal({ method: 'POST', origin: undefined, secFetchSite: undefined }, ORIGIN)?.code).toBe('origin_required');
    for (const origin of ['null', 'http://localhost:8789', 'http://127.0.0.1:8788', 'https://127.0.0.1:8789', 'http://evil.example'])
      expect(originRefusal({ method: 'POST', origin, secFetchSite: undefined }, ORIGIN)?.code).toBe('wrong_origin');
  });

  it('lets a same-origin GET without Origin through (EventSource sends none), but not a foreign one', () => {
    expect(originRefusal({ method: 'GET', origin: undefined, secFetchSite: 'same-origin' }, ORIGIN)).toBeNull();
    expect(originRefusal({ method: 'GET', origin: 'http://evil.example', secFetchSite: undefined }, ORIGIN)?.code).toBe('wrong_origin');
    for (const site of ['cross-site', 'same-site', 'none'])
      expect(originRefusal({ method: 'GET', origin: undefined, secFetchSite: site }, ORIGIN)?.code).toBe('cross_site');
  });

  it("takes the browser's first language as the locale", () => {
    expect(preferredLocale('ja,en-US;q=0.9,en;q=0.8')).toBe('ja');
    expect(preferredLocale('en-GB;q=0.9')).toBe('en-GB');
    expect(preferredLocale('*')).toBeUndefined();
    expect(preferredLocale(undefined)).toBeUndefined();
  });
});
