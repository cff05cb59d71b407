import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_THRESHOLD } from './domain/code-window.js';
import { MIGRATIONS } from './storage/migrations.js';
import { codeAt, startHarness, wrongCode, type Harness } from './test-support/harness.js';
import { BACKEND } from './test-support/test-database.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('persistence across a restart', () => {
  it('keeps replay state, failure counters, locks and registrations', async () => {
    h = await startHarness();
    const alice = await h.enrol('alice');
    const bob = await h.enrol('bob');
    const carol = await h.enrol('carol');
    h.clock.nextStep();
    const aliceCode = codeAt(alice.secret, h.clock.ms);
    expect((await h.post('/v1/validate', { userId: 'alice', code: aliceCode })).body).toEqual({ result: 'accepted' });
    const bobBad = wrongCode(bob.secret, h.clock.ms);
    for (let i = 0; i < 5; i++) await h.post('/v1/validate', { userId: 'bob', code: bobBad });
    const carolBad = wrongCode(carol.secret, h.clock.ms);
    for (let i = 0; i < LOCK_THRESHOLD; i++) await h.post('/v1/validate', { userId: 'carol', code: carolBad });
    const urlBefore = h.service.url;

    await h.restart();
    expect(h.service.url).not.toBe(urlBefore);

    // Replay state: the accepted code stays used.
    expect((await h.post('/v1/validate', { userId: 'alice', code: aliceCode })).body).toEqual({ result: 'rejected', reason: 'replayed' });
    // Counters: bob had 5; five more lock him, not ten.
    expect((await h.counters(bob.credentialId)).failures).toBe(5);
    for (let i = 0; i < 4; i++) expect((await h.post('/v1/validate', { userId: 'bob', code: bobBad })).body).toEqual({ result: 'rejected', reason: 'invalid_code' });
    expect((await h.post('/v1/validate', { userId: 'bob', code: bobBad })).body).toEqual({ result: 'rejected', reason: 'invalid_code' });
    expect((await h.post('/v1/validate', { userId: 'bob', code: codeAt(bob.secret, h.clock.ms) })).body).toEqual({ result: 'rejected', reason: 'locked' });
    // Locks persist.
    expect((await h.post('/v1/validate', { userId: 'carol', code: codeAt(carol.secret, h.clock.ms) })).body).toEqual({ result: 'rejected', reason: 'locked' });
    // Registrations persist.
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: alice.credentialId, code: '000000' })).body).toEqual({
      result: 'rejected',
      reason: 'already_registered',
    });
    h.clock.nextStep();
    expect((await h.post('/v1/validate', { userId: 'alice', code: codeAt(alice.secret, h.clock.ms) })).body).toEqual({ result: 'accepted' });
    // The relying party's key still works after a restart (it was used above); the schema is not re-applied.
    expect(await h.sql<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')).toEqual(MIGRATIONS.map((m) => ({ version: m.version })));
  });

  // SQLite only: PostgreSQL's durability is the server's (its own WAL and synchronous_commit).
  it.skipIf(BACKEND !== 'sqlite')('uses a WAL-mode database file in the data folder', async () => {
    h = await startHarness();
    expect(await h.sql<{ journal_mode: string }>('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
  });
});
