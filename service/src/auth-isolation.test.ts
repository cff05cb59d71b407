import { afterEach, describe, expect, it } from 'vitest';
import { generateApiKey, hashApiKey } from './domain/api-keys.js';
import { codeAt, startHarness, wrongCode, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const routes: [string, Record<string, string>][] = [
  ['/v1/register', { userId: 'alice', credentialId: 'MAMO12345674', code: '123456' }],
  ['/v1/validate', { userId: 'alice', code: '123456' }],
  ['/v1/unregister', { userId: 'alice', code: '123456' }],
  ['/v1/unlock', { userId: 'alice' }],
];

describe('relying-party authentication', () => {
  it.each(routes)('%s answers 401 JSON without a valid Bearer key', async (path, body) => {
    h = await startHarness();
    const fakeButWellFormed = 'mamori_rp_' + 'A'.repeat(43);
    const headers: (Record<string, string> | null)[] = [
      null,
      { authorization: '' },
      { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
      { authorization: 'Bearer' },
      { authorization: 'Bearer not-a-key' },
      { authorization: `Bearer ${fakeButWellFormed}` },
      { authorization: `Bearer ${h.apiKey}x` },
      { authorization: `Bearer ${h.apiKey.slice(0, -1)}` },
    ];
    for (const extra of headers) {
      const r = await h.raw(path, { method: 'POST', headers: { 'content-type': 'application/json', ...extra }, body: JSON.stringify(body) });
      expect(r.status, JSON.stringify(extra)).toBe(401);
      expect(r.body).toMatchObject({ error: { code: 'unauthorized' } });
    }
  });

  it('401 comes before body validation, so strangers learn nothing about the schema', async () => {
    h = await startHarness();
    const r = await h.raw('/v1/validate', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{not json' });
    expect(r.status).toBe(401);
  });

  it('accepts the scheme name in any case', async () => {
    h = await startHarness();
    const r = await h.raw('/v1/unlock', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `bearer ${h.apiKey}` },
      body: JSON.stringify({ userId: 'nobody' }),
    });
    expect(r.body).toEqual({ result: 'rejected', reason: 'not_registered' });
  });

  it('stores only a hash of the API key', async () => {
    h = await startHarness();
    const rows = await h.sql<{ api_key_hash: Buffer }>('SELECT api_key_hash FROM relying_parties');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.api_key_hash).toHaveLength(32);
    expect(rows[0]!.api_key_hash.toString('latin1')).not.toContain(h.apiKey);
  });

  it('a key removed from the database stops working within the documented 60 s, at once on an instance that had not proven it; unknown keys are never cached', async () => {
    h = await startHarness();
    const other = await h.service.createRelyingParty('Leaving Bank');
    const asOther = () => h.post('/v1/unlock', { userId: 'x' }, other.apiKey).then((r) => r.status);
    expect(await asOther()).toBe(200); // proven once: cached by this instance for 60 s
    await h.exec('DELETE FROM relying_parties WHERE id = ?', other.id);
    h.clock.advance(59_999);
    expect(await asOther()).toBe(200); // the documented cache window (README, relying-party-auth.ts)
    h.clock.advance(1);
    expect(await asOther()).toBe(401);
    h.clock.advance(1);
    expect(await asOther()).toBe(401); // a refusal is never cached as a success
    // Another instance (here: the same database after a restart) never proved it: refused at once.
    const third = await h.service.createRelyingParty('Third Bank');
    expect((await h.post('/v1/unlock', { userId: 'x' }, third.apiKey)).status).toBe(200);
    await h.exec('DELETE FROM relying_parties WHERE id = ?', third.id);
    await h.restart();
    expect((await h.post('/v1/unlock', { userId: 'x' }, third.apiKey)).status).toBe(401);
    // A key unknown when first seen is asked of the database every time, so it works the moment it exists.
    const fresh = generateApiKey();
    expect((await h.post('/v1/unlock', { userId: 'x' }, fresh)).status).toBe(401);
    await h.exec('INSERT INTO relying_parties (id, name, api_key_hash, created_at) VALUES (?, ?, ?, ?)', 'rp_fresh', 'Fresh Bank', hashApiKey(fresh), h.clock.ms);
    expect((await h.post('/v1/unlock', { userId: 'x' }, fresh)).status).toBe(200);
  });

  it('enforces a per-key quota with 429 and lets the next window through', async () => {
    h = await startHarness({ relyingPartyQuota: { max: 5, windowMs: 10_000 } });
    const other = await h.service.createRelyingParty('Other Bank');
    for (let i = 0; i < 5; i++) expect((await h.post('/v1/unlock', { userId: 'x' })).status).toBe(200);
    const r = await h.post('/v1/unlock', { userId: 'x' });
    expect(r.status).toBe(429);
    expect(r.body).toMatchObject({ error: { code: 'rate_limited' } });
    // Quotas are per key: another party is unaffected.
    expect((await h.post('/v1/unlock', { userId: 'x' }, other.apiKey)).status).toBe(200);
    h.clock.advance(10_000);
    expect((await h.post('/v1/unlock', { userId: 'x' })).status).toBe(200);
  });
});

describe('isolation between relying parties', () => {
  it("one party can neither see, validate, lock, unlock nor unregister another party's user", async () => {
    h = await startHarness();
    const other = await h.service.createRelyingParty('Other Bank');
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    const asOther = (path: string, body: unknown) => h.post(path, body, other.apiKey).then((r) => r.body);

    expect(await asOther('/v1/validate', { userId: 'alice', code })).toEqual({ result: 'rejected', reason: 'not_registered' });
    expect(await asOther('/v1/unregister', { userId: 'alice', code })).toEqual({ result: 'rejected', reason: 'not_registered' });
    expect(await asOther('/v1/unlock', { userId: 'alice' })).toEqual({ result: 'rejected', reason: 'not_registered' });
    for (let i = 0; i < 20; i++) await asOther('/v1/validate', { userId: 'alice', code: wrongCode(cred.secret, h.clock.ms) });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);

    // The owner's code was not consumed by any of that.
    expect((await h.post('/v1/validate', { userId: 'alice', code })).body).toEqual({ result: 'accepted' });
  });

  it('the same userId at two parties is two different users', async () => {
    h = await startHarness();
    const other = await h.service.createRelyingParty('Other Bank');
    const mine = await h.enrol('alice');
    const theirs = await h.enrol('alice', other.apiKey);
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(theirs.secret, h.clock.ms) })).body).toEqual({
      result: 'rejected',
      reason: 'invalid_code',
    });
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(theirs.secret, h.clock.ms) }, other.apiKey)).body).toEqual({ result: 'accepted' });
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(mine.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
  });
});
