import { afterEach, describe, expect, it } from 'vitest';
import { codeAt, startHarness, type Harness } from './test-support/harness.js';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const validate = async (userId: string, code: string) => (await h.post('/v1/validate', { userId, code })).body;

describe('one use per code', () => {
  it('the same code twice: accepted, then replayed (not counted as a failure)', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    expect(await validate('alice', code)).toEqual({ result: 'accepted' });
    expect(await validate('alice', code)).toEqual({ result: 'rejected', reason: 'replayed' });
    expect(await validate('alice', ` ${code} `)).toEqual({ result: 'rejected', reason: 'replayed' });
    expect((await h.counters(cred.credentialId)).failures).toBe(0);
  });

  it('an older step after a newer one is replayed', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    h.clock.nextStep();
    const now = h.clock.ms;
    expect(await validate('alice', codeAt(cred.secret, now, 0))).toEqual({ result: 'accepted' });
    expect(await validate('alice', codeAt(cred.secret, now, -1))).toEqual({ result: 'rejected', reason: 'replayed' });
  });

  it('the next step after a used one is accepted', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual({ result: 'accepted' });
    h.clock.nextStep();
    expect(await validate('alice', codeAt(cred.secret, h.clock.ms))).toEqual({ result: 'accepted' });
  });

  it('the registration code cannot log in, even in the next step', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    const registrationCode = codeAt(cred.secret, h.clock.ms);
    expect(await validate('alice', registrationCode)).toEqual({ result: 'rejected', reason: 'replayed' });
    h.clock.nextStep();
    expect(await validate('alice', registrationCode)).toEqual({ result: 'rejected', reason: 'replayed' });
  });

  it('a code used to unregister is not accepted again', async () => {
    h = await startHarness();
    const cred = await h.enrol('alice');
    h.clock.nextStep();
    const code = codeAt(cred.secret, h.clock.ms);
    expect((await h.post('/v1/unregister', { userId: 'alice', code })).body).toEqual({ result: 'unregistered' });
    expect((await h.post('/v1/register', { userId: 'alice', credentialId: cred.credentialId, code })).body).toEqual({
      result: 'rejected',
      reason: 'invalid_code',
    });
  });
});
