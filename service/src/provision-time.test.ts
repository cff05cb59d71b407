import { afterEach, describe, expect, it } from 'vitest';
import { base32Decode } from '../../core/base32.js';
import { checkCredentialId } from '../../core/credential-id.js';
import { START, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('GET /v1/time', () => {
  it('answers the (injected) server time as ISO 8601 with milliseconds, never cached', async () => {
    h = await startHarness();
    h.clock.ms = START + 123;
    const r = await fetch(h.service.url + '/v1/time');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(await r.json()).toEqual({ serverTime: new Date(START + 123).toISOString() });
  });
});

describe('POST /v1/provision', () => {
  it('issues a credential: prefixed Luhn ID, base32 of 20 bytes, SHA1/6/30, 3-year expiry', async () => {
    h = await startHarness();
    const r = await h.post('/v1/provision', { platform: 'linux' }, null);
    expect(r.status).toBe(201);
    const body = r.body as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['algorithm', 'credentialId', 'digits', 'expiresAt', 'period', 'secret', 'serverTime']);
    expect(checkCredentialId(String(body.credentialId), 'MAMO')).toEqual({ ok: true, id: body.credentialId });
    expect(base32Decode(String(body.secret))).toHaveLength(20);
    expect(body).toMatchObject({ algorithm: 'SHA1', digits: 6, period: 30 });
    expect(body.serverTime).toBe(new Date(START).toISOString());
    expect(body.expiresAt).toBe('2033-01-01T00:00:15.000Z');
  });

  it('uses the configured prefix and gives every credential its own secret', async () => {
    h = await startHarness({ credentialPrefix: 'BANK' });
    const a = await h.provision();
    const b = await h.provision();
    expect(a.credentialId.startsWith('BANK')).toBe(true);
    expect(a.credentialId).not.toBe(b.credentialId);
    expect(a.secret).not.toBe(b.secret);
  });

  it('rate-limits per IP with a 429 JSON error and Retry-After, then lets the next window through', async () => {
    h = await startHarness({ provisionRateLimit: { max: 3, windowMs: 60_000 } });
    for (let i = 0; i < 3; i++) expect((await h.post('/v1/provision', { platform: 'linux' }, null)).status).toBe(201);
    const refused = await fetch(h.service.url + '/v1/provision', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"platform":"linux"}' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toMatchObject({ error: { code: 'rate_limited' } });
    h.clock.advance(60_000);
    expect((await h.post('/v1/provision', { platform: 'linux' }, null)).status).toBe(201);
  });
});

describe('GET /v1/openapi.json', () => {
  it('describes every endpoint', async () => {
    h = await startHarness();
    const r = await fetch(h.service.url + '/v1/openapi.json');
    expect(r.status).toBe(200);
    const doc = (await r.json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths).sort()).toEqual(
      ['/v1/openapi.json', '/v1/provision', '/v1/register', '/v1/time', '/v1/unlock', '/v1/unregister', '/v1/validate'].sort(),
    );
  });
});
