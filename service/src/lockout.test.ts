import { afterEach, describe, expect, it } from 'vitest';
import { LOCK_THRESHOLD } from './domain/code-window.js';
import { codeAt, startHarness, wrongCode, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const validate = async (userId: string, code: string) => (await h.post('/v1/validate', { userId, code })).body;
const invalid = { result: 'rejected', reason: 'invalid_code' };
const locked = { result: 'rejected', reason: 'locked' };

describe('lockout', () => {
  it('locks at exactly 10 consecutive failures; the correct code is then refused', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 1; i <= 9; i++) expect(await validate('alice', bad), `failure ${i}`).toEqual(invalid);
    expect((await h.counters(cred.credentialId)).failures).toBe(9);
    // The 10th failure is still answered invalid_code; it is the one that locks.
    expect(await validate('alice', bad)).toEqual(invalid);
    expect((await h.counters(cred.credentialId)).failures).toBe(10);
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual(locked);
    expect(await validate('alice', bad)).toEqual(locked);
    expect((await h.counters(cred.credentialId)).failures).toBe(10);
    // The refused correct code was not consumed.
    expect((await h.counters(cred.credentialId)).lastStep).toBeLessThan(Math.floor(h.clock.ms / 30_000));
  });

  it('9 failures then the correct code: accepted, and the counter resets', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 0; i < 9; i++) await validate('alice', bad);
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual({ result: 'accepted' });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
    // Consecutive means consecutive: 9 more failures still do not lock.
    for (let i = 0; i < 9; i++) await validate('alice', bad);
    h.clock.nextStep();
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual({ result: 'accepted' });
  });

  it('unlock by the relying party clears the lock; the next correct code is accepted', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 0; i < LOCK_THRESHOLD; i++) await validate('alice', bad);
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual(locked);
    expect((await h.post('/v1/unlock', { userId: 'alice' })).body).toEqual({ result: 'unlocked' });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual({ result: 'accepted' });
    const events = (await h.sql<{ event: string }>("SELECT event FROM audit_events WHERE event IN ('lock', 'unlock') ORDER BY id")).map((r) => r.event);
    expect(events).toEqual(['lock', 'unlock']);
  });

  it('unlock of an unknown user is a not_registered decision', async () => {
    h = await startHarness();
    expect((await h.post('/v1/unlock', { userId: 'nobody' })).body).toEqual({ result: 'rejected', reason: 'not_registered' });
  });

  it('unregister is refused while locked', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const bad = wrongCode(cred.secret, h.clock.ms);
    for (let i = 0; i < LOCK_THRESHOLD; i++) await validate('alice', bad);
    expect((await h.post('/v1/unregister', { userId: 'alice', code: codeAt(cred.secret, h.clock.ms) })).body).toEqual(locked);
  });

  it('malformed codes are refused without counting (they cannot be guesses)', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    for (const code of ['12345', '1234567', '12345678', 'abcdef', '١٢٣٤٥٦', '', '      ', '12 3456', '+12345', '-12345', '123.45']) {
      expect(await validate('alice', code), JSON.stringify(code)).toEqual(invalid);
    }
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
  });

  it('the audit trail records validations without codes or secrets', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    await validate('alice', code);
    await validate('alice', code);
    const rows = await h.sql<Record<string, unknown>>('SELECT * FROM audit_events ORDER BY id');
    expect(rows.map((r) => [r.event, r.result, r.reason])).toEqual([
      ['party_created', null, null],
      ['provision', 'provisioned', null],
      ['register', 'registered', null],
      ['validate', 'accepted', null],
      ['validate', 'rejected', 'replayed'],
    ]);
    const text = JSON.stringify(rows);
    expect(text).not.toContain(code);
    expect(text).not.toContain(cred.secret);
  });
});
