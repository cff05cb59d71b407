import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt, PERIOD_MS, START, startHarness, stepOf, type Harness } from './test-support/harness.js';

let h: Harness;
let users = 0;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

/** A fresh user enrolled at START (so its last step is far below the moments tested). */
async function freshUser(): Promise<{ userId: string; secret: string; credentialId: string }> {
  const saved = h.clock.ms;
  h.clock.ms = START;
  const userId = `user-${++users}`;
  const cred = await h.enrol(userId);
  h.clock.ms = saved;
  return { userId, ...cred };
}

const validate = async (userId: string, code: string) => (await h.post('/v1/validate', { userId, code })).body;

describe('validation window around server time', () => {
  const T0 = START + 100 * PERIOD_MS; // mid-step, well after enrolment

  for (const k of [-1, 0, 1]) {
    it(`accepts the code of step T${k < 0 ? k : '+' + k} and learns drift ${k}`, async () => {
      const u = await freshUser();
      h.clock.ms = T0;
      expect(await validate(u.userId, codeAt(u.secret, T0, k))).toEqual({ result: 'accepted' });
      expect(await h.counters(u.credentialId)).toMatchObject({ lastStep: stepOf(T0) + k, drift: k, failures: 0 });
    });
  }

  for (const k of [-2, 2]) {
    it(`refuses the code of step T${k < 0 ? k : '+' + k} as invalid_code`, async () => {
      const u = await freshUser();
      h.clock.ms = T0;
      expect(await validate(u.userId, codeAt(u.secret, T0, k))).toEqual({ result: 'rejected', reason: 'invalid_code' });
      expect((await h.counters(u.credentialId)).failures).toBe(1);
    });
  }

  describe('one second either side of a step boundary', () => {
    const boundary = Math.floor(T0 / PERIOD_MS) * PERIOD_MS + 10 * PERIOD_MS;
    for (const offset of [-1000, 1000]) {
      const at = boundary + offset;
      for (const k of [-2, -1, 0, 1, 2]) {
        const accepted = Math.abs(k) <= 1;
        it(`${offset < 0 ? '1 s before' : '1 s after'} the boundary: step T${k < 0 ? k : '+' + k} is ${accepted ? 'accepted' : 'refused'}`, async () => {
          const u = await freshUser();
          h.clock.ms = at;
          const expected = accepted ? { result: 'accepted' } : { result: 'rejected', reason: 'invalid_code' };
          expect(await validate(u.userId, codeAt(u.secret, at, k))).toEqual(expected);
        });
      }
    }

    it('a code read 1 s before the boundary still works 1 s after it, but not a whole step later', async () => {
      const u1 = await freshUser();
      const u2 = await freshUser();
      const shown1 = codeAt(u1.secret, boundary - 1000);
      const shown2 = codeAt(u2.secret, boundary - 1000);
      h.clock.ms = boundary + 1000;
      expect(await validate(u1.userId, shown1)).toEqual({ result: 'accepted' });
      h.clock.ms = boundary + PERIOD_MS + 1000;
      expect(await validate(u2.userId, shown2)).toEqual({ result: 'rejected', reason: 'invalid_code' });
    });
  });

  it('follows a drifting token step by step, up to the ±4 cap', async () => {
    const u = await freshUser();
    h.clock.ms = T0;
    // Each success centres the window on the matched step, so a fast clock is followed...
    for (let k = 1; k <= 5; k++) expect(await validate(u.userId, codeAt(u.secret, T0, k)), `T+${k}`).toEqual({ result: 'accepted' });
    expect((await h.counters(u.credentialId)).drift).toBe(4);
    // ...but never beyond 4 steps: T+6 is outside T+3..T+5.
    expect(await validate(u.userId, codeAt(u.secret, T0, 6))).toEqual({ result: 'rejected', reason: 'invalid_code' });
  });

  it('without learned drift, T+2 is refused; after accepting T+1 it is inside the window', async () => {
    const u = await freshUser();
    h.clock.ms = T0;
    expect(await validate(u.userId, codeAt(u.secret, T0, 1))).toEqual({ result: 'accepted' });
    expect(await validate(u.userId, codeAt(u.secret, T0, 2))).toEqual({ result: 'accepted' });
    expect((await h.counters(u.credentialId)).drift).toBe(2);
  });
});
