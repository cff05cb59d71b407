/**
 * The one-use and lockout rules under concurrent requests. Each case runs twice: on the plain
 * storage of the run's backend (SQLite, or PostgreSQL with MAMORI_TEST_DATABASE_URL), and with
 * every storage call yielding to the event loop first, as a network database would; on SQLite
 * the second is what exposes read-then-write races in one process. Several processes over one
 * PostgreSQL database: multi-instance.test.ts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_THRESHOLD } from './domain/code-window.js';
import { codeAt, startHarness, stepOf, wrongCode, yieldingStorage, type Harness, type HarnessOptions } from './test-support/harness.js';
import { BACKEND_NAME } from './test-support/test-database.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const variants: [string, HarnessOptions][] = [
  [BACKEND_NAME, {}],
  [`${BACKEND_NAME} behind a yielding (network-like) storage`, { wrapStorage: yieldingStorage }],
];

function tally(bodies: unknown[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const b of bodies) {
    const r = b as { result: string; reason?: string };
    const key = r.reason ?? r.result;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

const lockEvents = async (credentialId: string) =>
  (await h.sql<{ n: number }>("SELECT COUNT(*) AS n FROM audit_events WHERE event = 'lock' AND credential_id = ?", credentialId))[0]!.n;

describe.each(variants)('concurrency on %s', (_name, options) => {
  it('50 parallel validations of one valid code: exactly one accepted', async () => {
    h = await startHarness(options);
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 50 }, () => ({ path: '/v1/validate', body: { userId: 'alice', code } })));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(tally(replies.map((r) => r.body))).toEqual({ accepted: 1, replayed: 49 });
    expect(await h.counters(cred.credentialId)).toMatchObject({ lastStep: stepOf(h.clock.ms), failures: 0 });
  });

  it('50 parallel wrong codes: a consistent counter, exactly 10 counted, one lock', async () => {
    h = await startHarness(options);
    const cred = await h.enrol('alice');
    const bad = wrongCode(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 50 }, () => ({ path: '/v1/validate', body: { userId: 'alice', code: bad } })));
    expect(tally(replies.map((r) => r.body))).toEqual({ invalid_code: LOCK_THRESHOLD, locked: 50 - LOCK_THRESHOLD });
    expect((await h.counters(cred.credentialId)).failures).toBe(LOCK_THRESHOLD);
    expect(await lockEvents(cred.credentialId)).toBe(1);
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual({ result: 'rejected', reason: 'locked' });
  });

  it('a valid and an invalid code racing at the threshold end in one of the two consistent states', async () => {
    h = await startHarness(options);
    const outcomes = new Set<string>();
    for (let round = 0; round < 12; round++) {
      const userId = `racer-${round}`;
      const cred = await h.enrol(userId);
      h.clock.nextStep();
      const bad = wrongCode(cred.secret, h.clock.ms);
      for (let i = 0; i < LOCK_THRESHOLD - 1; i++) await h.post('/v1/validate', { userId, code: bad });
      expect((await h.counters(cred.credentialId)).failures).toBe(LOCK_THRESHOLD - 1);
      const good = codeAt(cred.secret, h.clock.ms);
      // Alternate who is sent first so both orders get exercised.
      const pair = round % 2 === 0 ? [good, bad] : [bad, good];
      const [first, second] = await h.burst(pair.map((code) => ({ path: '/v1/validate', body: { userId, code } })));
      const goodReply = (round % 2 === 0 ? first : second)!.body;
      const badReply = (round % 2 === 0 ? second : first)!.body;
      const { failures, lastStep } = await h.counters(cred.credentialId);
      expect(badReply).toEqual({ result: 'rejected', reason: 'invalid_code' });
      if ((goodReply as { result: string }).result === 'accepted') {
        // The success reset the counter before the failure counted: 1, not locked.
        expect(failures).toBe(1);
        expect(lastStep).toBe(stepOf(h.clock.ms));
        expect(await lockEvents(cred.credentialId)).toBe(0);
        outcomes.add('accepted-then-failure');
      } else {
        // The failure locked first: the correct code is refused and not consumed.
        expect(goodReply).toEqual({ result: 'rejected', reason: 'locked' });
        expect(failures).toBe(LOCK_THRESHOLD);
        expect(lastStep).toBeLessThan(stepOf(h.clock.ms));
        expect(await lockEvents(cred.credentialId)).toBe(1);
        outcomes.add('locked');
      }
    }
    // Which states occurred (both are legal); printed so a reader can see the race was real.
    console.info(`threshold race outcomes seen: ${[...outcomes].join(', ')}`);
  });

  it('50 parallel registrations of one credential with one code: exactly one registered', async () => {
    h = await startHarness(options);
    const cred = await h.provision();
    const code = codeAt(cred.secret, h.clock.ms);
    const replies = await h.burst(Array.from({ length: 50 }, (_, i) => ({ path: '/v1/register', body: { userId: `user-${i}`, credentialId: cred.credentialId, code } })));
    const counts = tally(replies.map((r) => (r.status === 429 ? { result: (r.body as { error: { code: string } }).error.code } : r.body)));
    expect(counts.registered).toBe(1);
    // Each attempt is counted against the credential before its code is checked (the winner's
    // success gives the slots back), so those beyond the 10th in flight are refused unchecked.
    expect((counts.invalid_code ?? 0) + (counts.already_registered ?? 0) + (counts.registration_throttled ?? 0)).toBe(49);
    expect(replies.filter((r) => r.status === 429)).toHaveLength(counts.registration_throttled ?? 0);
    expect((await h.sql<{ n: number }>('SELECT COUNT(*) AS n FROM registrations WHERE credential_id = ?', cred.credentialId))[0]!.n).toBe(1);
  });
});
