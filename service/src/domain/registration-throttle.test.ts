/**
 * Registration throttling (registration-throttle.ts). Wrong registration codes never count toward
 * the credential's lockout (which nobody could clear for an unregistered credential); attempts
 * are counted per (party, user) and per (party, credential) in the database instead, and beyond
 * 10 in a 15-minute window refused with 429 without the code being checked. The numbers are the
 * README's, written out here so that changing them without the documentation fails. The clock
 * is injected; nothing waits for real time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { codeAt, startHarness, wrongCode, yieldingStorage, type Harness, type HarnessOptions, type Reply } from '../test-support/harness.js';
import { BACKEND_NAME } from '../test-support/test-database.js';

const LIMIT = 10;
const WINDOW_MS = 15 * 60_000;
const WINDOW_S = WINDOW_MS / 1000;

let h: Harness;
afterEach(async () => {
  await h?.close();
});

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly retryAfter: string | null;
}

/** POST /v1/register, keeping the Retry-After header (the harness's replies drop headers). */
async function register(userId: string, credentialId: string, code: string, key = h.apiKey): Promise<Answer> {
  const r = await fetch(`${h.service.url}/v1/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ userId, credentialId, code }),
  });
  return { status: r.status, body: await r.json(), retryAfter: r.headers.get('retry-after') };
}

const rejected = (reason: string) => ({ result: 'rejected', reason });

function expectThrottled(answer: Answer, seconds: number): void {
  expect(answer.status).toBe(429);
  expect(answer.body).toEqual({ error: { code: 'registration_throttled', message: expect.stringContaining('Retry-After') as unknown, retryAfter: seconds } });
  expect(answer.retryAfter).toBe(String(seconds));
}

const throttleRow = async (kind: 'user' | 'credential', key: string) =>
  h.sql<{ failures: number }>('SELECT failures FROM registration_throttle WHERE kind = ? AND key = ?', kind, key);

const auditRows = (event: string) =>
  h.sql<{ user_id: string | null; credential_id: string | null; result: string | null; reason: string | null }>(
    'SELECT user_id, credential_id, result, reason FROM audit_events WHERE event = ? ORDER BY id',
    event,
  );

describe('registration throttle', () => {
  it('50 wrong registration codes never lock the credential: its owner then registers it and logs in', async () => {
    h = await startHarness();
    const cred = await h.provision();
    // Ten wrong codes a window (all checked), five windows.
    for (let window = 0; window < 5; window++) {
      const bad = wrongCode(cred.secret, h.clock.ms);
      for (let i = 0; i < LIMIT; i++) expect((await register('mallory', cred.credentialId, bad)).body, `window ${window}, attempt ${i}`).toEqual(rejected('invalid_code'));
      expectThrottled(await register('mallory', cred.credentialId, bad), WINDOW_S);
      expect((await h.counters(cred.credentialId)).failures).toBe(0);
      h.clock.advance(WINDOW_MS);
    }
    expect((await h.sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE event = 'register' AND reason = 'invalid_code'"))[0]!.n).toBe(50);
    expect(await auditRows('lock')).toEqual([]);

    expect((await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
  });

  it('throttles a user after 10 failed attempts: 429 with retryAfter, even for the right code, until the window closes', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    // Every attempt that does not register counts for the user, whatever the reason.
    for (let i = 0; i < 7; i++) expect((await register('alice', cred.credentialId, bad)).body).toEqual(rejected('invalid_code'));
    expect((await register('alice', 'MAMO00000000', bad)).body).toEqual(rejected('unknown_credential'));
    expect((await register('alice', 'MAMO00000001', bad)).body).toEqual(rejected('malformed_credential_id'));
    expect((await register('alice', cred.credentialId, '12345')).body).toEqual(rejected('invalid_code'));
    expect(await throttleRow('user', 'alice')).toEqual([{ failures: LIMIT }]);

    // The right code is refused unchecked: not consumed, so a 429 tells nothing about the code.
    expectThrottled(await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S);
    expect((await h.counters(cred.credentialId)).lastStep).toBe(-1);
    // Nor is anything looked up for a throttled user: an unknown credential is refused the same way.
    expectThrottled(await register('alice', 'MAMO00000000', '123456'), WINDOW_S);
    h.clock.advance(5 * 60_000);
    expectThrottled(await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S - 300);

    // Other users, and the same user ID at another party, are not affected.
    const bobs = await h.provision();
    expect((await register('bob', bobs.credentialId, codeAt(bobs.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    const otherParty = await h.service.createRelyingParty('Other Bank');
    const theirs = await h.provision();
    expect((await register('alice', theirs.credentialId, codeAt(theirs.secret, h.clock.ms), otherParty.apiKey)).body).toEqual({ result: 'registered' });

    // One millisecond before the window closes: still refused; at its end: allowed again.
    h.clock.advance(WINDOW_MS - 5 * 60_000 - 1);
    expectThrottled(await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms)), 1);
    h.clock.advance(1);
    expect((await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    expect(await throttleRow('user', 'alice')).toEqual([]);

    // Audited: the throttle once (by the attempt that filled the window), then each refusal.
    expect(await auditRows('throttle')).toEqual([{ user_id: 'alice', credential_id: cred.credentialId, result: 'throttled', reason: 'user' }]);
    const refusals = (await auditRows('register')).filter((r) => r.result === 'throttled');
    expect(refusals).toHaveLength(4);
    expect(refusals.every((r) => r.user_id === 'alice' && r.reason === 'user')).toBe(true);
  });

  it('rotating user names against one credential hits the per-credential limit (10 code checks a window)', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 0; i < LIMIT; i++) expect((await register(`user-${i}`, cred.credentialId, bad)).body).toEqual(rejected('invalid_code'));
    expectThrottled(await register('user-10', cred.credentialId, bad), WINDOW_S);
    // No oracle for a fresh name either: the right code is refused unchecked, and not consumed.
    expectThrottled(await register('user-11', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S);
    expect((await h.counters(cred.credentialId)).lastStep).toBe(-1);
    // The price of the limit: the rightful owner waits for the window too (a pause, not a lock).
    expectThrottled(await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S);
    expect(await throttleRow('user', 'user-0')).toEqual([{ failures: 1 }]);
    expect(await auditRows('throttle')).toEqual([{ user_id: 'user-9', credential_id: cred.credentialId, result: 'throttled', reason: 'credential' }]);
    // Those users can still register other credentials.
    const other = await h.provision();
    expect((await register('user-10', other.credentialId, codeAt(other.secret, h.clock.ms))).body).toEqual({ result: 'registered' });

    h.clock.advance(WINDOW_MS);
    expect((await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
    expect(await throttleRow('credential', cred.credentialId)).toEqual([]);
  });

  it("a success clears the user's count: after stopping a token, a new one gets 10 fresh attempts", async () => {
    h = await startHarness();
    const first = await h.provision();
    for (let i = 0; i < LIMIT - 1; i++) await register('alice', first.credentialId, wrongCode(first.secret, h.clock.ms));
    expect(await throttleRow('user', 'alice')).toEqual([{ failures: LIMIT - 1 }]);
    // The 10th attempt, right this time.
    expect((await register('alice', first.credentialId, codeAt(first.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    expect(await throttleRow('user', 'alice')).toEqual([]);
    expect(await auditRows('throttle')).toEqual([]);
    h.clock.nextStep();
    expect((await h.post('/v1/unregister', { userId: 'alice', code: codeAt(first.secret, h.clock.ms) })).body).toEqual({ result: 'unregistered' });

    const second = await h.provision();
    const bad = wrongCode(second.secret, h.clock.ms);
    for (let i = 0; i < LIMIT; i++) expect((await register('alice', second.credentialId, bad)).body, `attempt ${i}`).toEqual(rejected('invalid_code'));
    expectThrottled(await register('alice', second.credentialId, bad), WINDOW_S);
  });

  it("a success does not clear another credential's count (no resetting a target with one's own token)", async () => {
    h = await startHarness();
    const target = await h.provision();
    const own = await h.provision();
    const bad = wrongCode(target.secret, h.clock.ms);
    const opened = h.clock.ms;
    for (let i = 0; i < LIMIT - 1; i++) await register('mallory', target.credentialId, bad);
    expect((await register('mallory', own.credentialId, codeAt(own.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
    h.clock.nextStep();
    expect((await h.post('/v1/unregister', { userId: 'mallory', code: codeAt(own.secret, h.clock.ms) })).body).toEqual({ result: 'unregistered' });
    // Mallory's own count starts again, but the target's is still 9: one more check, then none.
    expect((await register('mallory', target.credentialId, bad)).body).toEqual(rejected('invalid_code'));
    expectThrottled(await register('mallory', target.credentialId, codeAt(target.secret, h.clock.ms)), WINDOW_S - (h.clock.ms - opened) / 1000);
  });

  it('survives a restart of the service on the same database', async () => {
    h = await startHarness();
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 0; i < LIMIT; i++) await register('alice', cred.credentialId, bad);
    await h.restart();
    expectThrottled(await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S);
    // The credential's count survived as well.
    expectThrottled(await register('bob', cred.credentialId, codeAt(cred.secret, h.clock.ms)), WINDOW_S);
    h.clock.advance(WINDOW_MS);
    expect((await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
  });

  it('is described in the OpenAPI document (429 with retryAfter; no "locked" reason at registration)', async () => {
    h = await startHarness();
    const doc = (await (await fetch(`${h.service.url}/v1/openapi.json`)).json()) as {
      paths: Record<string, { post: { responses: Record<string, { description: string; content: { 'application/json': { schema: Record<string, unknown> } } }> } }>;
    };
    const responses = doc.paths['/v1/register']!.post.responses;
    expect(responses['429']!.description).toContain('registration_throttled');
    const schema = JSON.stringify(responses['429']!.content['application/json'].schema);
    expect(schema).toContain('"retryAfter"');
    expect(schema).toContain('"registration_throttled"');
    expect(JSON.stringify(responses['200'])).not.toContain('"locked"');
    // Other routes keep the generic 429.
    expect(doc.paths['/v1/validate']!.post.responses['429']!.description).not.toContain('registration_throttled');
  });
});

const variants: [string, HarnessOptions][] = [
  [BACKEND_NAME, {}],
  [`${BACKEND_NAME} behind a yielding (network-like) storage`, { wrapStorage: yieldingStorage }],
];

/** invalid_code, registered, ... or the error code of a 429. */
function tally(replies: readonly Reply[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const r of replies) {
    const b = r.body as { result?: string; reason?: string; error?: { code?: string } };
    const key = r.status === 429 ? (b.error?.code ?? '429') : (b.reason ?? b.result ?? String(r.status));
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

describe.each(variants)('registration throttle under concurrency on %s', (_name, options) => {
  it('30 parallel wrong codes from one user: all 30 counted, exactly 10 checked, the throttle audited once per key', async () => {
    h = await startHarness(options);
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 30 }, () => ({ path: '/v1/register', body: { userId: 'mallory', credentialId: cred.credentialId, code: bad } })));
    expect(tally(replies)).toEqual({ invalid_code: LIMIT, registration_throttled: 30 - LIMIT });
    expect(await throttleRow('user', 'mallory')).toEqual([{ failures: 30 }]);
    // Only the attempts the user's count let through reached the credential's.
    expect(await throttleRow('credential', cred.credentialId)).toEqual([{ failures: LIMIT }]);
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
    expect((await auditRows('throttle')).map((r) => r.reason).sort()).toEqual(['credential', 'user']);
  });

  it('30 parallel wrong codes from 30 user names on one credential: all counted on it, exactly 10 checked', async () => {
    h = await startHarness(options);
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 30 }, (_, i) => ({ path: '/v1/register', body: { userId: `user-${i}`, credentialId: cred.credentialId, code: bad } })));
    expect(tally(replies)).toEqual({ invalid_code: LIMIT, registration_throttled: 30 - LIMIT });
    expect(await throttleRow('credential', cred.credentialId)).toEqual([{ failures: 30 }]);
    expect(await h.sql("SELECT DISTINCT failures FROM registration_throttle WHERE kind = 'user'")).toEqual([{ failures: 1 }]);
    expect((await auditRows('throttle')).map((r) => r.reason)).toEqual(['credential']);
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
  });

  it('9 parallel wrong codes (under the limit) count exactly 9, and all are checked', async () => {
    h = await startHarness(options);
    const cred = await h.provision();
    const bad = wrongCode(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 9 }, () => ({ path: '/v1/register', body: { userId: 'alice', credentialId: cred.credentialId, code: bad } })));
    expect(tally(replies)).toEqual({ invalid_code: 9 });
    expect(await throttleRow('user', 'alice')).toEqual([{ failures: 9 }]);
    expect(await throttleRow('credential', cred.credentialId)).toEqual([{ failures: 9 }]);
    // The 10th still gets its check (and can succeed).
    expect((await register('alice', cred.credentialId, codeAt(cred.secret, h.clock.ms))).body).toEqual({ result: 'registered' });
  });
});
